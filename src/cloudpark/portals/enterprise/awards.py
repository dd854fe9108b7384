"""The enterprise portal's awards: the schemes open for entries, its entries from the draft to
the result, and its certificates."""

from django import forms as django_forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from cloudpark.awards import forms, selectors, services
from cloudpark.core import audit
from cloudpark.portals.base import EnterpriseMixin, ListMixin, PortalPage, ServiceFormMixin


class AwardsMixin(EnterpriseMixin):
    permission_required = "awards.view_entries"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_enter"] = self.request.user.has_perm("awards.enter_works", self.organization)
        return context


class EntryListView(AwardsMixin, ListMixin, TemplateView):
    """The enterprise's entries, and the schemes it may enter works for now."""

    template_name = "awards/enterprise/entry_list.html"
    rows_template_name = "awards/enterprise/_entry_rows.html"
    title = _("Awards")

    def get_queryset(self):
        return selectors.entries_of(self.organization).order_by("-created_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            open_schemes=selectors.schemes_open_for_entries(),
            certificates=selectors.certificates_of(self.organization),
        )
        return context


class EntryFormMixin(AwardsMixin, ServiceFormMixin):
    permission_required = "awards.enter_works"
    template_name = "awards/enterprise/entry_form.html"
    form_class = forms.EntryForm

    def get_success_url(self, result):
        return reverse("enterprise:award_entry_detail", args=[result.pk])


class EntryCreateView(EntryFormMixin, FormView):
    success_message = _("The entry has been saved as a draft. Submit it when it is complete.")

    def get_scheme(self):
        if not hasattr(self, "scheme"):
            self.scheme = selectors.get_open_scheme(self.kwargs["pk"])
        return self.scheme

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "scheme": self.get_scheme()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scheme = self.get_scheme()
        context.update(scheme=scheme, title=_("Enter a work for %(scheme)s") % {"scheme": scheme})
        return context

    def perform(self, form):
        return services.draft_entry(
            self.get_scheme(),
            submitter=self.organization,
            actor=self.request.user,
            **form.service_values(),
        )


class EntryMixin(AwardsMixin):
    def get_entry(self):
        if not hasattr(self, "entry"):
            self.entry = selectors.get_entry_for(self.organization, self.kwargs["pk"])
        return self.entry


class EntryDetailView(EntryMixin, PortalPage):
    template_name = "awards/enterprise/entry_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entry = self.get_entry()
        context.update(
            entry=entry,
            title=entry.display_title,
            case=entry.review_case,
            missing=services.missing_for_submission(entry) if entry.is_editable else [],
            certificates=entry.certificates.all(),
            history=audit.history_of(entry)[:50],
        )
        return context


class EntryEditView(EntryMixin, EntryFormMixin, FormView):
    success_message = _("The entry has been saved.")

    def get_form_kwargs(self):
        entry = self.get_entry()
        return {**super().get_form_kwargs(), "scheme": entry.scheme, "entry": entry}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entry = self.get_entry()
        context.update(entry=entry, scheme=entry.scheme, title=_("Edit the entry"))
        return context

    def perform(self, form):
        values = form.service_values()
        values.pop("recommender_name", None)
        entry = self.get_entry()
        return services.update_entry(
            entry,
            actor=self.request.user,
            recommender_name=form.cleaned_data["recommender_name"],
            recommender=None,
            **values,
        )


class EntryStepView(EntryMixin, ServiceFormMixin, FormView):
    """Submit or withdraw, after a confirmation."""

    permission_required = "awards.enter_works"
    template_name = "awards/enterprise/entry_confirm.html"
    form_class = django_forms.Form
    step = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entry = self.get_entry()
        context.update(entry=entry, step=self.step, title=entry.display_title)
        return context

    def get_success_url(self, result):
        return reverse("enterprise:award_entry_detail", args=[result.pk])


class EntrySubmitView(EntryStepView):
    step = "submit"
    success_message = _("The entry has been submitted for its eligibility check.")

    def perform(self, form):
        return services.submit_entry(self.get_entry(), actor=self.request.user)


class EntryWithdrawView(EntryStepView):
    step = "withdraw"
    success_message = _("The entry has been withdrawn.")

    def perform(self, form):
        return services.withdraw_entry(self.get_entry(), actor=self.request.user)


urlpatterns = [
    path("awards/", EntryListView.as_view(), name="award_entry_list"),
    path("awards/schemes/<int:pk>/enter/", EntryCreateView.as_view(), name="award_entry_create"),
    path("awards/entries/<int:pk>/", EntryDetailView.as_view(), name="award_entry_detail"),
    path("awards/entries/<int:pk>/edit/", EntryEditView.as_view(), name="award_entry_edit"),
    path("awards/entries/<int:pk>/submit/", EntrySubmitView.as_view(), name="award_entry_submit"),
    path(
        "awards/entries/<int:pk>/withdraw/",
        EntryWithdrawView.as_view(),
        name="award_entry_withdraw",
    ),
]
