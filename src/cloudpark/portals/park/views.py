"""The park portal's own pages: its home and the park profile."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from cloudpark.core import audit
from cloudpark.orgs import forms, selectors, services
from cloudpark.portals.base import ParkMixin, PortalPage, ServiceFormMixin
from cloudpark.portals.home import HomePanelsMixin


class HomeView(HomePanelsMixin, ParkMixin, PortalPage):
    template_name = "portals/park/home.html"
    title = _("Park portal")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        park = self.organization
        context.update(
            park=park,
            enterprise_total=park.enterprise_total,
            pending_imports=selectors.imports_of(park).filter(status="checked")[:5],
        )
        return context


class ProfileView(ParkMixin, PortalPage):
    template_name = "portals/park/profile.html"
    title = _("Park profile")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            park=self.organization,
            history=audit.history_of(self.organization)[:50],
            can_edit=self.request.user.has_perm("orgs.manage_profile", self.organization),
        )
        return context


class ProfileEditView(ParkMixin, ServiceFormMixin, FormView):
    permission_required = "orgs.manage_profile"
    template_name = "portals/park/profile_edit.html"
    form_class = forms.ParkProfileForm
    title = _("Edit the park profile")
    success_message = _("The profile has been saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.organization}

    def perform(self, form):
        values = {field: form.cleaned_data[field] for field in form.Meta.fields}
        return services.update_park(self.organization, actor=self.request.user, **values)

    def get_success_url(self, result):
        return reverse("park:profile")
