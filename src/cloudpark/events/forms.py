"""Forms for events. They check what a person typed (and read times in the event's own time
zone); the services decide everything that depends on other records."""

from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cloudpark.core import validators
from cloudpark.core.forms import DateTimeInput
from cloudpark.core.i18n import with_english
from cloudpark.events import enums
from cloudpark.events.models import (
    Event,
    EventOrganizer,
    Exhibitor,
    Film,
    RegistrationQuestion,
    Session,
    Speaker,
)
from cloudpark.orgs.models import Organization

COVER_MAX_BYTES = 2 * 1024 * 1024
# The first bytes of the picture formats a cover may be in.
IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


def _in_zone(value, zone):
    """Read ``value`` (which Django made aware in the site's zone) as a wall-clock time in
    ``zone``: 09:00 typed for an event in Bangkok is 09:00 in Bangkok."""
    if value is None:
        return None
    wall_clock = timezone.make_naive(value, timezone.get_current_timezone())
    return timezone.make_aware(wall_clock, zone)


class ZonedTimesMixin:
    """Shows and reads ``zoned_fields`` in the zone of ``zone_for()``."""

    zoned_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.zoned_fields:
            if name in self.fields:
                self.fields[name].validators.append(validators.validate_plausible_date)

    def zone_for(self):
        return ZoneInfo(settings.TIME_ZONE)

    def show_times_in(self, zone):
        for name in self.zoned_fields:
            value = self.initial.get(name)
            if value is not None and timezone.is_aware(value):
                self.initial[name] = value.astimezone(zone).replace(tzinfo=None)

    def clean(self):
        cleaned = super().clean()
        zone = self.zone_for()
        for name in self.zoned_fields:
            if cleaned.get(name) is not None:
                cleaned[name] = _in_zone(cleaned[name], zone)
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The end must come after the start."))
        return cleaned


class EventForm(ZonedTimesMixin, forms.ModelForm):
    zoned_fields = ("starts_at", "ends_at", "registration_deadline")

    class Meta:
        model = Event
        fields = [
            *with_english(
                Event,
                "kind",
                "title",
                "theme",
                "starts_at",
                "ends_at",
                "time_zone",
                "city",
                "venue",
                "description",
                "cover",
                "registration_enabled",
                "capacity",
                "registration_deadline",
                "requires_approval",
                "has_waiting_list",
            )
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "registration_deadline": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "cover": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }

    def __init__(self, *args, parent=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.parent = parent
        if parent is not None:
            self.fields["kind"].choices = [
                choice for choice in self.fields["kind"].choices if choice[0]
            ]
            for name in ("time_zone", "city", "city_en"):
                self.initial.setdefault(name, getattr(parent, name))
        if self.instance.pk:
            self.show_times_in(self.instance.zone)
        self.fields["cover"].help_text = _("A JPEG, PNG or WebP picture of at most 2 MB.")

    def zone_for(self):
        return ZoneInfo(self.cleaned_data.get("time_zone") or settings.TIME_ZONE)

    def clean_cover(self):
        cover = self.cleaned_data.get("cover")
        if not cover or not hasattr(cover, "read") or getattr(cover, "_committed", False):
            return cover
        if cover.size > COVER_MAX_BYTES:
            raise forms.ValidationError(_("The picture is larger than 2 MB."))
        head = cover.read(16)
        cover.seek(0)
        if not (
            head.startswith(IMAGE_SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
        ):
            raise forms.ValidationError(_("This file is not a JPEG, PNG or WebP picture."))
        return cover

    def clean(self):
        cleaned = super().clean()
        deadline, ends_at = cleaned.get("registration_deadline"), cleaned.get("ends_at")
        if deadline and ends_at and deadline > ends_at:
            self.add_error(
                "registration_deadline",
                _("The registration deadline must fall before the event ends."),
            )
        return cleaned

    def service_values(self):
        values = {name: self.cleaned_data[name] for name in self.Meta.fields}
        if not values["cover"]:
            values["cover"] = ""
        return values


class EventCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, shown on the event page"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )


class OrganizerForm(forms.ModelForm):
    organization = forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        required=False,
        label=_("Organisation in the directory"),
        empty_label=_("Not in the directory: type its name below"),
    )

    class Meta:
        model = EventOrganizer
        fields = [*with_english(EventOrganizer, "role", "organization", "name")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.order_by("kind", "name")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("organization") and not (cleaned.get("name") or "").strip():
            self.add_error(
                "name", _("Choose an organisation of the directory, or type the name of one.")
            )
        return cleaned


class SessionForm(ZonedTimesMixin, forms.ModelForm):
    zoned_fields = ("starts_at", "ends_at")

    class Meta:
        model = Session
        fields = [
            "starts_at",
            "ends_at",
            "format",
            "title",
            "title_en",
            "place",
            "place_en",
            "description",
            "description_en",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 2}),
            "description_en": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.show_times_in(event.zone)

    def zone_for(self):
        return self.event.zone

    def service_values(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SpeakerForm(forms.ModelForm):
    class Meta:
        model = Speaker
        fields = [*with_english(Speaker, "name", "title", "organization_name")]

    def service_values(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ExhibitorInviteForm(forms.ModelForm):
    organization = forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        required=False,
        label=_("Organisation in the directory"),
        empty_label=_("Not in the directory: type its name below"),
    )

    class Meta:
        model = Exhibitor
        fields = [*with_english(Exhibitor, "organization", "name", "booth", "exhibits")]
        widgets = {
            "exhibits": forms.Textarea(attrs={"rows": 2}),
            "exhibits_en": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.order_by("kind", "name")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("organization") and not (cleaned.get("name") or "").strip():
            self.add_error(
                "name", _("Choose an organisation of the directory, or type the name of one.")
            )
        return cleaned


class ExhibitApplicationForm(forms.Form):
    exhibits = forms.CharField(
        label=_("What you will exhibit (Chinese)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    exhibits_en = forms.CharField(
        label=_("What you will exhibit (English)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class FilmForm(forms.ModelForm):
    class Meta:
        model = Film
        fields = [
            *with_english(
                Film,
                "title",
                "runtime_minutes",
                "director",
                "country_or_region",
                "language",
                "subtitles",
                "rights_holder",
                "permit_number",
                "synopsis",
            )
        ]
        widgets = {
            "synopsis": forms.Textarea(attrs={"rows": 3}),
            "synopsis_en": forms.Textarea(attrs={"rows": 3}),
        }

    def service_values(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ScreeningForm(ZonedTimesMixin, forms.Form):
    zoned_fields = ("starts_at", "ends_at")

    venue = forms.CharField(label=_("Venue (Chinese)"), max_length=200)
    venue_en = forms.CharField(label=_("Venue (English)"), max_length=300, required=False)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(
        label=_("Ends at"),
        widget=DateTimeInput(),
        required=False,
        help_text=_("Leave empty: the slot then lasts the film's runtime."),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event

    def zone_for(self):
        return self.event.zone


class QuestionForm(forms.ModelForm):
    class Meta:
        model = RegistrationQuestion
        fields = [*with_english(RegistrationQuestion, "label", "kind", "choices", "required")]
        widgets = {"choices": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == enums.QuestionKind.CHOICE:
            choices = [line for line in (cleaned.get("choices") or "").splitlines() if line.strip()]
            if len(choices) < 2:
                self.add_error("choices", _("Give at least two choices, one per line."))
        return cleaned

    def service_values(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


YES_NO_CHOICES = [("yes", _("Yes")), ("no", _("No"))]


class RegistrationForm(forms.Form):
    """The person's name for the ticket, their organisation, and the organiser's questions."""

    name = forms.CharField(label=_("Name on the ticket"), max_length=100)
    organization_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    job_title = forms.CharField(label=_("Title or position"), max_length=100, required=False)

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"question_{question.pk}"] = self._field_for(question)

    @staticmethod
    def _field_for(question):
        common = {"label": question.display_label, "required": question.required}
        if question.kind == enums.QuestionKind.LONG_TEXT:
            return forms.CharField(
                max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), **common
            )
        if question.kind == enums.QuestionKind.CHOICE:
            return forms.ChoiceField(
                choices=[(choice, choice) for choice in question.choice_list],
                widget=forms.RadioSelect,
                **common,
            )
        if question.kind == enums.QuestionKind.YES_NO:
            return forms.ChoiceField(choices=YES_NO_CHOICES, widget=forms.RadioSelect, **common)
        return forms.CharField(max_length=300, **common)

    def answers(self):
        return {
            str(question.pk): self.cleaned_data.get(f"question_{question.pk}", "")
            for question in self.questions
        }


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Ticket code"),
        max_length=600,
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-lg font-monospace",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "autofocus": True,
                "placeholder": "ABCDE-FGHJK",
            }
        ),
        help_text=_("Scan the QR code with the camera, or type the code printed under it."),
    )
