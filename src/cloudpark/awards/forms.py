"""Forms of the awards. They check what a person typed; the services decide the rest."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from cloudpark.awards import enums
from cloudpark.awards.services.common import plain
from cloudpark.awards.services.entries import SCAN_TYPES
from cloudpark.core import uploads
from cloudpark.core.forms import DateInput


def parse_credits(text):
    """``[{"name", "role"}]`` from lines "role: name" (a full-width colon works too)."""
    credits = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        role, separator, name = line.replace("：", ":").partition(":")
        if not separator:
            raise forms.ValidationError(
                _("Write each creator on a line as “role: name”, e.g. “导演: 李明”.")
            )
        credits.append({"role": role.strip(), "name": name.strip()})
    return credits


class EntryForm(forms.Form):
    """An entry's recommendation form: the fields of the provincial recommendation table."""

    category = forms.ModelChoiceField(label=_("Category"), queryset=None)
    title = forms.CharField(label=_("Title (Chinese)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    recommender_name = forms.CharField(label=_("Recommending unit"), max_length=200)
    broadcast_on = forms.DateField(label=_("Broadcast on"), widget=DateInput())
    column = forms.CharField(label=_("Column or channel"), max_length=200)
    minutes = forms.IntegerField(label=_("Length: minutes"), min_value=0, max_value=999)
    seconds = forms.IntegerField(label=_("Length: seconds"), min_value=0, max_value=59)
    credits = forms.CharField(
        label=_("Creators and their roles"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line, “role: name”."),
    )
    synopsis = forms.CharField(
        label=_("Synopsis"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    recommendation = forms.CharField(
        label=_("Recommendation opinion"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    recommendation_scan = forms.FileField(
        label=_("Sealed recommendation (scan)"),
        required=False,
        help_text=_("The signed and sealed recommendation form, as PDF, JPG or PNG."),
        widget=forms.ClearableFileInput(attrs={"accept": uploads.accept_attribute(SCAN_TYPES)}),
    )
    media_url = forms.URLField(label=_("Media link"), required=False)
    media_file = forms.FileField(label=_("Media file"), required=False)
    filing_number = forms.CharField(
        label=_("Filing or licence number (dramas)"),
        max_length=60,
        required=False,
        help_text=_(
            "A drama's planning filing number or distribution licence number, as issued to "
            "the entering or recommending unit; it is checked against the filing archive."
        ),
    )

    def __init__(self, *args, scheme, entry=None, **kwargs):
        if entry is not None and not kwargs.get("initial"):
            minutes, seconds = divmod(entry.length_seconds, 60)
            kwargs["initial"] = {
                "category": entry.category_id,
                "title": entry.title,
                "title_en": entry.title_en,
                "recommender_name": entry.recommender_display,
                "broadcast_on": entry.broadcast_on,
                "column": entry.column,
                "minutes": minutes,
                "seconds": seconds,
                "credits": "\n".join(f"{c.role}: {c.name}" for c in entry.credits.all()),
                "synopsis": entry.synopsis,
                "recommendation": entry.recommendation,
                "media_url": entry.media_url,
                "filing_number": entry.filing_number,
            }
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = scheme.categories.order_by("position")

    def clean_credits(self):
        return parse_credits(self.cleaned_data["credits"])

    def clean(self):
        cleaned = super().clean()
        minutes, seconds = cleaned.get("minutes"), cleaned.get("seconds")
        if minutes is not None and seconds is not None and minutes * 60 + seconds < 1:
            self.add_error("seconds", _("Give the length of the work."))
        return cleaned

    def service_values(self):
        data = dict(self.cleaned_data)
        data["length_seconds"] = data.pop("minutes") * 60 + data.pop("seconds")
        for name in ("recommendation_scan", "media_file"):
            if not data.get(name):
                data.pop(name, None)
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ScoreForm(forms.Form):
    """One score and comment per criterion of the rubric, on the scheme's scale."""

    def __init__(self, *args, scheme, scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(scheme.criteria.all())
        given = {score.criterion_id: score for score in scores or ()}
        for criterion in self.criteria:
            earlier = given.get(criterion.pk)
            self.fields[f"criterion_{criterion.pk}"] = forms.DecimalField(
                label=f"{criterion.display_name} (×{plain(criterion.weight)})",
                max_digits=5,
                decimal_places=2,
                initial=earlier.value if earlier else None,
                help_text=_("From %(low)s to %(high)s.")
                % {"low": plain(scheme.scale_min), "high": plain(scheme.scale_max)},
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                initial=earlier.comment if earlier else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def scores(self):
        return {
            criterion.pk: (
                self.cleaned_data[f"criterion_{criterion.pk}"],
                self.cleaned_data.get(f"comment_{criterion.pk}", ""),
            )
            for criterion in self.criteria
        }


class BallotForm(forms.Form):
    entries = forms.ModelMultipleChoiceField(
        label=_("Works you vote for"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].queryset = entries


class ObjectionForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=50)
    organization_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    contact = forms.CharField(label=_("Phone or e-mail"), max_length=100)
    text = forms.CharField(
        label=_("What is wrong with this result"), widget=forms.Textarea(attrs={"rows": 4})
    )
    evidence = forms.CharField(
        label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PublicObjectionForm(forms.Form):
    """The public objection form: signed (name, organisation, contact) and specific (what is
    wrong, and the evidence)."""

    name = forms.CharField(label=_("Your name"), max_length=50)
    organization_name = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        help_text=_("The unit you write for, or “individual”."),
    )
    contact = forms.CharField(
        label=_("Phone or e-mail"),
        max_length=100,
        help_text=_("Only the organisers see it in full; you follow the objection with it."),
    )
    text = forms.CharField(
        label=_("What is wrong with this result"), widget=forms.Textarea(attrs={"rows": 4})
    )
    evidence = forms.CharField(label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 3}))


class ObjectionLookupForm(forms.Form):
    reference = forms.CharField(label=_("Tracking reference"), max_length=20)
    contact = forms.CharField(
        label=_("Phone or e-mail"), max_length=100, help_text=_("As given with the objection.")
    )


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (enums.ObjectionState.DISMISSED.value, enums.ObjectionState.DISMISSED.label),
            (enums.ObjectionState.UPHELD.value, enums.ObjectionState.UPHELD.label),
        ],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}))
    disqualify = forms.BooleanField(
        label=_("Disqualify the entry (only with an upheld objection)"), required=False
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revocation"), widget=forms.Textarea(attrs={"rows": 3})
    )


class JurorForm(forms.Form):
    """Seat a person with an account on the jury."""

    email = forms.EmailField(label=_("E-mail of their account"))
    name = forms.CharField(label=_("Name"), max_length=50)
    title = forms.CharField(label=_("Title or position"), max_length=200, required=False)
    is_chair = forms.BooleanField(label=_("Chair"), required=False)
    is_voting = forms.BooleanField(label=_("Votes"), required=False, initial=True)
    categories = forms.ModelMultipleChoiceField(
        label=_("Categories"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: the juror judges every category."),
    )

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = scheme.categories.order_by("position")

    def clean_email(self):
        user = (
            get_user_model()
            .objects.filter(email__iexact=self.cleaned_data["email"], is_active=True)
            .first()
        )
        if user is None:
            raise forms.ValidationError(_("Nobody has an account with this e-mail address."))
        return user


class AffiliationForm(forms.Form):
    name = forms.CharField(label=_("Organisation"), max_length=200)
    starts_on = forms.DateField(label=_("From"), required=False, widget=DateInput())
    ends_on = forms.DateField(label=_("Until"), required=False, widget=DateInput())


class RelationForm(forms.Form):
    person_name = forms.CharField(label=_("Person"), max_length=50)
    description = forms.CharField(
        label=_("Relation"), max_length=200, help_text=_("Spouse, former student, partner...")
    )


class SchemeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=12,
        help_text=_("e.g. HYTV; it starts every certificate number."),
    )
    edition = forms.IntegerField(label=_("Edition"), min_value=1)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title (Chinese)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    eligible_from = forms.DateField(label=_("Works broadcast from"), widget=DateInput())
    eligible_until = forms.DateField(label=_("Works broadcast until"), widget=DateInput())
    entries_open_on = forms.DateField(label=_("Entries open on"), widget=DateInput())
    entries_close_on = forms.DateField(label=_("Entries close on"), widget=DateInput())
    scale_min = forms.DecimalField(
        label=_("Lowest score"), initial=0, max_digits=5, decimal_places=2
    )
    scale_max = forms.DecimalField(
        label=_("Highest score"), initial=10, max_digits=5, decimal_places=2
    )
    objection_channel = forms.CharField(
        label=_("Where objections go"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The office, address and telephone that receive signed objections."),
    )


class SchemeEditForm(SchemeForm):
    """The set-up that may change until judging starts: the code, edition and year stay."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("code", "edition", "year"):
            del self.fields[name]


class CategoryForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=8)
    name = forms.CharField(label=_("Name (Chinese)"), max_length=50)
    name_en = forms.CharField(label=_("Name (English)"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for level in enums.AwardLevel:
            self.fields[f"quota_{level.value}"] = forms.IntegerField(
                label=_("Quota: %(level)s") % {"level": level.label}, min_value=1, required=False
            )

    def quotas(self):
        return {
            level.value: self.cleaned_data.get(f"quota_{level.value}") for level in enums.AwardLevel
        }


class CategoryEditForm(CategoryForm):
    """A category's names and quotas; its code is part of every certificate number."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["code"]


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Name (Chinese)"), max_length=100)
    name_en = forms.CharField(label=_("Name (English)"), max_length=150, required=False)
    weight = forms.DecimalField(label=_("Weight"), max_digits=5, decimal_places=2, min_value=0)


class RoundForm(forms.Form):
    kind = forms.ChoiceField(label=_("Round"), choices=enums.RoundKind.choices)
    mode = forms.ChoiceField(label=_("Mode"), choices=enums.RoundMode.choices)
    quorum = forms.DecimalField(
        label=_("Quorum (share of the jury)"), initial="0.80", max_digits=3, decimal_places=2
    )
    advances = forms.IntegerField(
        label=_("Entries per category that go on"),
        min_value=1,
        required=False,
        help_text=_("Leave blank for the final round."),
    )
    rank_by = forms.ChoiceField(label=_("Ranked by"), choices=enums.RankBy.choices)


class OrganizerForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=enums.OrganizerRole.choices)
    name = forms.CharField(label=_("Name (Chinese)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=300, required=False)
