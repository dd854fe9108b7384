"""Event pages mounted in the government and park portals: the organiser's events, their
programme, registrations and the check-in desk."""

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from cloudpark.core import audit
from cloudpark.core.errors import DomainError
from cloudpark.events import enums, exports, forms, selectors, services
from cloudpark.events.exports import answer_text, local
from cloudpark.portals import home
from cloudpark.portals.base import ListMixin, PortalMixin, ServiceFormMixin, add_domain_error
from cloudpark.portals.forms import FilterForm, SearchField


class OrganiserEventFilterForm(FilterForm):
    q = SearchField()
    status = django_forms.ChoiceField(
        choices=[("", _("All states")), *enums.EventStatus.choices],
        required=False,
        label=_("Status"),
    )
    kind = django_forms.ChoiceField(
        choices=[("", _("All kinds")), *enums.EventKind.choices], required=False, label=_("Kind")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = _("Title, theme or venue, e.g. 论坛")


class RegistrationFilterForm(FilterForm):
    q = SearchField()
    status = django_forms.ChoiceField(
        choices=[("", _("All states")), *enums.RegistrationStatus.choices],
        required=False,
        label=_("Status"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = _("Name, organisation, e-mail or code")


# The list, and creating an event --------------------------------------------------------------


class EventListView(PortalMixin, ListMixin, TemplateView):
    permission_required = "events.view_events"
    template_name = "events/event_list.html"
    rows_template_name = "events/_event_rows.html"
    filter_form_class = OrganiserEventFilterForm
    title = _("Events")

    def get_queryset(self):
        queryset = selectors.main_events_of(self.organization)
        return selectors.filter_organiser_events(queryset, **self.filters()).order_by(
            "-starts_at", "pk"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.request.user.has_perm(
            "events.manage_events", self.organization
        )
        return context

    def export(self, queryset):
        return exports.export_organiser_events(queryset)


class EventCreateView(PortalMixin, ServiceFormMixin, FormView):
    permission_required = "events.manage_events"
    template_name = "events/event_form.html"
    form_class = forms.EventForm
    title = _("New event")
    success_message = _("The event is saved as a draft: add its programme, then publish it.")

    def perform(self, form):
        return services.create_event(
            self.organization, actor=self.request.user, **form.service_values()
        )

    def get_success_url(self, result):
        return reverse(f"{self.portal}:event_detail", args=[result.pk])


# One event ------------------------------------------------------------------------------------


class EventMixin(PortalMixin):
    """A page about one of the organisation's events; another organisation's is a 404."""

    permission_required = "events.manage_event"

    def get_permission_object(self):
        self.event = selectors.get_event_for(self.organization, self.kwargs["pk"])
        return self.event

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            event=self.event,
            can_manage=user.has_perm("events.manage_event", self.event),
            can_check_in=user.has_perm("events.check_in_event", self.event),
            is_changeable=self.event.status
            not in {enums.EventStatus.CANCELLED, enums.EventStatus.FINISHED},
        )
        context.setdefault("title", self.event.display_title)
        return context

    def event_url(self, name="event_detail", *args):
        return reverse(f"{self.portal}:{name}", args=[self.event.pk, *args])


class EventDetailView(EventMixin, TemplateView):
    """The event at a glance; its state changes are buttons here."""

    permission_required = "events.view_event"
    template_name = "events/event_detail.html"
    steps = {
        "publish": (services.publish_event, _("The event is published.")),
        "cancel": (services.cancel_event, _("The event is cancelled.")),
        "finish": (services.finish_event, _("The event is marked finished.")),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.event
        context.update(
            title=event.display_title,
            parts=event.parts.order_by("position", "starts_at", "pk"),
            organizers=selectors.organizers_of(event),
            session_total=event.sessions.count(),
            exhibitor_total=event.exhibitors.count(),
            film_total=event.films.count(),
            question_total=event.question_total,
            attendance=selectors.attendance_of(event),
            history=audit.history_of(event)[:50],
            allowed_steps=enums.EVENT_TRANSITIONS[event.status],
            has_begun=event.starts_at <= timezone.now(),
            cancel_form=forms.EventCancelForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("events.manage_event", self.event):
            raise PermissionDenied
        step = self.steps.get(request.POST.get("step"))
        if step is None:
            return HttpResponseBadRequest()
        service, success = step
        extra = (
            {"reason": request.POST.get("reason", "")[:300]}
            if service is services.cancel_event
            else {}
        )
        try:
            service(self.event, actor=request.user, **extra)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, success)
        return redirect(self.event_url())


class EventEditView(EventMixin, ServiceFormMixin, FormView):
    template_name = "events/event_form.html"
    form_class = forms.EventForm
    success_message = _("The event has been saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.event, "parent": self.event.parent}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit %(event)s") % {"event": self.event.display_title}
        return context

    def perform(self, form):
        return services.update_event(self.event, actor=self.request.user, **form.service_values())

    def get_success_url(self, result):
        return self.event_url()


class PartCreateView(EventMixin, ServiceFormMixin, FormView):
    template_name = "events/event_form.html"
    form_class = forms.EventForm
    success_message = _("The part has been added.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        # The form binds a fresh Event; the parent's zone, city and dates start it off.
        kwargs["initial"] = {
            "starts_at": self.event.local_starts_at.replace(tzinfo=None),
            "ends_at": self.event.local_ends_at.replace(tzinfo=None),
            "kind": enums.EventKind.SUB_FORUM,
            "venue": self.event.venue,
            "venue_en": self.event.venue_en,
        }
        return {**kwargs, "parent": self.event}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("New part of %(event)s") % {"event": self.event.display_title}
        return context

    def perform(self, form):
        return services.create_event(
            self.organization, actor=self.request.user, parent=self.event, **form.service_values()
        )

    def get_success_url(self, result):
        return reverse(f"{self.portal}:event_detail", args=[result.pk])


# The programme: sections with a list, a form that adds to it, and buttons on each row ---------


class EventSectionView(EventMixin, TemplateView):
    """A section of an event's programme. A POST names its ``action``: ``add`` validates
    ``add_form_class`` and calls ``add``; the names in ``row_actions`` call the method named
    there with the row the POST identifies. Each calls one service."""

    add_form_class = None
    add_success = ""
    row_actions = {}

    def get_add_form(self, data=None, files=None):
        return self.add_form_class(data, files, **self.get_add_form_kwargs())

    def get_add_form_kwargs(self):
        return {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "form" not in context:
            context["form"] = self.get_add_form()
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "add")
        if action == "add":
            return self.post_add(request)
        if action not in self.row_actions:
            return HttpResponseBadRequest()
        method, success = self.row_actions[action]
        try:
            with transaction.atomic():
                getattr(self, method)(request.POST)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, success)
        return redirect(request.path)

    def post_add(self, request):
        form = self.get_add_form(request.POST, request.FILES)
        if form.is_valid():
            try:
                with transaction.atomic():
                    self.add(form)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, self.add_success)
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(form=form), status=200)

    def add(self, form):
        raise NotImplementedError


class OrganizersView(EventSectionView):
    template_name = "events/organizers.html"
    add_form_class = forms.OrganizerForm
    add_success = _("The organiser has been added.")
    row_actions = {
        "remove": ("remove", _("The organiser has been removed.")),
        "up": ("move_up", _("The order has been changed.")),
        "down": ("move_down", _("The order has been changed.")),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=_("Organisers"), organizers=selectors.organizers_of(self.event))
        return context

    def add(self, form):
        values = form.cleaned_data
        services.add_organizer(
            self.event,
            actor=self.request.user,
            role=values["role"],
            organization=values["organization"],
            name=values["name"],
            name_en=values["name_en"],
        )

    def row(self, data):
        return _row(selectors.organizers_of(self.event), data)

    def remove(self, data):
        services.remove_organizer(self.row(data), actor=self.request.user)

    def move_up(self, data):
        services.move_organizer(self.row(data), actor=self.request.user, offset=-1)

    def move_down(self, data):
        services.move_organizer(self.row(data), actor=self.request.user, offset=1)


def _row(queryset, data):
    """The row a POST names by ``row``, within ``queryset`` (another event's is a 404)."""
    return selectors.get_within(queryset, data.get("row"))


class AgendaView(EventSectionView):
    template_name = "events/agenda.html"
    add_form_class = forms.SessionForm
    add_success = _("The session has been added to the agenda.")
    row_actions = {"remove": ("remove", _("The session has been taken off the agenda."))}

    def get_add_form_kwargs(self):
        return {"event": self.event}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=_("Agenda"), sessions=selectors.sessions_of(self.event))
        return context

    def add(self, form):
        services.add_session(self.event, actor=self.request.user, **form.service_values())

    def remove(self, data):
        services.remove_session(_row(self.event.sessions.all(), data), actor=self.request.user)


class SessionEditView(EventSectionView):
    """One session: its details, and its speakers (the form on this page adds one)."""

    template_name = "events/session_edit.html"
    add_form_class = forms.SpeakerForm
    add_success = _("The speaker has been added.")
    row_actions = {"remove": ("remove", _("The speaker has been removed."))}

    def get_permission_object(self):
        event = super().get_permission_object()
        self.session = selectors.get_within(selectors.sessions_of(event), self.kwargs["session"])
        return event

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session_form = kwargs.get("session_form") or forms.SessionForm(
            instance=self.session, event=self.event
        )
        context.update(
            title=self.session.display_title, session=self.session, session_form=session_form
        )
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") != "save":
            return super().post(request, *args, **kwargs)
        form = forms.SessionForm(request.POST, instance=self.session, event=self.event)
        if form.is_valid():
            try:
                with transaction.atomic():
                    services.update_session(
                        self.session, actor=request.user, **form.service_values()
                    )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _t("The session has been saved."))
                return redirect(self.event_url("event_agenda"))
        return self.render_to_response(self.get_context_data(session_form=form))

    def add(self, form):
        services.add_speaker(self.session, actor=self.request.user, **form.service_values())

    def remove(self, data):
        services.remove_speaker(_row(self.session.speakers.all(), data), actor=self.request.user)


class ExhibitorsView(EventSectionView):
    template_name = "events/exhibitors.html"
    add_form_class = forms.ExhibitorInviteForm
    add_success = _("The exhibitor has been invited.")
    row_actions = {
        "confirm": ("confirm", _("The exhibitor is confirmed.")),
        "decline": ("decline", _("The exhibitor is declined.")),
        "withdraw": ("withdraw", _("The exhibitor has been withdrawn.")),
        "booth": ("booth", _("The booth has been assigned.")),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=_("Exhibitors"), exhibitors=selectors.exhibitors_of(self.event))
        return context

    def add(self, form):
        values = form.cleaned_data
        services.invite_exhibitor(
            self.event,
            actor=self.request.user,
            organization=values["organization"],
            name=values["name"],
            name_en=values["name_en"],
            booth=values["booth"],
            exhibits=values["exhibits"],
            exhibits_en=values["exhibits_en"],
        )

    def row(self, data):
        return _row(selectors.exhibitors_of(self.event), data)

    def confirm(self, data):
        services.confirm_exhibitor(
            self.row(data), actor=self.request.user, booth=data.get("booth", "")
        )

    def decline(self, data):
        services.decline_exhibitor(self.row(data), actor=self.request.user)

    def withdraw(self, data):
        services.withdraw_exhibitor(self.row(data), actor=self.request.user)

    def booth(self, data):
        services.assign_booth(self.row(data), actor=self.request.user, booth=data.get("booth", ""))


class FilmsView(EventSectionView):
    template_name = "events/films.html"
    add_form_class = forms.FilmForm
    add_success = _("The film has been added.")
    row_actions = {"remove": ("remove", _("The film has been removed."))}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=_("Films and screenings"), films=selectors.films_of(self.event))
        return context

    def add(self, form):
        services.add_film(self.event, actor=self.request.user, **form.service_values())

    def remove(self, data):
        services.remove_film(_row(self.event.films.all(), data), actor=self.request.user)


class FilmEditView(EventSectionView):
    """One film: its details, and its screening slots (the form on this page adds one)."""

    template_name = "events/film_edit.html"
    add_form_class = forms.ScreeningForm
    add_success = _("The screening has been added.")
    row_actions = {"remove": ("remove", _("The screening has been removed."))}

    def get_permission_object(self):
        event = super().get_permission_object()
        self.film = selectors.get_within(selectors.films_of(event), self.kwargs["film"])
        return event

    def get_add_form_kwargs(self):
        return {"event": self.event}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        film_form = kwargs.get("film_form") or forms.FilmForm(instance=self.film)
        context.update(title=self.film.display_title, film=self.film, film_form=film_form)
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") != "save":
            return super().post(request, *args, **kwargs)
        form = forms.FilmForm(request.POST, instance=self.film)
        if form.is_valid():
            try:
                with transaction.atomic():
                    services.update_film(self.film, actor=request.user, **form.service_values())
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _t("The film has been saved."))
                return redirect(self.event_url("event_films"))
        return self.render_to_response(self.get_context_data(film_form=form))

    def add(self, form):
        values = form.cleaned_data
        services.add_screening(
            self.film,
            actor=self.request.user,
            venue=values["venue"],
            venue_en=values["venue_en"],
            starts_at=values["starts_at"],
            ends_at=values["ends_at"],
        )

    def remove(self, data):
        services.remove_screening(_row(self.film.screenings.all(), data), actor=self.request.user)


class QuestionsView(EventSectionView):
    template_name = "events/questions.html"
    add_form_class = forms.QuestionForm
    add_success = _("The question has been added to the registration form.")
    row_actions = {"remove": ("remove", _("The question has been removed."))}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=_("Registration questions"), questions=self.event.questions.all())
        return context

    def add(self, form):
        services.add_question(self.event, actor=self.request.user, **form.service_values())

    def remove(self, data):
        services.remove_question(_row(self.event.questions.all(), data), actor=self.request.user)


# Registrations ----------------------------------------------------------------------------------


class RegistrationsView(EventMixin, ListMixin, TemplateView):
    template_name = "events/registrations.html"
    rows_template_name = "events/_registration_rows.html"
    filter_form_class = RegistrationFilterForm
    paginate_by = 50
    row_actions = {
        "approve": (services.approve_registration, _("The registration is approved.")),
        "reject": (services.reject_registration, _("The registration is declined.")),
        "cancel": (services.cancel_registration, _("The registration is cancelled.")),
    }

    def get_queryset(self):
        return selectors.filter_registrations(
            selectors.registrations_for(self.event), **self.filters()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        questions = list(self.event.questions.all())
        for registration in context["rows"]:
            registration.answer_list = [
                (question.display_label, answer_text(registration.answers[str(question.pk)]))
                for question in questions
                if registration.answers.get(str(question.pk), "") != ""
            ]
        context.update(
            title=_("Registrations"),
            personal_data_visible=services.registrant_contacts_visible(
                self.request.user, self.event
            ),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = self.row_actions.get(request.POST.get("action"))
        if action is None:
            return HttpResponseBadRequest()
        service, success = action
        registration = _row(self.event.registrations.all(), request.POST)
        try:
            registration = service(registration, actor=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{success} ({registration.get_status_display()})")
        return redirect(request.get_full_path())

    def export(self, queryset):
        return exports.export_registrations(
            self.event,
            queryset,
            contacts_visible=services.registrant_contacts_visible(self.request.user, self.event),
        )


# The check-in desk ------------------------------------------------------------------------------


class CheckInView(EventMixin, FormView):
    """The door: the camera reads the QR code (``checkin.js``) or the code is typed; each
    attempt shows its result, and the figures follow."""

    permission_required = "events.check_in_event"
    template_name = "events/check_in.html"
    form_class = forms.CheckInForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=_("Check-in: %(event)s") % {"event": self.event.display_title},
            attendance=selectors.attendance_of(self.event),
            recent=selectors.check_ins_at(self.event).filter(door=self.event)[:10],
            doors=selectors.doors_of(self.event),
        )
        return context

    def get_template_names(self):
        if getattr(self.request, "htmx", False):
            return ["events/check_in.html#result"]
        return super().get_template_names()

    def form_valid(self, form):
        result = {"ok": False}
        try:
            check = services.check_in(
                self.event, form.cleaned_data["code"], actor=self.request.user
            )
        except services.AlreadyCheckedIn as error:
            result.update(message=str(error), registration=error.first.registration, repeated=True)
        except DomainError as error:
            result.update(message=str(error))
        else:
            result.update(
                ok=True,
                registration=check.registration,
                message=_t("Welcome, %(name)s: checked in at %(time)s.")
                % {"name": check.registration.name, "time": local(check.checked_in_at, self.event)},
            )
        return self.render_to_response(self.get_context_data(form=self.form_class(), result=result))


class AttendanceView(EventMixin, TemplateView):
    """The figures alone, for the check-in page to poll; ``?format=xlsx`` lists the
    check-ins."""

    permission_required = "events.check_in_event"
    template_name = "events/check_in.html#attendance"

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "xlsx":
            return self.export()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["attendance"] = selectors.attendance_of(self.event)
        return context

    def export(self):
        return exports.export_attendance(self.event, selectors.check_ins_at(self.event))


def urlpatterns_for(portal):
    """The organiser's event pages, mounted in the government and in the park portal."""

    def view(cls):
        return cls.as_view(portal=portal)

    return [
        path("events/", view(EventListView), name="event_list"),
        path("events/new/", view(EventCreateView), name="event_create"),
        path("events/<int:pk>/", view(EventDetailView), name="event_detail"),
        path("events/<int:pk>/edit/", view(EventEditView), name="event_edit"),
        path("events/<int:pk>/parts/new/", view(PartCreateView), name="part_create"),
        path("events/<int:pk>/organisers/", view(OrganizersView), name="event_organizers"),
        path("events/<int:pk>/agenda/", view(AgendaView), name="event_agenda"),
        path("events/<int:pk>/agenda/<int:session>/", view(SessionEditView), name="session_edit"),
        path("events/<int:pk>/exhibitors/", view(ExhibitorsView), name="event_exhibitors"),
        path("events/<int:pk>/films/", view(FilmsView), name="event_films"),
        path("events/<int:pk>/films/<int:film>/", view(FilmEditView), name="film_edit"),
        path("events/<int:pk>/questions/", view(QuestionsView), name="event_questions"),
        path("events/<int:pk>/registrations/", view(RegistrationsView), name="event_registrations"),
        path("events/<int:pk>/check-in/", view(CheckInView), name="event_check_in"),
        path("events/<int:pk>/attendance/", view(AttendanceView), name="event_attendance"),
    ]


# Home panel ------------------------------------------------------------------------------------


def public_home_panel(request, organization):
    """The next events open to the public."""
    events = list(
        selectors.public_main_events()
        .filter(ends_at__gte=timezone.now())
        .select_related(*selectors.PUBLIC_LIST_RELATED)
        .order_by("starts_at", "pk")[:4]
    )
    return {"events": events}


home.register(
    home.PUBLIC,
    home.Panel("events.upcoming", "events/public/_home.html", public_home_panel, order=10),
)
