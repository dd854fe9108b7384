"""Forms of talent and jobs. They check what a person typed; the services decide the rest
(the salary rules, the words a posting may not use, consent), so that a refusal reads the
same on a page and in the API."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cloudpark.core.forms import DateInput, IdChoiceField
from cloudpark.jobs import enums
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs.models import Region


class SkillsField(forms.CharField):
    """Skills as one line, separated by commas: ``达芬奇, Premiere``."""

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        for separator in ("，", "、"):
            text = text.replace(separator, ",")
        return [skill.strip() for skill in text.split(",") if skill.strip()]


def _cities():
    return Region.objects.filter(level=org_enums.RegionLevel.CITY).order_by("code")


def _districts():
    return Region.objects.filter(level=org_enums.RegionLevel.DISTRICT).order_by("code")


class PlaceFormMixin:
    def _set_places(self):
        self.fields["city"].queryset = _cities()
        self.fields["district"].queryset = _districts()


class PostingForm(PlaceFormMixin, forms.Form):
    """A posting's fields. Salary and validity are checked by the service, whose message
    names the rule, not just the gap."""

    title = forms.CharField(label=_("Title"), max_length=100)
    category = forms.ChoiceField(label=_("Category"), choices=enums.JobCategory.choices)
    nature = forms.ChoiceField(label=_("Nature"), choices=enums.JobNature.choices)
    headcount = forms.IntegerField(label=_("Headcount"), min_value=1, max_value=999, initial=1)
    salary_min = forms.IntegerField(
        label=_("Salary from (thousand yuan a month)"), required=False, min_value=1
    )
    salary_max = forms.IntegerField(
        label=_("Salary to (thousand yuan a month)"), required=False, min_value=1
    )
    salary_months = forms.IntegerField(
        label=_("Months paid a year"), min_value=12, max_value=24, initial=12
    )
    experience = forms.ChoiceField(label=_("Experience"), choices=enums.Experience.choices)
    education = forms.ChoiceField(label=_("Education"), choices=enums.Education.choices)
    city = IdChoiceField(label=_("City"), queryset=Region.objects.none())
    district = IdChoiceField(label=_("District"), queryset=Region.objects.none(), required=False)
    skills = SkillsField(
        label=_("Skills"), required=False, help_text=_("Separated by commas: 达芬奇, Premiere")
    )
    description = forms.CharField(label=_("Job description"), widget=forms.Textarea)
    conditions = forms.CharField(
        label=_("Requirements"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    benefits = forms.CharField(
        label=_("Conditions and benefits"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_places()

    @classmethod
    def initial_for(cls, posting):
        return {name: getattr(posting, name) for name in cls.base_fields}

    def values(self):
        return dict(self.cleaned_data)


class ProfileForm(PlaceFormMixin, forms.Form):
    headline = forms.CharField(label=_("Headline"), max_length=100, required=False)
    summary = forms.CharField(
        label=_("About me"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    city = IdChoiceField(label=_("City"), queryset=Region.objects.none(), required=False)
    district = IdChoiceField(label=_("District"), queryset=Region.objects.none(), required=False)
    categories = forms.MultipleChoiceField(
        label=_("Fields I work in"),
        choices=enums.JobCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    experience = forms.ChoiceField(label=_("Experience"), choices=enums.Experience.choices[1:])
    education = forms.ChoiceField(label=_("Highest education"), choices=enums.Education.choices)
    skills = SkillsField(label=_("Skills"), required=False)
    visibility = forms.ChoiceField(
        label=_("Who sees my résumé"),
        choices=enums.ResumeVisibility.choices,
        widget=forms.RadioSelect,
        initial=enums.ResumeVisibility.ON_APPLY,
    )
    automated_ranking = forms.BooleanField(
        label=_("Let the platform suggest jobs to me and suggest me to employers"),
        required=False,
        initial=True,
        help_text=_(
            "Matching compares your fields, experience, education, place and skills with a "
            "posting's, and shows the reasons. Switch it off and no employer sees you "
            "suggested or ranked."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_places()

    @classmethod
    def initial_for(cls, profile):
        if profile is None:
            return {}
        return {name: getattr(profile, name) for name in cls.base_fields}


class EducationForm(forms.Form):
    school = forms.CharField(label=_("School"), max_length=100)
    degree = forms.ChoiceField(label=_("Degree"), choices=enums.Education.choices[1:])
    major = forms.CharField(label=_("Major"), max_length=100, required=False)
    start_year = forms.IntegerField(label=_("From"), min_value=1950, max_value=2100)
    end_year = forms.IntegerField(label=_("To"), min_value=1950, max_value=2100, required=False)


class ExperienceForm(forms.Form):
    employer = forms.CharField(label=_("Employer"), max_length=100)
    role = forms.CharField(label=_("Role"), max_length=100)
    category = forms.ChoiceField(
        label=_("Field"), choices=[("", "—"), *enums.JobCategory.choices], required=False
    )
    start_year = forms.IntegerField(label=_("From"), min_value=1950, max_value=2100)
    end_year = forms.IntegerField(label=_("To"), min_value=1950, max_value=2100, required=False)
    description = forms.CharField(
        label=_("What I did"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class WorkForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=100)
    role = forms.CharField(label=_("My role"), max_length=100, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=1950, max_value=2100, required=False)
    link = forms.URLField(label=_("Link"), required=False)
    description = forms.CharField(
        label=_("About the work"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


ROW_FORMS = {"education": EducationForm, "experience": ExperienceForm, "work": WorkForm}


class ApplyForm(forms.Form):
    """Applying: a message, and the separate consent the service insists on."""

    cover_letter = forms.CharField(
        label=_("Message to the employer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consent = forms.BooleanField(label=_("I agree"), required=False)

    def __init__(self, *args, consent_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = consent_text


class ApplicationMoveForm(forms.Form):
    target = forms.ChoiceField(
        label=_("Next step"),
        choices=[
            (state.value, state.label)
            for state in enums.ApplicationState
            if state in enums.EMPLOYER_MOVES and state != enums.ApplicationState.VIEWED
        ],
    )
    note = forms.CharField(
        label=_("Message to the candidate"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For an interview: when and where."),
    )


class ParkJobSettingsForm(forms.Form):
    review_postings = forms.BooleanField(
        label=_("Review the job postings of our enterprises before they are published"),
        required=False,
    )
    review_stages = forms.TypedChoiceField(
        label=_("Stages of review"),
        choices=enums.REVIEW_STAGE_CHOICES,
        coerce=int,
        initial=1,
        widget=forms.RadioSelect,
        help_text=_("Postings already in review finish the review they started."),
    )


class FollowForm(forms.Form):
    notify = forms.BooleanField(label=_("Tell me when they publish"), required=False, initial=True)
