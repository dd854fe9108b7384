"""Writes of culture finance: institutions and their products, financing needs,
introductions between an enterprise and an institution, and data rooms. Pages, the API, the
admin and the demo all come here.

Every write runs in one transaction, writes one audit entry per step and tells the other
side; e-mails leave once the transaction has committed (``notifications.notify``).

An introduction is requested by the enterprise and sent to the institution by the platform.
Today the platform sends it at once, so both steps are recorded in the same transaction; a
hand-off by the zone's finance centre can later sit between them without changing the table.
"""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.core import audit, links
from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.services import apply_changes, locked, validated
from cloudpark.core.states import check_transition
from cloudpark.finance import enums, selectors
from cloudpark.finance.enums import IntroductionState
from cloudpark.finance.models import (
    DataRoom,
    FinancialInstitution,
    FinancingNeed,
    Introduction,
    Product,
)
from cloudpark.notifications import services as notifications
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.enums import OrganizationKind
from cloudpark.programs import eligibility
from cloudpark.programs import selectors as programme_selectors
from cloudpark.programs.enums import Outcome

INSTITUTION_REGISTERED = audit.register(
    "finance.institution.registered", _("Registered as a financial institution")
)
PRODUCT_SAVED = audit.register("finance.product.saved", _("Financing product saved"))
PRODUCT_PUBLISHED = audit.register("finance.product.published", _("Financing product published"))
PRODUCT_UNPUBLISHED = audit.register(
    "finance.product.unpublished", _("Financing product taken off the list")
)
NEED_PUBLISHED = audit.register("finance.need.published", _("Financing need published"))
NEED_CLOSED = audit.register("finance.need.closed", _("Financing need closed"))
INTRODUCTION_REQUESTED = audit.register(
    "finance.introduction.requested", _("Introduction requested")
)
INTRODUCTION_MOVED = audit.register("finance.introduction.moved", _("Introduction moved on"))
INTRODUCTION_WITHDRAWN = audit.register(
    "finance.introduction.withdrawn", _("Introduction withdrawn")
)
DATA_ROOM_OPENED = audit.register("finance.data_room.opened", _("Data room opened"))
DATA_ROOM_ENDED = audit.register("finance.data_room.ended", _("Data room ended early"))
DATA_ROOM_VIEWED = audit.register(
    "finance.data_room.viewed", _("Data room viewed by the institution")
)

INTRODUCTION_RECEIVED = notifications.register(
    "finance.introduction_received",
    _("%(enterprise)s asks to be introduced for your product %(product)s."),
)
INTRODUCTION_MOVED_NOTICE = notifications.register(
    "finance.introduction_moved",
    _("%(institution)s moved your introduction for %(product)s on: %(state)s."),
)
INTRODUCTION_WITHDRAWN_NOTICE = notifications.register(
    "finance.introduction_withdrawn",
    _("%(enterprise)s withdrew its introduction for %(product)s."),
)
DATA_ROOM_OPENED_NOTICE = notifications.register(
    "finance.data_room_opened",
    _("%(enterprise)s shares its figures with you until %(until)s."),
)
DATA_ROOM_ENDED_NOTICE = notifications.register(
    "finance.data_room_ended", _("%(enterprise)s ended the data room it shared with you.")
)

PRODUCT_FIELDS = (
    "name",
    "name_en",
    "kind",
    "description",
    "description_en",
    "amount_min",
    "amount_max",
    "term_min",
    "term_max",
    "cost_min",
    "cost_max",
    "collateral",
    "combinator",
    "rules",
)
NEED_FIELDS = (
    "amount",
    "term",
    "purpose",
    "stage",
    "collateral",
    "target_cost",
    "valid_until",
)
LONGEST_DATA_ROOM_DAYS = 90


def _institution_people(institution):
    return [
        membership.user
        for membership in org_selectors.members_of(institution.organization)
        if membership.is_active
        and membership.user.is_active
        and membership.role in selectors.ACTING_ROLES
    ]


def _enterprise_people(enterprise):
    return org_selectors.people_with(enterprise)


def _clean_collateral(values, field):
    values = list(dict.fromkeys(values or []))
    if not values:
        raise DomainError(_("Name at least one kind of collateral."), field=field)
    unknown = [value for value in values if value not in enums.Collateral]
    if unknown:
        raise DomainError(
            _("Unknown collateral: %(values)s.") % {"values": ", ".join(map(str, unknown))},
            field=field,
        )
    return values


def clean_rules(rules):
    """``[{"kind", "params"}]`` checked by the programmes' rule engine."""
    cleaned = []
    for rule in rules or []:
        try:
            kind = rule["kind"]
            cleaned.append(
                {"kind": kind, "params": eligibility.clean_params(kind, rule.get("params"))}
            )
        except ValidationError as error:
            raise DomainError(" ".join(error.messages), field="rules") from None
        except (KeyError, TypeError, ValueError):
            raise DomainError(
                _("An eligibility rule is not one the platform knows."), field="rules"
            ) from None
    return cleaned


# Institutions and products -----------------------------------------------------------------


@transaction.atomic
def register_institution(organization, *, kind, actor=None):
    """Mark an organisation of the directory as a financial institution of ``kind``. Only
    an organisation of the kind "other" may be one: governments, parks and enterprises have
    their own portals and rights."""
    if organization.kind != OrganizationKind.OTHER:
        raise DomainError(
            _(
                "Only an organisation that is not a government, park or enterprise can be a "
                "financial institution."
            )
        )
    institution, created = FinancialInstitution.objects.get_or_create(
        organization=organization, defaults={"kind": kind}
    )
    if created:
        audit.log_action(organization, INSTITUTION_REGISTERED, actor=actor, data={"kind": kind})
    return institution


@transaction.atomic
def save_product(institution, *, actor, values, product=None):
    """Create (``product`` None) or change a product of ``institution``; a new one is not
    published until ``set_product_published``."""
    values = dict(values)
    if "collateral" in values:
        values["collateral"] = _clean_collateral(values["collateral"], "collateral")
    if "rules" in values:
        values["rules"] = clean_rules(values["rules"])
    if product is None:
        product = Product(institution=institution)
    else:
        product = locked(product)
        if product.institution_id != institution.pk:
            raise DomainError(_("This product belongs to another institution."))
    changed = apply_changes(product, values, allowed=PRODUCT_FIELDS)
    validated(product)
    product.save()
    audit.log_action(product, PRODUCT_SAVED, actor=actor, data={"changed": changed})
    return product


@transaction.atomic
def set_product_published(product, *, actor, published):
    product = locked(product)
    if product.is_published == published:
        return product
    product.is_published = published
    product.save(update_fields=["is_published", "updated_at"])
    audit.log_action(product, PRODUCT_PUBLISHED if published else PRODUCT_UNPUBLISHED, actor=actor)
    return product


# Needs -------------------------------------------------------------------------------------


@transaction.atomic
def publish_need(enterprise, *, actor, values):
    values = dict(values)
    if values.get("amount") in (None, ""):
        raise DomainError(_("Say how much the enterprise needs to raise."), field="amount")
    if values.get("valid_until") in (None, ""):
        raise DomainError(_("Say until when the need is valid."), field="valid_until")
    if Decimal(values["amount"]) <= 0:
        raise DomainError(_("The amount must be above zero."), field="amount")
    if values["valid_until"] < timezone.localdate():
        raise DomainError(
            _("The need cannot be valid until a day already past."), field="valid_until"
        )
    values["collateral"] = _clean_collateral(values.get("collateral"), "collateral")
    need = FinancingNeed(enterprise=enterprise, created_by=actor)
    apply_changes(need, values, allowed=NEED_FIELDS)
    validated(need)
    need.save()
    audit.log_action(need, NEED_PUBLISHED, actor=actor, data={"amount": need.amount})
    return need


@transaction.atomic
def close_need(need, *, actor):
    need = locked(need)
    if need.state == enums.NeedState.CLOSED:
        return need
    need.state = enums.NeedState.CLOSED
    need.save(update_fields=["state", "updated_at"])
    audit.log_action(need, NEED_CLOSED, actor=actor)
    return need


# Introductions -----------------------------------------------------------------------------


def _params(introduction, state=None):
    params = notifications.bilingual(
        enterprise=introduction.need.enterprise,
        institution=introduction.product.institution.organization,
        product=(introduction.product.name, introduction.product.name_en),
    )
    if state is not None:
        params.update(notifications.bilingual(state=IntroductionState(state).label))
    return params


def _move(introduction, target, *, actor, data=None, fields=()):
    check_transition(enums.INTRODUCTION_TRANSITIONS, introduction.state, target)
    before = introduction.state
    introduction.state = target
    introduction.save(update_fields=["state", "updated_at", *fields])
    audit.log_action(
        introduction,
        INTRODUCTION_MOVED,
        actor=actor,
        data={"from": before, "to": target, **(data or {})},
    )


@transaction.atomic
def request_introduction(need, product, *, actor, message=""):
    """The enterprise asks to be introduced for ``product`` with ``need``; the platform sends
    it to the institution at once and tells its people."""
    need = locked(need, select_related=["enterprise"])
    if not need.is_live:
        raise DomainError(_("This need is closed or past its date; publish a new one."))
    if not product.is_published:
        raise DomainError(_("This product is no longer offered."))
    facts = programme_selectors.facts_for(need.enterprise)
    result = selectors.eligibility_of(
        product, facts, programme_selectors.vocabulary_for(product.eligibility_rules)
    )
    if result.outcome == Outcome.FAILED:
        raise DomainError(
            _t("The enterprise does not meet the product's conditions: %(reasons)s")
            % {"reasons": " ".join(item.explanation for item in result.unmet)}
        )
    if Introduction.objects.filter(
        need=need, product=product, state__in=enums.OPEN_INTRODUCTION_STATES
    ).exists():
        raise DomainError(_("An introduction for this need and product is already under way."))
    try:
        with transaction.atomic():
            introduction = Introduction.objects.create(
                need=need, product=product, message=message, requested_by=actor
            )
    except IntegrityError:
        raise DomainError(
            _("An introduction for this need and product is already under way.")
        ) from None
    audit.log_action(introduction, INTRODUCTION_REQUESTED, actor=actor)
    _move(introduction, IntroductionState.SENT, actor=None)
    notifications.notify(
        _institution_people(product.institution),
        INTRODUCTION_RECEIVED,
        params=_params(introduction),
        url=links.url("finance.introduction.institution", introduction.pk),
    )
    return introduction


@transaction.atomic
def move_introduction(introduction, target, *, actor, values=None):
    """The institution moves an introduction on: contacted, in review, granted (with the
    amount, the all-in rate and the date) or declined (with a reason)."""
    values = dict(values or {})
    target = IntroductionState(target)
    if target not in enums.INSTITUTION_MOVES:
        raise TransitionNotAllowed(_("The institution cannot take this step."))
    introduction = locked(
        introduction,
        select_related=["need__enterprise", "product__institution__organization"],
    )
    if not check_transition(enums.INTRODUCTION_TRANSITIONS, introduction.state, target):
        return introduction
    fields = []
    data = {}
    if target == IntroductionState.GRANTED:
        for field, message in (
            ("granted_amount", _("Give the amount granted.")),
            ("granted_rate", _("Give the all-in cost granted.")),
            ("granted_on", _("Give the date of the grant.")),
        ):
            if values.get(field) in (None, ""):
                raise DomainError(message, field=field)
        apply_changes(
            introduction,
            {field: values[field] for field in ("granted_amount", "granted_rate", "granted_on")},
            allowed=("granted_amount", "granted_rate", "granted_on"),
        )
        validated(introduction, validate_constraints=False)
        fields = ["granted_amount", "granted_rate", "granted_on"]
        data = {field: getattr(introduction, field) for field in fields}
    elif target == IntroductionState.DECLINED:
        introduction.decline_reason = (values.get("decline_reason") or "").strip()
        if not introduction.decline_reason:
            raise DomainError(_("Say why the introduction is declined."), field="decline_reason")
        fields = ["decline_reason"]
    _move(introduction, target, actor=actor, data=data, fields=fields)
    notifications.notify(
        _enterprise_people(introduction.need.enterprise),
        INTRODUCTION_MOVED_NOTICE,
        params=_params(introduction, target),
        url=links.url("finance.introduction.enterprise", introduction.pk),
    )
    return introduction


@transaction.atomic
def withdraw_introduction(introduction, *, actor):
    introduction = locked(
        introduction,
        select_related=["need__enterprise", "product__institution__organization"],
    )
    target = IntroductionState.WITHDRAWN
    if not check_transition(enums.INTRODUCTION_TRANSITIONS, introduction.state, target):
        return introduction
    before = introduction.state
    introduction.state = target
    introduction.save(update_fields=["state", "updated_at"])
    audit.log_action(introduction, INTRODUCTION_WITHDRAWN, actor=actor, data={"from": before})
    notifications.notify(
        _institution_people(introduction.product.institution),
        INTRODUCTION_WITHDRAWN_NOTICE,
        params=_params(introduction),
        url=links.url("finance.introduction.institution", introduction.pk),
    )
    return introduction


# Data rooms --------------------------------------------------------------------------------


@transaction.atomic
def open_data_room(enterprise, institution, *, actor, figures, days):
    figures = list(dict.fromkeys(figures or []))
    if not figures:
        raise DomainError(_("Choose at least one set of figures to share."), field="figures")
    if any(value not in enums.SharedFigure for value in figures):
        raise DomainError(_("These figures cannot be shared."), field="figures")
    try:
        days = int(days)
    except (TypeError, ValueError):
        days = 0
    if not 1 <= days <= LONGEST_DATA_ROOM_DAYS:
        raise DomainError(
            _("A data room stays open from 1 to %(days)s days.") % {"days": LONGEST_DATA_ROOM_DAYS},
            field="days",
        )
    room = DataRoom.objects.create(
        enterprise=enterprise,
        institution=institution,
        figures=figures,
        expires_at=timezone.now() + timedelta(days=days),
        opened_by=actor,
    )
    audit.log_action(
        room,
        DATA_ROOM_OPENED,
        actor=actor,
        data={"institution": institution.pk, "figures": figures, "days": days},
    )
    notifications.notify(
        _institution_people(institution),
        DATA_ROOM_OPENED_NOTICE,
        params={
            **notifications.bilingual(enterprise=enterprise),
            "until": timezone.localtime(room.expires_at).strftime("%Y-%m-%d %H:%M"),
        },
        url=links.url("finance.data_room.institution", room.pk),
    )
    return room


@transaction.atomic
def end_data_room(room, *, actor):
    room = locked(room, select_related=["enterprise", "institution__organization"])
    if not room.is_open:
        return room
    room.ended_at = timezone.now()
    room.save(update_fields=["ended_at", "updated_at"])
    audit.log_action(room, DATA_ROOM_ENDED, actor=actor)
    notifications.notify(
        _institution_people(room.institution),
        DATA_ROOM_ENDED_NOTICE,
        params=notifications.bilingual(enterprise=room.enterprise),
    )
    return room


@transaction.atomic
def view_data_room(room, *, actor):
    """The figures of an open room, read now; the view is an audit entry. A room past its
    time or ended is refused, whatever list it was reached from."""
    if not room.is_open:
        raise DomainError(_("This data room is closed."))
    audit.log_action(room, DATA_ROOM_VIEWED, actor=actor)
    return selectors.figures_of(room)
