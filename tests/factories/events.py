"""Factories for events. Each one builds its object through the service that owns it, so that
a published event, a confirmed registration or a check-in is exactly what the platform makes.

``EventFactory(published=True, registration_enabled=True, capacity=2)`` is a published event
open for registration in a month's time.
"""

from datetime import timedelta

import factory
from django.utils import timezone

from cloudpark.events import enums, services
from cloudpark.events.models import (
    CheckIn,
    Event,
    EventOrganizer,
    Exhibitor,
    Film,
    Registration,
    RegistrationQuestion,
    Screening,
    Session,
    Speaker,
)
from tests.factories.accounts import UserFactory
from tests.factories.orgs import ParkFactory


def in_days(days, hour=9):
    """An aware moment ``days`` from now at ``hour`` o'clock, Beijing time."""
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class EventFactory(factory.django.DjangoModelFactory):
    """A draft event of a park a month from now; ``published=True`` publishes it."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    owner = factory.SubFactory(ParkFactory)
    parent = None
    kind = enums.EventKind.FORUM
    title = factory.Sequence(lambda n: f"视听产业发展论坛{n}")
    title_en = factory.Sequence(lambda n: f"Audiovisual Industry Forum {n}")
    theme = "科技赋能文化创新"
    starts_at = factory.LazyFunction(lambda: in_days(30))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=8))
    city = "杭州"
    city_en = "Hangzhou"
    venue = "之江文化中心"
    venue_en = "Zhijiang Cultural Centre"

    @classmethod
    def _create(cls, model_class, *args, owner, parent=None, **values):
        return services.create_event(owner, actor=None, parent=parent, **values)

    @factory.post_generation
    def published(self, create, extracted, **kwargs):
        if create and extracted:
            services.publish_event(self, actor=None)
            self.refresh_from_db()


class PartFactory(EventFactory):
    """A part (a sub-forum by default) of a new event, during its first two hours."""

    parent = factory.SubFactory(EventFactory)
    owner = factory.SelfAttribute("parent.owner")
    kind = enums.EventKind.SUB_FORUM
    title = factory.Sequence(lambda n: f"平行论坛{n}")
    title_en = factory.Sequence(lambda n: f"Parallel forum {n}")
    starts_at = factory.SelfAttribute("parent.starts_at")
    ends_at = factory.LazyAttribute(lambda part: part.starts_at + timedelta(hours=2))


class OrganizerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventOrganizer

    event = factory.SubFactory(EventFactory)
    role = enums.OrganizerRole.HOST
    organization = None
    name = factory.Sequence(lambda n: f"主办单位{n}")
    name_en = factory.Sequence(lambda n: f"Host {n}")

    @classmethod
    def _create(cls, model_class, *args, event, **values):
        return services.add_organizer(event, actor=None, **values)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    starts_at = factory.SelfAttribute("event.starts_at")
    ends_at = factory.LazyAttribute(lambda session: session.starts_at + timedelta(minutes=45))
    title = factory.Sequence(lambda n: f"主旨演讲{n}")
    title_en = factory.Sequence(lambda n: f"Keynote {n}")
    format = enums.SessionFormat.KEYNOTE
    place = "主会场"

    @classmethod
    def _create(cls, model_class, *args, event, **values):
        return services.add_session(event, actor=None, **values)


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    session = factory.SubFactory(SessionFactory)
    name = factory.Sequence(lambda n: f"嘉宾{n}")
    title = "总经理"
    organization_name = "之江影视有限公司"

    @classmethod
    def _create(cls, model_class, *args, session, **values):
        return services.add_speaker(session, actor=None, **values)


class ExhibitionFactory(EventFactory):
    kind = enums.EventKind.EXHIBITION
    title = factory.Sequence(lambda n: f"视听新技术展示会{n}")
    title_en = factory.Sequence(lambda n: f"Audiovisual Technology Show {n}")


class ExhibitorFactory(factory.django.DjangoModelFactory):
    """An invited exhibitor of a new exhibition, named but not in the directory."""

    class Meta:
        model = Exhibitor

    event = factory.SubFactory(ExhibitionFactory)
    organization = None
    name = factory.Sequence(lambda n: f"参展单位{n}")
    exhibits = "8K超高清制播系统"

    @classmethod
    def _create(cls, model_class, *args, event, **values):
        return services.invite_exhibitor(event, actor=None, **values)


class FilmWeekFactory(EventFactory):
    kind = enums.EventKind.FILM_WEEK
    title = factory.Sequence(lambda n: f"电影文化周{n}")
    title_en = factory.Sequence(lambda n: f"Film Culture Week {n}")
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(days=6))


class FilmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Film

    event = factory.SubFactory(FilmWeekFactory)
    title = factory.Sequence(lambda n: f"山海之间{n}")
    runtime_minutes = 98
    country_or_region = "中国"
    language = "汉语普通话"
    subtitles = "中英文"
    director = "林远"
    rights_holder = "之江影业"
    permit_number = ""

    @classmethod
    def _create(cls, model_class, *args, event, **values):
        return services.add_film(event, actor=None, **values)


class ScreeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Screening

    film = factory.SubFactory(FilmFactory)
    venue = "南宁影城1号厅"
    starts_at = factory.LazyAttribute(lambda screening: screening.film.event.starts_at)

    @classmethod
    def _create(cls, model_class, *args, film, **values):
        return services.add_screening(film, actor=None, **values)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegistrationQuestion

    event = factory.SubFactory(EventFactory)
    label = "您关注的议题"
    kind = enums.QuestionKind.TEXT
    required = False

    @classmethod
    def _create(cls, model_class, *args, event, **values):
        return services.add_question(event, actor=None, **values)


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A registration made by ``services.register``: confirmed for an open event with seats,
    waiting for a full one, pending where approval is needed."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory, published=True, registration_enabled=True)
    user = factory.SubFactory(UserFactory)
    name = factory.LazyAttribute(lambda registration: registration.user.name)
    organization_name = "之江影视有限公司"

    @classmethod
    def _create(cls, model_class, *args, event, user, **values):
        return services.register(event, user, actor=user, **values)


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckIn

    registration = factory.SubFactory(RegistrationFactory)
    door = factory.SelfAttribute("registration.event")

    @classmethod
    def _create(cls, model_class, *args, registration, door, **values):
        return services.check_in(door, registration.code, actor=None, **values)
