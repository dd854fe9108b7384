"""Forms that change finance data. Each gives its service the values it takes; the service
refuses what breaks a rule, at the field it names."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cloudpark.finance import enums
from cloudpark.finance.models import FinancialInstitution, FinancingNeed, Introduction, Product
from cloudpark.programs import eligibility
from cloudpark.programs.enums import RuleKind

PRODUCT_FORM_FIELDS = [
    "name",
    "name_en",
    "kind",
    "description",
    "description_en",
    "amount_min",
    "amount_max",
    "term_min",
    "term_max",
    "cost_min",
    "cost_max",
    "combinator",
]


def collateral_field(label):
    return forms.MultipleChoiceField(
        label=label, choices=enums.Collateral.choices, widget=forms.CheckboxSelectMultiple
    )


def rules_help():
    return _("One rule a line, as “rule: value”. Rules: %(kinds)s.") % {
        "kinds": "; ".join(
            f"{kind.value} ({kind.label}: {eligibility.VALUE_HINTS[kind]})" for kind in RuleKind
        )
    }


def format_rules(rules):
    return "\n".join(
        f"{rule['kind']}: {eligibility.format_value(rule['kind'], rule.get('params'))}".rstrip(": ")
        for rule in rules
    )


class ProductForm(forms.Form):
    collateral = collateral_field(_("Collateral accepted"))
    rules = forms.CharField(
        label=_("Eligibility rules"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_fields = forms.fields_for_model(Product, fields=PRODUCT_FORM_FIELDS)
        self.fields = {**model_fields, **self.fields}
        self.fields["rules"].help_text = rules_help()

    @classmethod
    def initial_for(cls, product):
        initial = {name: getattr(product, name) for name in PRODUCT_FORM_FIELDS}
        initial.update(collateral=product.collateral, rules=format_rules(product.rules))
        return initial

    def clean_rules(self):
        rules = []
        for line in (self.cleaned_data.get("rules") or "").splitlines():
            if not line.strip():
                continue
            kind, _sep, value = line.partition(":")
            kind = kind.strip()
            if kind not in RuleKind.values:
                raise ValidationError(
                    _("“%(rule)s” is not a rule the platform knows."), params={"rule": kind}
                )
            rules.append({"kind": kind, "params": eligibility.parse_value(kind, value)})
        return rules

    def values(self):
        return dict(self.cleaned_data)


class NeedForm(forms.Form):
    collateral = collateral_field(_("Collateral offered"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_fields = forms.fields_for_model(
            FinancingNeed,
            fields=["amount", "term", "purpose", "stage", "target_cost", "valid_until"],
            widgets={"valid_until": forms.DateInput(attrs={"type": "date"})},
        )
        model_fields["amount"].required = False
        model_fields["valid_until"].required = False
        fields = dict(model_fields)
        fields["collateral"] = self.fields["collateral"]
        order = ["amount", "term", "purpose", "stage", "collateral", "target_cost", "valid_until"]
        self.fields = {name: fields[name] for name in order}

    def values(self):
        return dict(self.cleaned_data)


class IntroductionRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the institution"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=1000,
    )


class IntroductionMoveForm(forms.Form):
    target = forms.ChoiceField(
        label=_("Next step"),
        choices=enums.INSTITUTION_MOVE_CHOICES,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_fields = forms.fields_for_model(
            Introduction,
            fields=["granted_amount", "granted_rate", "granted_on", "decline_reason"],
            widgets={
                "granted_on": forms.DateInput(attrs={"type": "date"}),
                "decline_reason": forms.Textarea(attrs={"rows": 2}),
            },
        )
        for field in model_fields.values():
            field.required = False
        self.fields.update(model_fields)

    def values(self):
        return {key: value for key, value in self.cleaned_data.items() if key != "target"}


class DataRoomForm(forms.Form):
    institution = forms.ModelChoiceField(
        label=_("Institution"),
        queryset=FinancialInstitution.objects.select_related("organization"),
    )
    figures = forms.MultipleChoiceField(
        label=_("Figures to share"),
        choices=enums.SharedFigure.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    days = forms.IntegerField(label=_("Open for (days)"), initial=14, required=False)
