"""My Cloud Park: a person's own page, whatever organisations they belong to."""

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView

from cloudpark.accounts import forms, services
from cloudpark.events import selectors as event_selectors
from cloudpark.orgs import selectors
from cloudpark.portals.base import (
    IndividualMixin,
    PortalPage,
    ServiceFormMixin,
    portal_of,
)


class HomeView(IndividualMixin, PortalPage):
    template_name = "portals/individual/home.html"
    title = _("My Cloud Park")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = [
            (membership, portal_of(membership))
            for membership in selectors.memberships_of(self.request.user)
        ]
        # A person always sees their own data in full.
        context["personal_data_visible"] = True
        context["registrations"] = event_selectors.upcoming_registrations_of(self.request.user)[:5]
        return context


class ProfileView(IndividualMixin, ServiceFormMixin, FormView):
    template_name = "portals/individual/profile.html"
    form_class = forms.PersonalProfileForm
    title = _("My profile")
    success_message = _("Your profile has been saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.request.user}

    def perform(self, form):
        return services.update_profile(
            self.request.user,
            actor=self.request.user,
            name=form.cleaned_data["name"],
            mobile=form.cleaned_data["mobile"],
            resident_id=form.cleaned_data["resident_id"],
        )

    def get_success_url(self, result):
        return reverse("individual:home")


class SignOutEverywhereView(IndividualMixin, View):
    """Ends every session the person has, this one included."""

    http_method_names = ["post"]

    def post(self, request):
        services.sign_out_everywhere(request.user, actor=request.user)
        logout(request)
        messages.success(request, _("You have been signed out on every device."))
        return redirect("account_login")
