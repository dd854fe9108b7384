"""An enterprise at exhibitions: its applications and invitations, and applying to exhibit."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from cloudpark.core.errors import DomainError
from cloudpark.events import forms, selectors, services
from cloudpark.portals.base import EnterpriseMixin, ServiceFormMixin


class ExhibitionListView(EnterpriseMixin, TemplateView):
    """Where the enterprise exhibits or is invited to, and the exhibitions open to it."""

    permission_required = "events.apply_to_exhibit"
    template_name = "events/enterprise/exhibition_list.html"
    title = _("Exhibitions")
    actions = {
        "accept": (services.confirm_exhibitor, _("You have accepted the invitation.")),
        "decline": (services.decline_exhibitor, _("You have declined the invitation.")),
        "withdraw": (services.withdraw_exhibitor, _("You have withdrawn from the exhibition.")),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = selectors.exhibitor_entries_of(self.organization).order_by("-event__starts_at")
        listed = {entry.event_id for entry in entries}
        context.update(
            entries=entries,
            open_exhibitions=[
                event
                for event in selectors.exhibitions_open_to_applications()
                .select_related("parent")
                .order_by("starts_at")
                if event.pk not in listed
            ],
        )
        return context

    def post(self, request, *args, **kwargs):
        action = self.actions.get(request.POST.get("action"))
        if action is None:
            return HttpResponseBadRequest()
        service, success = action
        entry = selectors.get_exhibitor_entry_of(self.organization, request.POST.get("row"))
        try:
            with transaction.atomic():
                service(entry, actor=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, success)
        return redirect("enterprise:exhibition_list")


class ExhibitApplyView(EnterpriseMixin, ServiceFormMixin, FormView):
    permission_required = "events.apply_to_exhibit"
    template_name = "events/enterprise/exhibit_apply.html"
    form_class = forms.ExhibitApplicationForm
    success_message = _("Your application has been sent to the organiser.")

    def get_event(self):
        if not hasattr(self, "_event"):
            self._event = selectors.get_exhibition_open_to_applications(self.kwargs["pk"])
        return self._event

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.get_event()
        context.update(
            event=event, title=_("Apply to exhibit at %(event)s") % {"event": event.display_title}
        )
        return context

    def perform(self, form):
        return services.apply_to_exhibit(
            self.get_event(),
            self.organization,
            actor=self.request.user,
            exhibits=form.cleaned_data["exhibits"],
            exhibits_en=form.cleaned_data["exhibits_en"],
        )

    def get_success_url(self, result):
        return reverse("enterprise:exhibition_list")


urlpatterns = [
    path("exhibitions/", ExhibitionListView.as_view(), name="exhibition_list"),
    path("exhibitions/<int:pk>/apply/", ExhibitApplyView.as_view(), name="exhibition_apply"),
]
