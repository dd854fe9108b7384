"""Events for the portal matrix: each organisation of the world organises one."""

from cloudpark.events import enums, services
from tests.factories import (
    ExhibitionFactory,
    FilmFactory,
    PartFactory,
    RegistrationFactory,
    SessionFactory,
)


def organised_by(owner):
    """A published exhibition of ``owner`` open for registration, with a session and a
    screening part that shows a film."""
    event = ExhibitionFactory(owner=owner, registration_enabled=True, capacity=10)
    SessionFactory(event=event)
    part = PartFactory(parent=event, kind=enums.EventKind.SCREENING, registration_enabled=True)
    FilmFactory(event=part)
    return services.publish_event(event, actor=None)


def event_world(world):
    events = {
        key: organised_by(getattr(world, key))
        for key in ("park", "other_park", "government", "other_government")
    }
    # The individual portal's person holds one registration; someone else holds another.
    events["registration"] = RegistrationFactory(
        event=events["park"], user=world.people[("individual", "admin")]
    )
    events["other_registration"] = RegistrationFactory(event=events["park"])
    return events
