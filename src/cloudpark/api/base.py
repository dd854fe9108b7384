"""What every API viewset shares: the organisation the caller acts for, and one way to ask the
named rules the pages ask.

A viewset maps each of its actions to a ``Rule`` in ``permission_rules``; ``RulePermission``
reads the map, so no action asks a rule of its own. A rule is asked about one of three things:

- the object the action works on (``rule("programs.submit_application")``), or an object it
  leads to (``rule("events.manage_event", through="event")``), once ``get_object`` has found
  it among what the caller sees (another organisation's object is a 404 before any rule);
- the organisation the caller acts for (``acting("bases.declare")``), chosen with
  ``?<acting_parameter>=<id>`` when they belong to several;
- any of the caller's organisations of ``acting_kinds`` (``in_any("events.view_events")``),
  for lists across all of them;
- an object named in the request body (``on_input("programs.change_programme")``), once the
  write serializer has resolved it: the action hands it to ``check_rule``.

``PUBLIC`` and ``SIGNED_IN`` mark actions whose visibility the selector alone decides.
"""

from dataclasses import dataclass
from operator import attrgetter

from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import permissions, serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from cloudpark.orgs import enums as org_enums
from cloudpark.orgs import selectors as org_selectors

OBJECT = "object"
ACTING = "acting"
ANY = "any"
INPUT = "input"

REFUSED = _("Your role in this organisation does not allow this.")


@dataclass(frozen=True)
class Rule:
    """A named ``rules`` permission (or none), what it is asked about, and whether anonymous
    callers may take the action."""

    name: str | None = None
    on: str = OBJECT
    through: str = ""
    anonymous: bool = False


PUBLIC = Rule(anonymous=True)
SIGNED_IN = Rule()


def rule(name, *, through=""):
    return Rule(name, OBJECT, through)


def acting(name):
    return Rule(name, ACTING)


def in_any(name):
    return Rule(name, ANY)


def on_input(name):
    return Rule(name, INPUT)


# Acting for an organisation ----------------------------------------------------------------------

GOVERNMENT = (org_enums.OrganizationKind.GOVERNMENT,)
PARK = (org_enums.OrganizationKind.PARK,)
ENTERPRISE = (org_enums.OrganizationKind.ENTERPRISE,)
ORGANIZERS = (org_enums.OrganizationKind.GOVERNMENT, org_enums.OrganizationKind.PARK)
# Service partners, finance institutions and the like: organisations of the kind "other".
OTHER = (org_enums.OrganizationKind.OTHER,)

ACTING_FOR_NONE = {
    GOVERNMENT: _("You act for no government body."),
    PARK: _("You act for no park."),
    ENTERPRISE: _("You act for no enterprise."),
    ORGANIZERS: _("You organise events for no government body or park."),
    OTHER: _("You act for no service partner or other organisation."),
}


def acting_parameter(name, kind_label):
    return OpenApiParameter(
        name,
        OpenApiTypes.INT,
        description=f"The {kind_label} to act for, when the caller belongs to several.",
    )


GOVERNMENT_PARAMETER = acting_parameter("government", "government body")
PARK_PARAMETER = acting_parameter("park", "park")
ENTERPRISE_PARAMETER = acting_parameter("enterprise", "enterprise")
PARTNER_PARAMETER = acting_parameter("partner", "service partner")


def acting_organization(user, kinds, chosen=None, *, preferring=None):
    """The organisation of ``kinds`` the caller acts for (``orgs.selectors.acting_membership``,
    as on the pages): the one chosen if theirs, else their first. A chosen organisation that is
    not theirs is a 404, as a missing one; belonging to none of the kinds a 403."""
    try:
        chosen_id = None if chosen in (None, "") else int(chosen)
    except (TypeError, ValueError):
        chosen_id = 0
    membership = org_selectors.acting_membership(user, kinds, chosen_id, preferring=preferring)
    if membership is None:
        raise PermissionDenied(ACTING_FOR_NONE[tuple(kinds)])
    if chosen_id is not None and membership.organization_id != chosen_id:
        raise Http404
    return org_selectors.organization_as_kind(membership.organization)


# The permission -----------------------------------------------------------------------------------


class RulePermission(permissions.BasePermission):
    """Asks the rule the viewset maps the current action to (``permission_rules``)."""

    message = REFUSED

    def has_permission(self, request, view):
        mapped = view.rule_for_action()
        if not mapped.anonymous and not request.user.is_authenticated:
            return False
        if mapped.on == ACTING and mapped.name:
            return request.user.has_perm(mapped.name, view.acting_for)
        if mapped.on == ANY and not any(
            request.user.has_perm(mapped.name, membership.organization)
            for membership in org_selectors.memberships_of(request.user)
            if membership.organization.kind in view.acting_kinds
        ):
            raise PermissionDenied(ACTING_FOR_NONE[tuple(view.acting_kinds)])
        return True

    def has_object_permission(self, request, view, obj):
        mapped = view.rule_for_action()
        if mapped.on != OBJECT or not mapped.name:
            return True
        target = attrgetter(mapped.through)(obj) if mapped.through else obj
        return request.user.has_perm(mapped.name, target)


class RuleViewSet(viewsets.GenericViewSet):
    """A viewset whose actions each ask a named rule (``permission_rules``) and which may act
    for one of the caller's organisations of ``acting_kinds``."""

    permission_classes = [RulePermission]
    permission_rules: dict[str, Rule] = {}
    acting_kinds = ()
    acting_query_parameter = ""
    acting_preference = None

    def rule_for_action(self):
        action = self.action
        if action in (None, "metadata"):
            # OPTIONS, or a method the viewset does not take: as open as its reading.
            return self.permission_rules.get(
                "list", self.permission_rules.get("retrieve", SIGNED_IN)
            )
        try:
            return self.permission_rules[action]
        except KeyError:
            raise ImproperlyConfigured(
                f"{type(self).__name__} maps no rule to its action {action!r}."
            ) from None

    @property
    def acting_for(self):
        """The organisation the caller acts for, from ``?<acting_query_parameter>=<id>``; None
        while the schema is generated."""
        if getattr(self, "swagger_fake_view", False):
            return None
        if not hasattr(self, "_acting_for"):
            chosen = (
                self.request.query_params.get(self.acting_query_parameter)
                if self.acting_query_parameter
                else None
            )
            self._acting_for = acting_organization(
                self.request.user, self.acting_kinds, chosen, preferring=self.acting_preference
            )
        return self._acting_for

    def act_for(self, chosen):
        """Act for the organisation named in the request body (or the caller's first)."""
        self._acting_for = acting_organization(
            self.request.user, self.acting_kinds, chosen, preferring=self.acting_preference
        )
        return self._acting_for

    def check_rule(self, target):
        """Ask the action's ``on_input`` rule about ``target``, an object the request named."""
        mapped = self.rule_for_action()
        if mapped.on != INPUT:
            raise ImproperlyConfigured(
                f"{self.action!r} of {type(self).__name__} has no input rule."
            )
        if not self.request.user.has_perm(mapped.name, target):
            raise PermissionDenied(REFUSED)

    def validated(self, serializer_class, data, *, instance=None, partial=False):
        """The request body checked by ``serializer_class``, which sees the request (its
        related fields resolve ids among what the caller may use)."""
        serializer = serializer_class(
            instance, data=data, partial=partial, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


# Write serializers -------------------------------------------------------------------------------


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """An id resolved among what the caller may use (``scope(user)``, a selector's queryset),
    built for each request: another organisation's object is refused exactly as a missing one
    ("Invalid pk ... object does not exist")."""

    def __init__(self, model, scope, **kwargs):
        self.scope = scope
        # The schema reads the id's type from the model; requests always use ``scope``.
        super().__init__(queryset=model._default_manager.none(), **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return self.scope(getattr(request, "user", None))
