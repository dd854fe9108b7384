"""The park portal: the park's enterprises, admissions, imports and profile."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from cloudpark.core import audit
from cloudpark.orgs import selectors, services
from cloudpark.portals import directory, forms, reviews
from cloudpark.portals.base import Portal, PortalMixin, PortalPage, ServiceFormMixin


class ParkMixin(PortalMixin):
    portal = Portal.PARK


class HomeView(ParkMixin, PortalPage):
    template_name = "park/home.html"
    title = _("Park portal")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        park = self.organization
        context.update(
            park=park,
            enterprise_total=selectors.enterprises_in_care_of(park).count(),
            pending_imports=selectors.imports_of(park).filter(status="checked")[:5],
        )
        return context


class ProfileView(ParkMixin, PortalPage):
    template_name = "park/profile.html"
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
    template_name = "park/profile_edit.html"
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


class EnterpriseListView(ParkMixin, directory.EnterpriseListView):
    pass


class EnterpriseDetailView(ParkMixin, directory.EnterpriseDetailView):
    pass


class ReleaseEnterpriseView(ParkMixin, directory.ReleaseEnterpriseView):
    pass


class AdmitEnterpriseView(ParkMixin, directory.AdmitEnterpriseView):
    pass


class ImportListView(ParkMixin, directory.ImportListView):
    pass


class ImportTemplateView(ParkMixin, directory.ImportTemplateView):
    pass


class ImportDetailView(ParkMixin, directory.ImportDetailView):
    pass


class ReviewListView(ParkMixin, reviews.ReviewListView):
    pass


class ReviewCaseView(ParkMixin, reviews.ReviewCaseView):
    pass


class MembersView(ParkMixin, directory.MemberListView):
    pass
