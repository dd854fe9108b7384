"""Forms of the programme pages: the enterprise's application and its materials, the
government's policies, programmes, eligibility rules, application forms and notices, the
public's objections, and the flow's own decision fields (the amount the chief approves). They
check what a person typed; ``programs.services`` decides the rest."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cloudpark.core import uploads, validators
from cloudpark.core.forms import DateInput, DateTimeInput
from cloudpark.orgs.models import QualificationTag
from cloudpark.programs import eligibility, questions, selectors, services
from cloudpark.programs.enums import Combinator, FieldKind, RuleKind
from cloudpark.programs.models import Application, Policy, Programme, PublicNotice
from cloudpark.reviews.enums import Decision

ANSWER_PREFIX = "answer_"


# Applications ---------------------------------------------------------------------------------


def _answer_field(question):
    label = question["label"]
    required = False  # completeness is checked on submission, so a draft can be saved half done
    kind = question.get("kind", FieldKind.TEXT)
    if kind == FieldKind.NUMBER:
        return forms.DecimalField(label=label, required=required, max_digits=18, decimal_places=4)
    if kind == FieldKind.DATE:
        return forms.DateField(label=label, required=required, widget=DateInput())
    if kind == FieldKind.CHOICE:
        return forms.ChoiceField(
            label=label,
            required=required,
            choices=[("", "—"), *[(c["value"], c["label"]) for c in question["choices"]]],
        )
    return forms.CharField(
        label=label,
        required=required,
        max_length=questions.MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ApplicationForm(forms.Form):
    """The amount requested and the programme's own questions."""

    requested_amount = forms.DecimalField(
        label=_("Amount requested (yuan)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        for question in programme.questions:
            field = _answer_field(question)
            if question.get("required", True):
                field.help_text = _("Required for submission.")
            self.fields[ANSWER_PREFIX + question["key"]] = field
        if programme.budget == 0:
            del self.fields["requested_amount"]

    @classmethod
    def initial_for(cls, application):
        return {
            "requested_amount": application.requested_amount,
            **{ANSWER_PREFIX + key: value for key, value in (application.answers or {}).items()},
        }

    def answers(self):
        values = {}
        for name, value in self.cleaned_data.items():
            if name.startswith(ANSWER_PREFIX) and value not in (None, ""):
                values[name[len(ANSWER_PREFIX) :]] = (
                    value.isoformat() if hasattr(value, "isoformat") else str(value)
                )
        return values

    def field_for(self, key):
        """The form field a service's error about ``key`` belongs to."""
        if key in self.fields:
            return key
        if ANSWER_PREFIX + str(key) in self.fields:
            return ANSWER_PREFIX + str(key)
        return None


class MaterialUploadForm(forms.Form):
    key = forms.ChoiceField(label=_("Material"))
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word (.docx), Excel (.xlsx), JPEG or PNG; at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": uploads.accept_attribute()}),
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = [(item["key"], item["label"]) for item in programme.materials]


# Government: policies, programmes, rules, the application form --------------------------------


class PolicyForm(forms.ModelForm):
    class Meta:
        model = Policy
        fields = list(services.POLICY_FIELDS)
        widgets = {
            "issued_on": DateInput(),
            "effective_on": DateInput(),
            "full_text": forms.Textarea(attrs={"rows": 10}),
            "full_text_en": forms.Textarea(attrs={"rows": 6}),
            "interpretation": forms.Textarea(attrs={"rows": 5}),
            "interpretation_en": forms.Textarea(attrs={"rows": 4}),
        }


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word (.docx), Excel (.xlsx), JPEG or PNG; at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": uploads.accept_attribute()}),
    )


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = list(services.PROGRAMME_FIELDS)
        widgets = {
            "opens_at": DateTimeInput(),
            "closes_at": DateTimeInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("opens_at", "closes_at"):
            self.fields[name].validators.append(validators.validate_plausible_date)

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("Applications must close after they open."))
        return cleaned


class RowForm(forms.Form):
    """A row of an editor table: small Bootstrap controls."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = "form-select form-select-sm"
            else:
                widget.attrs["class"] = "form-control form-control-sm"


class RuleForm(RowForm):
    kind = forms.ChoiceField(
        label=_("Rule"), choices=[("", "—"), *RuleKind.choices], required=False
    )
    value = forms.CharField(label=_("Value"), max_length=300, required=False)

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if not kind:
            cleaned["params"] = None
            return cleaned
        try:
            cleaned["params"] = eligibility.parse_value(kind, cleaned.get("value", ""))
        except ValidationError as error:
            self.add_error("value", error)
        return cleaned


RuleFormSet = forms.formset_factory(RuleForm, extra=2, can_delete=True)


class CombinatorForm(forms.Form):
    combinator = forms.ChoiceField(
        label=_("The rules combine as"), choices=Combinator.choices, widget=forms.RadioSelect
    )


def rule_hints():
    """``[(rule label, how to write its value)]`` for the editor's help box."""
    tags = "、".join(f"{tag.slug} ({tag.display_name})" for tag in QualificationTag.objects.all())
    hints = [(kind.label, eligibility.VALUE_HINTS[kind]) for kind in RuleKind]
    return hints, tags


class MaterialItemForm(RowForm):
    key = forms.SlugField(label=_("Key"), max_length=50, required=False)
    label_zh = forms.CharField(label=_("Name (Chinese)"), max_length=200, required=False)
    label_en = forms.CharField(label=_("Name (English)"), max_length=300, required=False)
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)


class QuestionForm(MaterialItemForm):
    kind = forms.ChoiceField(label=_("Answer"), choices=FieldKind.choices, initial=FieldKind.TEXT)
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For a choice: one per line, as value|中文|English."),
    )

    def clean_choices(self):
        lines = [line.strip() for line in self.cleaned_data["choices"].splitlines() if line.strip()]
        choices = []
        for line in lines:
            value, _sep, rest = line.partition("|")
            label_zh, _sep, label_en = rest.partition("|")
            choices.append(
                {
                    "value": value.strip(),
                    "label_zh": label_zh.strip() or value.strip(),
                    "label_en": label_en.strip(),
                }
            )
        return choices

    @staticmethod
    def choices_text(choices):
        return "\n".join(
            f"{c['value']}|{c.get('label_zh', '')}|{c.get('label_en', '')}" for c in choices or []
        )


MaterialFormSet = forms.formset_factory(MaterialItemForm, extra=2, can_delete=True)
QuestionFormSet = forms.formset_factory(QuestionForm, extra=2, can_delete=True)


def formset_items(formset, extra_fields=()):
    """The filled, not deleted rows of a valid formset, as dicts."""
    items = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE") or not data.get("key"):
            continue
        item = {name: data.get(name) for name in ("key", "label_zh", "label_en", "required")}
        for name in extra_fields:
            item[name] = data.get(name)
        items.append(item)
    return items


class InviteForm(forms.Form):
    enterprise = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].choices = list(choices)


# Notices -----------------------------------------------------------------------------------


class NoticeForm(forms.ModelForm):
    class Meta:
        model = PublicNotice
        fields = ["title", "title_en", "body", "body_en", "objection_days"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 6}),
            "body_en": forms.Textarea(attrs={"rows": 4}),
        }


class ObjectionForm(forms.Form):
    text = forms.CharField(
        label=_("Your objection"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    name = forms.CharField(label=_("Your name (optional)"), max_length=50, required=False)
    contact = forms.CharField(
        label=_("Phone or e-mail, for the answer (optional)"),
        max_length=100,
        required=False,
        help_text=_("Seen only by the government body that answers; never published."),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Published with the objection on the notice."),
    )


# The review room's decision fields ------------------------------------------------------------


class ApprovalForm(forms.Form):
    """Asked with the decision at the last stage; ``decision_data`` is kept on the decision
    and checked against the budget by ``programs.services.record_approved_amount``."""

    amount = forms.DecimalField(
        label=_("Amount approved (yuan)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        if not case.flow.is_last(case.stage_key):
            del self.fields["amount"]
            return
        application = Application.objects.select_related("programme").get(pk=case.object_id)
        self.fields["amount"].help_text = _(
            "Needed when you approve. Requested: %(requested)s yuan; left in the budget: "
            "%(remaining)s yuan."
        ) % {
            "requested": eligibility.figure(application.requested_amount)
            if application.requested_amount is not None
            else "—",
            "remaining": eligibility.figure(selectors.remaining_budget(application.programme)),
        }

    def approving(self):
        return "amount" in self.fields and self.data.get("decision") == Decision.APPROVE

    def clean(self):
        cleaned = super().clean()
        if self.approving() and cleaned.get("amount") is None and "amount" not in self.errors:
            self.add_error("amount", _("Give the amount approved, in yuan."))
        return cleaned

    def decision_data(self):
        if not self.approving():
            return {}
        return {"amount": str(self.cleaned_data["amount"])}
