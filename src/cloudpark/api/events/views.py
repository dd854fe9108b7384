"""Events over REST: the public calendar, registering and one's own registrations, and the
organisers' side: their events (created, changed, published, cancelled and finished), the
registrations they approve or decline, the check-in and the attendance figures.

The same selectors, services and named rules as the pages. Organisers' endpoints look events
up among those of the caller's organisations, so that another organisation's event is a 404;
a member without the right the page asks for gets a 403, and a refused business rule a 400
with its message.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from cloudpark.api import base
from cloudpark.api.base import PUBLIC, SIGNED_IN, RuleViewSet, in_any, on_input, rule
from cloudpark.api.events import filters
from cloudpark.api.events.serializers import (
    AttendanceSerializer,
    CheckInRequestSerializer,
    CheckInSerializer,
    EventCancelRequestSerializer,
    EventDetailSerializer,
    EventSerializer,
    ManagedEventCreateSerializer,
    ManagedEventSerializer,
    ManagedEventUpdateSerializer,
    ManagedRegistrationSerializer,
    RegistrationRequestSerializer,
    RegistrationSerializer,
)
from cloudpark.api.lists import only_shown
from cloudpark.events import selectors, services
from cloudpark.orgs.enums import Capability

MANAGING = rule("events.manage_event")
# Actions on one of the caller's organisations' events (or parts).
ORGANISING = {"partial_update", "publish", "cancel", "finish", "registrations", "attendance"}


class EventViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    """Published, cancelled and finished events (parts are listed within their event).

    For organisers, the events of their government bodies and parks: ``managed/`` lists
    them; creating, changing (``PATCH``), ``publish/``, ``cancel/`` and ``finish/`` call the
    services the pages call, and ``registrations/`` and ``attendance/`` read what the pages
    show."""

    serializer_class = EventSerializer
    filterset_class = filters.EventFilter
    acting_kinds = base.ORGANIZERS
    acting_preference = Capability.MANAGE_EVENTS
    permission_rules = {
        "list": PUBLIC,
        "retrieve": PUBLIC,
        "managed": in_any("events.view_events"),
        "create": on_input("events.manage_events"),
        "partial_update": MANAGING,
        "publish": MANAGING,
        "cancel": MANAGING,
        "finish": MANAGING,
        "registrations": MANAGING,
        "attendance": rule("events.check_in_event"),
        "register": SIGNED_IN,
        "check_in": rule("events.check_in_event"),
    }

    def get_queryset(self):
        user = self.request.user
        if self.action == "list":
            return only_shown(selectors.public_main_events(), EventSerializer).order_by(
                "-starts_at", "pk"
            )
        if self.action == "managed":
            return selectors.events_of_organizations_where(user, "events.view_events").order_by(
                "-starts_at", "pk"
            )
        if self.action in ORGANISING:
            # Another organisation's event is a 404; a member without the right a 403.
            return selectors.events_of_organizations_of(user).select_related("parent", "owner")
        if self.action == "check_in":
            return selectors.events_for_check_in(user)
        return selectors.public_events().select_related("parent").order_by("pk")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return EventDetailSerializer
        if self.action in {"managed", "create", *ORGANISING} - {"registrations", "attendance"}:
            return ManagedEventSerializer
        return EventSerializer

    def _event(self):
        """The event of the URL among ``get_queryset``, its rule asked (``get_object``
        without the list's filters, which some of these actions bring for their rows)."""
        event = selectors.get_within(self.get_queryset(), self.kwargs["pk"])
        self.check_object_permissions(self.request, event)
        return event

    # The organisers' side -----------------------------------------------------------------------

    @extend_schema(responses=ManagedEventSerializer(many=True))
    @action(detail=False, methods=["get"], filterset_class=filters.ManagedEventFilter)
    def managed(self, request):
        """Events and parts of the government bodies and parks the caller organises events
        or checks tickets in for, drafts included, latest first."""
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(ManagedEventSerializer(page, many=True).data)

    @extend_schema(request=ManagedEventCreateSerializer, responses={201: ManagedEventSerializer})
    def create(self, request, *args, **kwargs):
        """A new draft event of the caller's organisation, or a new part of one of its
        events."""
        values = self.validated(ManagedEventCreateSerializer, request.data)
        owner, parent = values.pop("owner", None), values.pop("parent", None)
        if parent is not None:
            owner = parent.owner
        else:
            owner = self.act_for(owner.pk if owner is not None else None)
        self.check_rule(owner)
        event = services.create_event(owner, actor=request.user, parent=parent, **values)
        return Response(ManagedEventSerializer(event).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ManagedEventUpdateSerializer, responses=ManagedEventSerializer)
    def partial_update(self, request, pk=None):
        """Change an event's details; the fields left out stay as they are."""
        event = self._event()
        values = self.validated(
            ManagedEventUpdateSerializer, request.data, instance=event, partial=True
        )
        event = services.update_event(event, actor=request.user, **values)
        return Response(ManagedEventSerializer(event).data)

    @extend_schema(request=None, responses=ManagedEventSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Publish a draft, with its draft parts."""
        event = services.publish_event(self._event(), actor=request.user)
        return Response(ManagedEventSerializer(event).data)

    @extend_schema(request=EventCancelRequestSerializer, responses=ManagedEventSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Call an event off, with its parts; everyone registered is notified."""
        event = self._event()
        data = self.validated(EventCancelRequestSerializer, request.data)
        event = services.cancel_event(event, actor=request.user, reason=data["reason"])
        return Response(ManagedEventSerializer(event).data)

    @extend_schema(request=None, responses=ManagedEventSerializer)
    @action(detail=True, methods=["post"])
    def finish(self, request, pk=None):
        """Mark a published event finished once it has begun, with its published parts."""
        event = services.finish_event(self._event(), actor=request.user)
        return Response(ManagedEventSerializer(event).data)

    @extend_schema(responses=ManagedRegistrationSerializer(many=True))
    @action(detail=True, methods=["get"], filterset_class=filters.ManagedRegistrationFilter)
    def registrations(self, request, pk=None):
        """The event's registrations, first come first."""
        event = self._event()
        queryset = self.filter_queryset(selectors.registrations_for(event))
        page = self.paginate_queryset(queryset)
        context = {"contacts_visible": services.registrant_contacts_visible(request.user, event)}
        return self.get_paginated_response(
            ManagedRegistrationSerializer(page, many=True, context=context).data
        )

    @extend_schema(responses=AttendanceSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def attendance(self, request, pk=None):
        """Per door (the main event's, then each part's): people expected and let in."""
        doors = selectors.attendance_of(self._event())
        return Response(AttendanceSerializer(doors, many=True).data)

    @extend_schema(request=RegistrationRequestSerializer, responses={201: RegistrationSerializer})
    @action(detail=True, methods=["post"])
    def register(self, request, pk=None):
        """Register the caller; a full event puts them on its waiting list."""
        event = selectors.get_public_event(pk)
        data = self.validated(RegistrationRequestSerializer, request.data)
        registration = services.register(event, request.user, actor=request.user, **data)
        return Response(RegistrationSerializer(registration).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CheckInRequestSerializer, responses={201: CheckInSerializer})
    @action(detail=True, methods=["post"], url_path="check-in")
    def check_in(self, request, pk=None):
        """Check a ticket in at this event's door (organisers with the check-in right)."""
        door = self._event()
        data = self.validated(CheckInRequestSerializer, request.data)
        check = services.check_in(door, data["code"], actor=request.user)
        return Response(CheckInSerializer(check).data, status=status.HTTP_201_CREATED)


DECIDING = rule("events.manage_event", through="event")


class RegistrationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    """The caller's own registrations and tickets; for organisers, ``approve/`` and
    ``reject/`` decide a registration for one of their organisation's events."""

    serializer_class = RegistrationSerializer
    filterset_class = None
    permission_rules = {
        "list": SIGNED_IN,
        "retrieve": SIGNED_IN,
        "approve": DECIDING,
        "reject": DECIDING,
        "cancel": rule("events.cancel_registration"),
    }

    def get_queryset(self):
        if self.action in {"approve", "reject"}:
            return selectors.registrations_at_events_of_organizations_of(self.request.user)
        return selectors.registrations_of(self.request.user).order_by("-created_at", "-pk")

    def get_serializer_class(self):
        if self.action in {"approve", "reject"}:
            return ManagedRegistrationSerializer
        return RegistrationSerializer

    def _decide(self, service):
        registration = service(self.get_object(), actor=self.request.user)
        visible = services.registrant_contacts_visible(self.request.user, registration.event)
        return Response(
            ManagedRegistrationSerializer(registration, context={"contacts_visible": visible}).data
        )

    @extend_schema(request=None, responses=ManagedRegistrationSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Accept a registration awaiting approval (or waiting): a seat if one is free, else
        a place on the waiting list."""
        return self._decide(services.approve_registration)

    @extend_schema(request=None, responses=ManagedRegistrationSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Decline a registration awaiting approval."""
        return self._decide(services.reject_registration)

    @extend_schema(request=None, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        registration = services.cancel_registration(self.get_object(), actor=request.user)
        return Response(RegistrationSerializer(registration).data)
