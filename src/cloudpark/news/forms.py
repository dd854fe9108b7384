"""Forms of news. They check what a person typed; the services decide the rest."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cloudpark.core.forms import DateInput
from cloudpark.news import enums, taxonomies
from cloudpark.news.models import Article, Clarification, CorrectionRequest, DisclosureItem
from cloudpark.news.services import EDITED_FIELDS
from cloudpark.orgs.models import Organization


class TagsField(forms.CharField):
    """Tags typed in one line, separated by commas."""

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [tag.strip() for tag in text.replace("，", ",").split(",") if tag.strip()]


class ArticleForm(forms.ModelForm):
    tags = TagsField(label=_("Tags"), required=False, help_text=_("Separated by commas."))

    class Meta:
        model = Article
        fields = list(EDITED_FIELDS)
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}
        help_texts = {
            "body": _("Rich text: paragraphs, headings, lists, links, images and tables."),
            "is_repost": _("A repost names its source, original author and original title."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("policies", "programmes", "events", "enterprises"):
            self.fields[name].required = False

    def service_values(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ArticleFilesForm(forms.Form):
    cover_image = forms.FileField(
        label=_("Cover image"), required=False, help_text=_("JPEG or PNG.")
    )
    attachment = forms.FileField(
        label=_("Attachment"), required=False, help_text=_("PDF, Word, Excel, JPEG or PNG.")
    )


class CorrectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=enums.CorrectionKind.choices)
    wrong = forms.CharField(
        label=_("What was wrong (Chinese)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    wrong_en = forms.CharField(
        label=_("What was wrong (English)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    right = forms.CharField(
        label=_("What is right (Chinese)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    right_en = forms.CharField(
        label=_("What is right (English)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    body = forms.CharField(
        label=_("Corrected text"),
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
        help_text=_("Leave as it is when only the notice is added."),
    )
    translation_body = forms.CharField(
        label=_("Corrected text of the other language version"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )
    request = forms.ModelChoiceField(
        label=_("Asked for in request"),
        queryset=CorrectionRequest.objects.none(),
        required=False,
    )

    def __init__(self, *args, requests=None, translation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if requests is not None:
            self.fields["request"].queryset = requests
        if translation is None:
            del self.fields["translation_body"]

    def service_values(self, article):
        values = {
            name: self.cleaned_data[name]
            for name in ("kind", "wrong", "wrong_en", "right", "right_en", "request")
        }
        body = self.cleaned_data["body"].strip()
        if body and body != article.body:
            values["body"] = body
        if self.cleaned_data.get("translation_body", "").strip():
            values["translation_body"] = self.cleaned_data["translation_body"].strip()
        return values


class RequestForm(forms.ModelForm):
    """A correction request as anyone files it. Either contact will do; the service refuses
    a request with neither."""

    organization = forms.ModelChoiceField(
        label=_("Addressed to"), queryset=Organization.objects.none(), required=False
    )

    class Meta:
        model = CorrectionRequest
        fields = [
            "organization",
            "address",
            "remedy",
            "passage",
            "reason",
            "evidence",
            "evidence_file",
            "requester_name",
            "requester_email",
            "requester_phone",
        ]
        widgets = {
            "passage": forms.Textarea(attrs={"rows": 3}),
            "reason": forms.Textarea(attrs={"rows": 4}),
            "evidence": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "requester_email": _("An e-mail address or a phone number: we send the outcome there."),
        }

    def __init__(self, *args, article=None, publishers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if article is not None:
            del self.fields["organization"]
            del self.fields["address"]
        elif publishers is not None:
            self.fields["organization"].queryset = publishers
            self.fields["organization"].required = True
        for name in ("requester_email", "requester_phone"):
            self.fields[name].required = False

    def service_values(self):
        return dict(self.cleaned_data)


class StatusLookupForm(forms.Form):
    number = forms.CharField(label=_("Tracking number"), max_length=20)
    contact = forms.CharField(
        label=_("E-mail or phone"),
        max_length=254,
        help_text=_("As given with the request."),
    )


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=enums.RequestOutcome.choices)
    answer = forms.CharField(
        label=_("Answer to the requester"), widget=forms.Textarea(attrs={"rows": 4})
    )


class ClarificationForm(forms.ModelForm):
    sources = forms.CharField(
        label=_("Sources"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line: source | issuing unit | address (optional)."),
    )

    class Meta:
        model = Clarification
        fields = [
            "title",
            "title_en",
            "claim",
            "claim_en",
            "first_appeared_in",
            "first_appeared_on",
            "verdict",
            "facts",
            "facts_en",
            "category",
            "related_articles",
            "organizations",
        ]
        widgets = {
            "first_appeared_on": DateInput(),
            "claim": forms.Textarea(attrs={"rows": 3}),
            "claim_en": forms.Textarea(attrs={"rows": 3}),
            "facts": forms.Textarea(attrs={"rows": 5}),
            "facts_en": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, articles=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["related_articles"].required = False
        self.fields["organizations"].required = False
        if articles is not None:
            self.fields["related_articles"].queryset = articles
        if self.instance.pk:
            self.fields["sources"].initial = "\n".join(
                " | ".join(filter(None, (s.title, s.issuing_unit, s.url)))
                for s in self.instance.sources.all()
            )

    def clean_sources(self):
        rows = []
        for line in self.cleaned_data["sources"].splitlines():
            parts = [part.strip() for part in line.split("|")]
            if not any(parts):
                continue
            parts += ["", "", ""]
            rows.append({"title": parts[0], "issuing_unit": parts[1], "url": parts[2]})
        return rows

    def service_values(self):
        return dict(self.cleaned_data)


class DisclosureForm(forms.ModelForm):
    class Meta:
        model = DisclosureItem
        fields = [
            "index_number",
            "issuing_body",
            "document_number",
            "issued_on",
            "subject_category",
            "title",
            "title_en",
            "body",
        ]
        widgets = {"issued_on": DateInput(), "body": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The service gives the clear refusal for a missing number.
        for name in ("index_number", "issuing_body", "document_number"):
            self.fields[name].required = False
        self.fields["subject_category"].choices = [
            (category.key, category.display_name) for category in taxonomies.DISCLOSURE_CATEGORIES
        ]

    def service_values(self):
        return dict(self.cleaned_data)


class ClarificationFilterForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), required=False)
    verdict = forms.ChoiceField(
        label=_("Verdict"),
        required=False,
        choices=[("", _("All verdicts")), *enums.Verdict.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [
            ("", _("All categories")),
            *((c.key, c.display_name) for c in taxonomies.CLARIFICATION_CATEGORIES),
        ]
