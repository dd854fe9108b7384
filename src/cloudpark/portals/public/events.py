"""The public side of events: the calendar of upcoming and past events, each event's page and
agenda, registration, and calendar files."""

import mimetypes

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from cloudpark.core.errors import DomainError
from cloudpark.core.forms import DateInput, IdChoiceField
from cloudpark.core.i18n import localized
from cloudpark.events import enums, exports, forms, ical, selectors, services
from cloudpark.orgs.models import Organization
from cloudpark.portals.base import ListMixin, add_domain_error, file_response
from cloudpark.portals.forms import FilterForm, SearchField, use_choices

WHEN_CHOICES = [("", _("Upcoming and past")), ("upcoming", _("Upcoming")), ("past", _("Past"))]


class PublicEventFilterForm(FilterForm):
    q = SearchField()
    when = django_forms.ChoiceField(choices=WHEN_CHOICES, required=False, label=_("When"))
    kind = django_forms.ChoiceField(
        choices=[("", _("All kinds")), *enums.EventKind.choices], required=False, label=_("Kind")
    )
    city = django_forms.ChoiceField(choices=[], required=False, label=_("City"))
    organizer = IdChoiceField(
        queryset=Organization.objects.none(),
        required=False,
        label=_("Organiser"),
        empty_label=_("All organisers"),
    )
    organizer_name = SearchField(label=_("Organiser's name"))
    date_from = django_forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = django_forms.DateField(label=_("Until"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = _("Title, theme or city, e.g. 论坛")
        self.fields["organizer_name"].widget.attrs["placeholder"] = _(
            "Any organiser, listed or not, e.g. 协会"
        )
        self.fields["city"].choices = [("", _("All cities"))] + [
            (city, localized(city, city_en)) for city, city_en in selectors.public_cities()
        ]
        field = self.fields["organizer"]
        field.queryset = selectors.public_organizers()
        use_choices(field, selectors.public_organizer_choices(field.label_from_instance))


class EventListView(ListMixin, TemplateView):
    template_name = "events/public/event_list.html"
    rows_template_name = "events/public/_event_rows.html"
    filter_form_class = PublicEventFilterForm
    paginate_by = 12

    def get_queryset(self):
        queryset = selectors.public_main_events().prefetch_related(selectors.hosts_prefetch())
        return selectors.filter_public_events(queryset, **self.filters())

    def export(self, queryset):
        return exports.export_public_events(queryset)


class EventMixin:
    event_with_owner = True

    def get_event(self):
        if not hasattr(self, "_event"):
            self._event = selectors.get_public_event(
                self.kwargs["pk"], with_owner=self.event_with_owner
            )
        return self._event


class EventDetailView(EventMixin, TemplateView):
    template_name = "events/public/event_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.get_event()
        user = self.request.user
        parts = list(selectors.with_exhibitor_totals(selectors.public_parts_of(event)))
        mine = {}
        if user.is_authenticated:
            mine = {
                registration.event_id: registration
                for registration in selectors.active_registrations_of(user).filter(
                    Q(event=event) | Q(event__parent=event)
                )
            }
        # The registration box reads ``my_registration`` off the event or part it shows.
        event.my_registration = mine.get(event.pk)
        for part in parts:
            part.my_registration = mine.get(part.pk)
            part.refusal = (
                services.registration_refusal(part) if part.registration_enabled else None
            )
        context.update(
            event=event,
            organizers=selectors.organizers_of(event),
            parts=parts,
            exhibitors=selectors.public_exhibitors_of(event) if event.has_exhibitors else [],
            films=selectors.films_of(event, with_parts=True),
            screenings=selectors.screenings_by_venue(event),
            agenda=selectors.agenda_days(event),
            my_registration=mine.get(event.pk),
            is_over=event.status in {enums.EventStatus.CANCELLED, enums.EventStatus.FINISHED}
            or event.ends_at <= timezone.now(),
            refusal=services.registration_refusal(event) if event.registration_enabled else None,
            seats_left=services.seats_left(event),
        )
        return context


class AgendaView(EventMixin, TemplateView):
    """The agenda, one day at a time (``?day=2021-11-25``), parts' sessions included."""

    template_name = "events/public/event_agenda.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.get_event()
        days = selectors.agenda_days(event)
        chosen = self.request.GET.get("day", "")
        selected = next((item for item in days if item[0].isoformat() == chosen), None)
        if selected is None and days:
            selected = days[0]
        context.update(
            event=event,
            days=[day for day, _sessions in days],
            day=selected[0] if selected else None,
            sessions=selected[1] if selected else [],
        )
        return context


class RegisterView(EventMixin, FormView):
    """The registration form, with the organiser's questions; signing in comes first. A
    person already registered is sent to their registration: on opening the form, or when
    the registration service refuses a second one."""

    template_name = "events/public/event_register.html"
    form_class = forms.RegistrationForm
    # The page names a part's main event, not the organiser.
    event_with_owner = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        existing = selectors.active_registration_for(request.user, self.get_event())
        if existing is not None:
            return self.already_registered(existing)
        return super().get(request, *args, **kwargs)

    def already_registered(self, registration):
        messages.info(self.request, _t("You are already registered for this event."))
        return redirect("individual:registration_detail", pk=registration.pk)

    def get_form_kwargs(self):
        # Read once (if asked at all), for the form and for the service's check of the answers.
        return {**super().get_form_kwargs(), "questions": services.questions_of(self.get_event())}

    def get_initial(self):
        return {"name": self.request.user.name}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.get_event()
        context.update(
            event=event,
            refusal=services.registration_refusal(event),
            seats_left=services.seats_left(event),
        )
        return context

    def form_valid(self, form):
        try:
            registration = services.register(
                self.get_event(),
                self.request.user,
                actor=self.request.user,
                name=form.cleaned_data["name"],
                organization_name=form.cleaned_data["organization_name"],
                job_title=form.cleaned_data["job_title"],
                answers=form.answers(),
            )
        except services.AlreadyRegistered as error:
            return self.already_registered(error.registration)
        except DomainError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, REGISTERED_MESSAGES[registration.status])
        return redirect("individual:registration_detail", pk=registration.pk)


REGISTERED_MESSAGES = {
    enums.RegistrationStatus.CONFIRMED: _(
        "Your seat is confirmed. Your ticket is below, and on its way by e-mail."
    ),
    enums.RegistrationStatus.WAITING: _(
        "The event is full: you are on the waiting list, and get a seat as soon as one is free."
    ),
    enums.RegistrationStatus.PENDING: _(
        "Your registration is with the organiser, who will approve it; you will then get a ticket."
    ),
}


def calendar_response(text, filename):
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class CalendarView(EventMixin, TemplateView):
    """The event and its public parts as an iCalendar file."""

    def get(self, request, *args, **kwargs):
        event = self.get_event()
        entries = [
            (item, request.build_absolute_uri(reverse("public:event_detail", args=[item.pk])))
            for item in [event, *selectors.public_parts_of(event)]
        ]
        name = slugify(event.title_en or "") or f"event-{event.pk}"
        return calendar_response(ical.calendar(entries, name=event.display_title), f"{name}.ics")


class CoverView(EventMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        event = self.get_event()
        if not event.cover:
            raise Http404
        content_type = mimetypes.guess_type(event.cover.name)[0] or "application/octet-stream"
        return file_response(event.cover, content_type=content_type, as_attachment=False)


urlpatterns = [
    path("events/", EventListView.as_view(), name="event_list"),
    path("events/<int:pk>/", EventDetailView.as_view(), name="event_detail"),
    path("events/<int:pk>/agenda/", AgendaView.as_view(), name="event_agenda"),
    path("events/<int:pk>/register/", RegisterView.as_view(), name="event_register"),
    path("events/<int:pk>/calendar.ics", CalendarView.as_view(), name="event_calendar"),
    path("events/<int:pk>/cover/", CoverView.as_view(), name="event_cover"),
]
