"""A person's own events: registrations with their tickets, cancelling, and a calendar."""

from django import forms as django_forms
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from cloudpark.events import enums, ical, selectors, services, tickets
from cloudpark.portals.base import IndividualMixin, ListMixin, ServiceFormMixin
from cloudpark.portals.public.events import calendar_response


class RegistrationListView(IndividualMixin, ListMixin, TemplateView):
    template_name = "events/individual/registration_list.html"
    rows_template_name = "events/individual/_registration_rows.html"
    title = _("My events")

    def get_queryset(self):
        return selectors.registrations_of(self.request.user).order_by("-event__starts_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["now"] = timezone.now()
        return context


class RegistrationMixin(IndividualMixin):
    def get_registration(self):
        if not hasattr(self, "_registration"):
            self._registration = selectors.get_registration_of(self.request.user, self.kwargs["pk"])
        return self._registration


class RegistrationDetailView(RegistrationMixin, TemplateView):
    """The ticket: its QR code and code once the seat is confirmed."""

    template_name = "events/individual/registration_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registration = self.get_registration()
        event = registration.event
        # A ticket shows while it can still let its holder in.
        admits = (
            registration.is_confirmed
            and event.status == enums.EventStatus.PUBLISHED
            and event.ends_at > timezone.now()
        )
        context.update(
            registration=registration,
            event=event,
            title=event.display_title,
            qr=tickets.qr_svg_data_uri(registration) if admits else None,
            check_ins=registration.check_ins.select_related("door"),
            can_cancel=registration.is_active
            and event.status in {enums.EventStatus.DRAFT, enums.EventStatus.PUBLISHED},
        )
        return context


class RegistrationCancelView(RegistrationMixin, ServiceFormMixin, FormView):
    """Asks first; a seat given up goes to the first person on the waiting list."""

    template_name = "events/individual/registration_cancel.html"
    form_class = django_forms.Form
    success_message = _("Your registration is cancelled.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registration = self.get_registration()
        context.update(
            registration=registration,
            title=_("Cancel your registration for %(event)s")
            % {"event": registration.event.display_title},
        )
        return context

    def perform(self, form):
        return services.cancel_registration(self.get_registration(), actor=self.request.user)

    def get_success_url(self, result):
        return reverse("individual:registration_list")


class AgendaCalendarView(IndividualMixin, TemplateView):
    """Everything the person is registered for, as one iCalendar file."""

    def get(self, request, *args, **kwargs):
        registrations = selectors.active_registrations_of(request.user).order_by("event__starts_at")
        entries = []
        for registration in registrations:
            event = registration.event
            summary = event.display_title
            if registration.status != enums.RegistrationStatus.CONFIRMED:
                summary = f"{summary} ({registration.get_status_display()})"
            url = request.build_absolute_uri(
                reverse("individual:registration_detail", args=[registration.pk])
            )
            entries.append((event, url, summary))
        text = ical.calendar(entries, name=_t("My Cloud Park events"))
        return calendar_response(text, "my-events.ics")


urlpatterns = [
    path("events/", RegistrationListView.as_view(), name="registration_list"),
    path("events/agenda.ics", AgendaCalendarView.as_view(), name="agenda_calendar"),
    path("events/<int:pk>/", RegistrationDetailView.as_view(), name="registration_detail"),
    path(
        "events/<int:pk>/cancel/",
        RegistrationCancelView.as_view(),
        name="registration_cancel",
    ),
]
