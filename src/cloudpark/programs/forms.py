"""The flow's own decision fields: the chief approves with an amount."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cloudpark.programs import eligibility, selectors
from cloudpark.programs.models import Application
from cloudpark.reviews.enums import Decision


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
