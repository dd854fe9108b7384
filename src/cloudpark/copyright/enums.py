"""The copyright register's vocabularies, as the Copyright Protection Centre's registration
form names them (domain reference 6.2), and the state tables of a registration and of a
licensing request."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cloudpark.core.states import transition_table


class WorkCategory(models.TextChoices):
    """作品类别 of a work registration, plus computer software, which has its own register
    (计算机软件著作权登记) and its own two numbers."""

    WRITTEN = "written", _("Written work")
    ORAL = "oral", _("Oral work")
    MUSIC = "music", _("Musical work")
    DRAMA = "drama", _("Dramatic work")
    QUYI = "quyi", _("Quyi (storytelling and ballad singing)")
    DANCE = "dance", _("Choreographic work")
    ACROBATICS = "acrobatics", _("Acrobatic art work")
    FINE_ART = "fine_art", _("Work of fine art")
    ARCHITECTURE = "architecture", _("Architectural work")
    PHOTOGRAPHY = "photography", _("Photographic work")
    AUDIOVISUAL = "audiovisual", _("Audiovisual work")
    GRAPHIC = "graphic", _("Graphic work")
    MODEL = "model", _("Model work")
    OTHER = "other", pgettext_lazy("work category", "Other work")
    SOFTWARE = "software", _("Computer software")


class AudiovisualKind(models.TextChoices):
    FILM = "film", _("Film")
    TV_SERIES = "tv_series", _("Television series")
    DOCUMENTARY = "documentary", _("Documentary")
    ANIMATION = "animation", _("Animation")
    OTHER = "other", pgettext_lazy("audiovisual kind", "Other audiovisual work")


class OwnerKind(models.TextChoices):
    PERSON = "person", _("Natural person")
    LEGAL_PERSON = "legal_person", _("Legal person")
    UNINCORPORATED = "unincorporated", _("Unincorporated organisation")


class Signature(models.TextChoices):
    REAL_NAME = "real_name", _("Real name")
    ANONYMOUS = "anonymous", _("Anonymous")
    PEN_NAME = "pen_name", _("Pen name")


class CreationNature(models.TextChoices):
    ORIGINAL = "original", _("Original")
    ADAPTATION = "adaptation", _("Adaptation")
    TRANSLATION = "translation", _("Translation")
    ANNOTATION = "annotation", _("Annotation")
    COMPILATION = "compilation", _("Arrangement")


class Acquisition(models.TextChoices):
    ORIGINAL = "original", _("Acquired originally")
    DERIVED = "derived", _("Acquired by transfer or succession")


class Attribution(models.TextChoices):
    PERSONAL = "personal", _("Personal work")
    JOINT = "joint", _("Joint work")
    LEGAL_PERSON = "legal_person", _("Work of a legal person")
    EMPLOYMENT = "employment", _("Work made in employment")
    COMMISSIONED = "commissioned", _("Commissioned work")


class Holding(models.TextChoices):
    WHOLE = "whole", _("All rights")
    PART = "part", _("Part of the rights")


class RegistrationState(models.TextChoices):
    DRAFTED = "drafted", pgettext_lazy("copyright registration", "Drafted")
    SUBMITTED = "submitted", pgettext_lazy("copyright registration", "Submitted")
    REGISTERED = "registered", pgettext_lazy("copyright registration", "Registered")
    RETURNED = "returned", pgettext_lazy("copyright registration", "Returned")


REGISTRATION_TRANSITIONS = transition_table(
    RegistrationState,
    {
        RegistrationState.DRAFTED: {RegistrationState.SUBMITTED, RegistrationState.REGISTERED},
        RegistrationState.SUBMITTED: {RegistrationState.REGISTERED, RegistrationState.RETURNED},
        # A returned application is corrected and sent again.
        RegistrationState.RETURNED: {RegistrationState.SUBMITTED},
        RegistrationState.REGISTERED: set(),
    },
)
# The outcomes the registration centre gives a submitted application.
REGISTRATION_OUTCOMES = frozenset({RegistrationState.REGISTERED, RegistrationState.RETURNED})


class Medium(models.TextChoices):
    CINEMA = "cinema", _("Cinema")
    TELEVISION = "television", _("Television")
    ONLINE = "online", _("Online streaming")
    PRINT = "print", _("Print and publishing")
    MERCHANDISE = "merchandise", _("Merchandise")
    STAGE = "stage", _("Stage and live")


class Territory(models.TextChoices):
    MAINLAND = "mainland", _("Mainland China")
    HONG_KONG = "hong_kong", _("Hong Kong")
    MACAO = "macao", _("Macao")
    TAIWAN = "taiwan", _("Taiwan")
    OVERSEAS = "overseas", _("Outside China")


class PledgeState(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("pledge", "In force")
    RELEASED = "released", pgettext_lazy("pledge", "Released")


class RequestState(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("licensing request", "Requested")
    NEGOTIATING = "negotiating", pgettext_lazy("licensing request", "Negotiating")
    SIGNED = "signed", pgettext_lazy("licensing request", "Signed")
    DECLINED = "declined", pgettext_lazy("licensing request", "Declined")


OPEN_REQUEST_STATES = frozenset({RequestState.REQUESTED, RequestState.NEGOTIATING})
REQUEST_TRANSITIONS = transition_table(
    RequestState,
    {
        RequestState.REQUESTED: {RequestState.NEGOTIATING, RequestState.DECLINED},
        RequestState.NEGOTIATING: {RequestState.SIGNED, RequestState.DECLINED},
        RequestState.SIGNED: set(),
        RequestState.DECLINED: set(),
    },
)
HOLDER_MOVE_CHOICES = [
    (state.value, state.label)
    for state in RequestState
    if state in {RequestState.NEGOTIATING, RequestState.SIGNED, RequestState.DECLINED}
]
