"""The park's own directory pages: admitting an enterprise into the park and releasing one."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from cloudpark.orgs import forms, selectors, services
from cloudpark.portals.base import ParkMixin, ServiceFormMixin


class ReleaseEnterpriseView(ParkMixin, ServiceFormMixin, FormView):
    """Confirmation page, then the release itself."""

    permission_required = "orgs.admit_enterprises"
    template_name = "orgs/park/enterprise_release.html"
    form_class = forms.ReleaseForm
    success_message = _("The enterprise has left the park; its stay is kept in its history.")

    def get_enterprise(self):
        return selectors.get_enterprise_for(self.organization, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enterprise = self.get_enterprise()
        context.update(
            enterprise=enterprise, title=_("Release %(name)s") % {"name": enterprise.display_name}
        )
        return context

    def perform(self, form):
        return services.release_enterprise(
            self.get_enterprise(),
            actor=self.request.user,
            on=form.cleaned_data["left_on"],
            note=form.cleaned_data["note"],
        )

    def get_success_url(self, result):
        return reverse("park:enterprise_list")


class AdmitEnterpriseView(ParkMixin, ServiceFormMixin, FormView):
    permission_required = "orgs.admit_enterprises"
    template_name = "orgs/park/enterprise_admit.html"
    form_class = forms.AdmitForm
    title = _("Admit an enterprise")
    success_message = _("The enterprise has been admitted into the park.")

    def perform(self, form):
        return services.admit_enterprise(
            self.organization,
            form.enterprise,
            actor=self.request.user,
            on=form.cleaned_data["admitted_on"],
            note=form.cleaned_data["note"],
        )

    def get_success_url(self, result):
        return reverse("park:enterprise_detail", args=[result.pk])


urlpatterns = [
    path("enterprises/admit/", AdmitEnterpriseView.as_view(), name="enterprise_admit"),
    path(
        "enterprises/<int:pk>/release/",
        ReleaseEnterpriseView.as_view(),
        name="enterprise_release",
    ),
]
