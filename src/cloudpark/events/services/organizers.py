"""The organisations listed as an event's organisers, in their roles and order."""

from django.db import transaction
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.core import audit
from cloudpark.core.errors import DomainError
from cloudpark.core.services import locked
from cloudpark.events import enums
from cloudpark.events.models import EventOrganizer
from cloudpark.events.services.common import _check_changeable, _next_position

ORGANIZER_ADDED = audit.register("events.organizer.added", _("Organiser added"))
ORGANIZER_REMOVED = audit.register("events.organizer.removed", _("Organiser removed"))
ORGANIZER_MOVED = audit.register("events.organizer.moved", _("Organisers reordered"))


def _refresh_organizer_names(event):
    names = []
    for organizer in event.organizers.select_related("organization"):
        if organizer.organization_id is not None:
            names += [organizer.organization.name, organizer.organization.name_en]
        else:
            names += [organizer.name, organizer.name_en]
    event.organizer_names = " ".join(name for name in names if name)
    event.save(update_fields=["organizer_names"])


@transaction.atomic
def add_organizer(event, *, actor, role, organization=None, name="", name_en=""):
    """List an organisation in an organiser role: one of the directory, or one by name."""
    event = locked(event)
    _check_changeable(event)
    name, name_en = name.strip(), name_en.strip()
    if organization is None and not name:
        raise DomainError(
            _t("Choose an organisation of the directory, or type the name of one not in it."),
            field="organization",
        )
    role = enums.OrganizerRole(role)
    if organization is not None:
        name = name_en = ""
        if event.organizers.filter(role=role, organization=organization).exists():
            raise DomainError(
                _t("%(name)s is already listed as %(role)s.")
                % {"name": organization.display_name, "role": role.label},
                field="organization",
            )
    organizer = EventOrganizer.objects.create(
        event=event,
        role=role,
        organization=organization,
        name=name,
        name_en=name_en,
        position=_next_position(event.organizers.filter(role=role)),
    )
    _refresh_organizer_names(event)
    audit.log_action(
        event,
        ORGANIZER_ADDED,
        actor=actor,
        data={
            "role": role.value,
            "organization": organization.pk if organization else None,
            "name": name or (organization.name if organization else ""),
        },
    )
    return organizer


@transaction.atomic
def remove_organizer(organizer, *, actor):
    event = locked(organizer.event)
    _check_changeable(event)
    organizer = EventOrganizer.objects.select_related("organization").get(pk=organizer.pk)
    data = {"role": organizer.role, "name": organizer.display_name}
    organizer.delete()
    _refresh_organizer_names(event)
    audit.log_action(event, ORGANIZER_REMOVED, actor=actor, data=data)
    return event


@transaction.atomic
def move_organizer(organizer, *, actor, offset):
    """Move an organiser one place up (``offset=-1``) or down (``+1``) within its role."""
    event = locked(organizer.event)
    _check_changeable(event)
    in_role = list(event.organizers.filter(role=organizer.role))
    index = next(i for i, item in enumerate(in_role) if item.pk == organizer.pk)
    target = index + offset
    if not 0 <= target < len(in_role):
        return event
    in_role[index], in_role[target] = in_role[target], in_role[index]
    for position, item in enumerate(in_role, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
    audit.log_action(event, ORGANIZER_MOVED, actor=actor, data={"role": organizer.role})
    return event
