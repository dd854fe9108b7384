"""Forms of drama filings. They read what a person typed into the shapes the services take;
the services decide the rest (and say at which field something is wrong)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cloudpark.core import uploads
from cloudpark.core.forms import DateInput
from cloudpark.filings import enums, reference, regime

SEPARATOR = "|"


def _subject_choices():
    seen, choices = set(), []
    for table in (reference.SUBJECTS, reference.ANIMATION_SUBJECTS):
        for key, (name, name_en) in table.items():
            if key not in seen:
                seen.add(key)
                choices.append((key, f"{name} · {name_en}"))
    return choices


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class PlanningFilingForm(forms.Form):
    title = forms.CharField(
        label=_("Title (Chinese)"),
        max_length=120,
        help_text=_("Without 《》; full-width letters and digits are made half-width."),
    )
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=enums.DramaKind.choices)
    era = forms.ChoiceField(
        label=_("Era"),
        choices=[("", "—"), *enums.Era.choices],
        required=False,
        help_text=_("Not asked of animation."),
    )
    subject = forms.ChoiceField(
        label=_("Subject matter"),
        choices=_subject_choices(),
        help_text=_("From the era's list; animation has its own list."),
    )
    major_revolutionary = forms.BooleanField(label=_("Major revolutionary subject"), required=False)
    special_subjects = forms.MultipleChoiceField(
        label=_("Special subjects (need a co-review)"),
        choices=[(key, label) for key, (_name, label) in reference.SPECIAL_SUBJECTS.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    episodes = forms.IntegerField(label=_("Episodes"))
    minutes_per_episode = forms.DecimalField(
        label=_("Minutes per episode"), max_digits=5, decimal_places=1
    )
    planned_investment = forms.DecimalField(
        label=_("Planned investment (10,000 yuan)"), max_digits=14, decimal_places=2
    )
    promoted = forms.BooleanField(
        label=_("The platform's main push or home-screen placement"), required=False
    )
    shoot_starts_on = forms.DateField(label=_("Shooting starts"), widget=DateInput())
    shoot_ends_on = forms.DateField(label=_("Shooting ends"), widget=DateInput())
    synopsis = forms.CharField(
        label=_("Synopsis"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("At least %(count)d Chinese characters.")
        % {"count": reference.MIN_SYNOPSIS_CHARACTERS},
    )
    themes = forms.CharField(
        label=_("Statement of themes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("At least %(count)d Chinese characters.")
        % {"count": reference.MIN_THEMES_CHARACTERS},
    )
    episode_synopses = forms.CharField(
        label=_("Per-episode synopses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One episode per line, in order (series, micro-dramas and animation)."),
    )
    producers = forms.CharField(
        label=_("Producers"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One per line: credit code | licence number | licence expiry (YYYY-MM-DD) | "
            "lead (optional). Your enterprise is one of them."
        ),
    )
    people = forms.CharField(
        label=_("Writer, director, lead actors and foreign personnel"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One per line: role (writer, director, actor, foreign) | name | role played or job "
            "| nationality | approval document."
        ),
    )

    def clean_title(self):
        return regime.normalize_title(self.cleaned_data["title"])

    def clean_producers(self):
        producers = []
        for line in _lines(self.cleaned_data["producers"]):
            parts = [part.strip() for part in line.split(SEPARATOR)]
            if len(parts) < 3:
                raise forms.ValidationError(
                    _("Write each producer as: credit code | licence number | expiry.")
                )
            producers.append(
                {
                    "enterprise": parts[0],
                    "licence_number": parts[1],
                    "licence_expires_on": parts[2],
                    "is_lead": len(parts) > 3 and bool(parts[3]),
                }
            )
        return producers

    def clean_people(self):
        people = []
        roles = {value: value for value in enums.PersonRole.values}
        roles.update({str(label): value for value, label in enums.PersonRole.choices})
        for line in _lines(self.cleaned_data["people"]):
            parts = [part.strip() for part in line.split(SEPARATOR)] + [""] * 4
            if parts[0] not in roles:
                raise forms.ValidationError(
                    _("Begin each line with a role: writer, director, actor or foreign.")
                )
            people.append(
                {
                    "role": roles[parts[0]],
                    "name": parts[1],
                    "character": parts[2],
                    "nationality": parts[3],
                    "approval": parts[4],
                }
            )
        return people

    def clean_episode_synopses(self):
        return _lines(self.cleaned_data["episode_synopses"])

    @classmethod
    def initial_for(cls, filing):
        initial = {name: getattr(filing, name) for name in cls.base_fields if hasattr(filing, name)}
        initial["episode_synopses"] = "\n".join(filing.episode_synopses)
        initial["producers"] = "\n".join(
            SEPARATOR.join(
                [
                    producer.enterprise.credit_code,
                    producer.licence_number,
                    producer.licence_expires_on.isoformat(),
                    *(["lead"] if producer.is_lead else []),
                ]
            )
            for producer in filing.producers.all()
        )
        initial["people"] = "\n".join(
            SEPARATOR.join(
                [person.role, person.name, person.character, person.nationality, person.approval]
            ).rstrip(SEPARATOR)
            for person in filing.people.all()
        )
        return initial


class RenameForm(forms.Form):
    title = forms.CharField(label=_("New title (Chinese)"), max_length=120)
    title_en = forms.CharField(label=_("New title (English)"), max_length=200, required=False)


class ReleaseFilingForm(forms.Form):
    title = forms.CharField(label=_("Title as released"), max_length=120)
    episodes = forms.IntegerField(label=_("Episodes"))
    minutes_per_episode = forms.DecimalField(
        label=_("Minutes per episode"), max_digits=5, decimal_places=1
    )
    platforms = forms.CharField(
        label=_("Platforms"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One platform per line."),
    )
    actual_investment = forms.DecimalField(
        label=_("Actual investment (10,000 yuan)"), max_digits=14, decimal_places=2
    )
    actor_fees = forms.DecimalField(
        label=_("Actor fees (10,000 yuan)"), max_digits=14, decimal_places=2
    )
    synopsis = forms.CharField(
        label=_("Synopsis as made"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    episode_synopses = forms.CharField(
        label=_("Per-episode synopses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One episode per line, in order."),
    )
    ai_content_declared = forms.BooleanField(
        label=_("The work contains AI-generated content"), required=False
    )
    ai_content_note = forms.CharField(
        label=_("AI content: what and where"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_platforms(self):
        return _lines(self.cleaned_data["platforms"])

    def clean_episode_synopses(self):
        return _lines(self.cleaned_data["episode_synopses"])

    @classmethod
    def initial_for(cls, release):
        initial = {name: getattr(release, name) for name in cls.base_fields}
        initial["platforms"] = "\n".join(release.platforms)
        initial["episode_synopses"] = "\n".join(release.episode_synopses)
        return initial

    @classmethod
    def initial_from_planning(cls, planning):
        return {
            "title": planning.title,
            "episodes": planning.episodes,
            "minutes_per_episode": planning.minutes_per_episode,
            "synopsis": planning.synopsis,
            "episode_synopses": "\n".join(planning.episode_synopses),
            "actual_investment": planning.planned_investment,
        }


class MaterialForm(forms.Form):
    name = forms.CharField(
        label=_("Material"),
        max_length=100,
        help_text=_("Licence, contract, proof of production, co-review letter..."),
    )
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": uploads.accept_attribute()}),
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ConfirmForm(forms.Form):
    """A confirmation page's form: nothing to fill in, only a button to press."""


class LookUpForm(forms.Form):
    q = forms.CharField(label=_("Number or title"), max_length=120, required=False)


class CutForm(forms.Form):
    """A cut of the finished film, with its duration as the enterprise states it."""

    file = forms.FileField(
        label=_("Film file"),
        help_text=_("WebM or MP4, as the reviewers will watch it in the browser."),
        widget=forms.ClearableFileInput(
            attrs={"accept": uploads.accept_attribute(uploads.VIDEO_TYPES)}
        ),
    )
    duration = forms.CharField(
        label=_("Duration"), max_length=12, help_text=_("hh:mm:ss, mm:ss or seconds")
    )


def _clause_choices():
    return [(key, label) for key, (_name, label) in reference.PROHIBITED_CONTENT.items()]


class TimedCommentForm(forms.Form):
    start = forms.CharField(
        label=_("From"), max_length=12, help_text=_("hh:mm:ss, mm:ss or seconds")
    )
    end = forms.CharField(
        label=_("To"), max_length=12, required=False, help_text=_("Empty: the same moment")
    )
    category = forms.ChoiceField(label=_("Clause of the checklist"), choices=_clause_choices)
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))
