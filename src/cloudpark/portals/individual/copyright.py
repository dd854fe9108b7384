"""A financial institution's check of a copyright pledge, on its finance desk: the pledge
registration number in, the holder, the work, the amount, the term and the state out, with the
work's exclusive licences (which a pledge contract must disclose). Each look-up that finds a
pledge is kept in its history."""

from django import forms
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cloudpark.copyright import selectors, services
from cloudpark.portals.base import IndividualMixin


class PledgeLookupForm(forms.Form):
    number = forms.CharField(label=_("Pledge registration number"), max_length=40)


class PledgeVerifyView(IndividualMixin, TemplateView):
    permission_required = "copyright.verify_pledge"
    template_name = "copyright/institution/pledge_verify.html"
    title = _("Verify a copyright pledge")

    def get_permission_object(self):
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = PledgeLookupForm(self.request.GET or None)
        pledge = None
        if form.is_valid():
            pledge = selectors.pledge_by_number(self.request.user, form.cleaned_data["number"])
            if pledge is not None:
                services.verify_pledge(pledge, actor=self.request.user)
        context.update(
            form=form,
            searched=form.is_bound and form.is_valid(),
            pledge=pledge,
            licences=[
                licence
                for licence in selectors.encumbrances_of(pledge.work)["licences"]
                if licence.exclusive
            ]
            if pledge
            else [],
        )
        return context


urlpatterns = [
    path("finance/pledges/", PledgeVerifyView.as_view(), name="copyright_pledge_verify"),
]
