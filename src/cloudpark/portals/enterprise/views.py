"""The enterprise portal's own pages: its home and the enterprise profile."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from cloudpark.core import audit, privacy
from cloudpark.orgs import forms, services
from cloudpark.orgs.privacy import PERSONAL_FIELDS, personal_data_context
from cloudpark.portals.base import EnterpriseMixin, PortalPage, ServiceFormMixin
from cloudpark.portals.home import HomePanelsMixin


class HomeView(HomePanelsMixin, EnterpriseMixin, PortalPage):
    template_name = "portals/enterprise/home.html"
    title = _("Enterprise portal")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enterprise = self.organization
        missing = [
            label
            for field, label in (
                ("founded_on", _("founding date")),
                ("registered_capital", _("registered capital")),
                ("staff_count", _("staff")),
                ("contact_mobile", _("contact mobile")),
                ("description", _("description")),
            )
            if not getattr(enterprise, field)
        ]
        context.update(enterprise=enterprise, missing_profile_fields=missing)
        return context


class ProfileView(EnterpriseMixin, PortalPage):
    template_name = "portals/enterprise/profile.html"
    title = _("Enterprise profile")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enterprise = self.organization
        context.update(
            enterprise=enterprise,
            years=enterprise.years.all(),
            residences=enterprise.residences.select_related("park"),
            history=audit.history_of(enterprise)[:50],
            **personal_data_context(self.request.user, enterprise),
            can_edit=self.request.user.has_perm("orgs.manage_profile", enterprise),
        )
        return context


class ProfileEditView(EnterpriseMixin, ServiceFormMixin, FormView):
    permission_required = "orgs.manage_profile"
    template_name = "portals/enterprise/profile_edit.html"
    form_class = forms.EnterpriseProfileForm
    title = _("Edit the enterprise profile")
    success_message = _("The profile has been saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.organization}

    def get(self, request, *args, **kwargs):
        # The form shows the contact's name and phone in full: a view like any other.
        privacy.record_personal_data_view(
            self.organization, actor=request.user, fields=PERSONAL_FIELDS
        )
        return super().get(request, *args, **kwargs)

    def perform(self, form):
        values = {field: form.cleaned_data[field] for field in form.Meta.fields if field != "tags"}
        return services.update_enterprise(
            self.organization, actor=self.request.user, tags=form.cleaned_data["tags"], **values
        )

    def get_success_url(self, result):
        return reverse("enterprise:profile")
