"""Writes of the copyright register: works and their registration, licences, pledges and
licensing requests. Pages, the API, the admin and the demo all come here.

Every write runs in one transaction and writes one audit entry per step. A licence or a
pledge is checked against the work's others under a lock on the work's row
(``core.services.locked``), so that two granted at once cannot both pass the check: the
second waits for the first to commit and then sees it.
"""

from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cloudpark.copyright import enums, numbers
from cloudpark.copyright.enums import RegistrationState, RequestState
from cloudpark.copyright.models import Licence, LicensingRequest, Pledge, Work
from cloudpark.core import audit, links
from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.services import apply_changes, locked, validated
from cloudpark.core.states import check_transition
from cloudpark.finance import selectors as finance_selectors
from cloudpark.notifications import services as notifications
from cloudpark.orgs import selectors as org_selectors

WORK_RECORDED = audit.register("copyright.work.recorded", _("Work entered in the register"))
WORK_EDITED = audit.register("copyright.work.edited", _("Work changed in the register"))
WORK_OFFERED = audit.register("copyright.work.offered", _("Work offered for licensing"))
WORK_WITHDRAWN = audit.register(
    "copyright.work.withdrawn", _("Work no longer offered for licensing")
)
REGISTRATION_MOVED = audit.register(
    "copyright.registration.moved", _("Registration application moved on")
)
LICENCE_GRANTED = audit.register("copyright.licence.granted", _("Licence granted"))
PLEDGE_RECORDED = audit.register("copyright.pledge.recorded", _("Pledge recorded"))
PLEDGE_RELEASED = audit.register("copyright.pledge.released", _("Pledge released"))
PLEDGE_VERIFIED = audit.register(
    "copyright.pledge.verified", _("Pledge verified by a financial institution")
)
REQUEST_SENT = audit.register("copyright.request.sent", _("Licensing request sent"))
REQUEST_MOVED = audit.register("copyright.request.moved", _("Licensing request moved on"))

REQUEST_RECEIVED_NOTICE = notifications.register(
    "copyright.request_received",
    _("%(enterprise)s asks for a licence on your work %(work)s."),
)
REQUEST_MOVED_NOTICE = notifications.register(
    "copyright.request_moved",
    _("%(enterprise)s moved your licensing request for %(work)s on: %(state)s."),
)
PLEDGE_RECORDED_NOTICE = notifications.register(
    "copyright.pledge_recorded",
    _("%(enterprise)s recorded the pledge %(number)s of its work %(work)s to you."),
)

WORK_FIELDS = (
    "title",
    "title_en",
    "category",
    "audiovisual_kind",
    "length_minutes",
    "episodes",
    "owner_name",
    "owner_kind",
    "owner_id_number",
    "signature",
    "authors",
    "creation_nature",
    "completed_on",
    "first_published_on",
    "first_published_place",
    "first_published_form",
    "acquisition",
    "attribution",
    "holding",
    "purpose",
    "process",
    "originality",
)
NUMBER_FIELDS = (
    "registration_number",
    "software_registration_number",
    "software_certificate_number",
    "registered_on",
)
TERM_FIELDS = ("media", "territory", "starts_on", "ends_on", "fee")
LICENCE_FIELDS = ("licensee", "licensee_name", "exclusive", *TERM_FIELDS)
PLEDGE_FIELDS = ("pledgee", "number", "amount", "starts_on", "ends_on")
REQUEST_FIELDS = ("exclusive", *TERM_FIELDS, "message")
STATEMENT_FIELDS = (
    ("purpose", _("Write the purpose of creation for the work statement.")),
    ("process", _("Write the process of creation for the work statement.")),
    ("originality", _("Write the statement of originality for the work statement.")),
)


def _enterprise_people(enterprise):
    return org_selectors.people_with(enterprise)


# Checks ------------------------------------------------------------------------------------


def _clean_choices(values, choices, field, message):
    values = list(dict.fromkeys(values or []))
    if not values:
        raise DomainError(message, field=field)
    if any(value not in choices for value in values):
        raise DomainError(_("Choose among the listed values."), field=field)
    return values


def _clean_amount(value, field, *, positive):
    if value in (None, ""):
        if positive:
            raise DomainError(_("Give the amount."), field=field)
        return Decimal(0)
    try:
        value = Decimal(str(value))
    except InvalidOperation:
        raise DomainError(_("Give the amount as a number."), field=field) from None
    if value < 0:
        message = (
            _("The fee cannot be negative.")
            if field == "fee"
            else _("The amount cannot be negative.")
        )
        raise DomainError(message, field=field)
    if positive and value == 0:
        raise DomainError(_("The amount must be above zero."), field=field)
    return value


def _clean_term(values):
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if not starts:
        raise DomainError(_("Give the first day of the term."), field="starts_on")
    if not ends:
        raise DomainError(_("Give the last day of the term."), field="ends_on")
    if ends < starts:
        raise DomainError(_("The term ends before it starts."), field="ends_on")


def _clean_grant(values):
    """Media, territory, term and fee of a licence or of a request for one."""
    values = dict(values)
    values["media"] = _clean_choices(
        values.get("media"), enums.Medium, "media", _("Name at least one medium.")
    )
    values["territory"] = _clean_choices(
        values.get("territory"), enums.Territory, "territory", _("Name at least one territory.")
    )
    _clean_term(values)
    values["fee"] = _clean_amount(values.get("fee"), "fee", positive=False)
    values["exclusive"] = bool(values.get("exclusive"))
    return values


def _overlaps(first, second):
    return first.starts_on <= second.ends_on and second.starts_on <= first.ends_on


def licence_conflict(work, candidate, *, exclude=None):
    """The first licence of ``work`` that ``candidate`` may not stand beside: one whose
    media, territory and term all overlap it, where either of the two is exclusive."""
    existing = Licence.objects.filter(
        work=work, starts_on__lte=candidate.ends_on, ends_on__gte=candidate.starts_on
    ).order_by("starts_on", "pk")
    for licence in existing:
        if licence.pk == exclude:
            continue
        if not (licence.exclusive or candidate.exclusive):
            continue
        if set(licence.media) & set(candidate.media) and set(licence.territory) & set(
            candidate.territory
        ):
            return licence
    return None


def _conflict_message(licence):
    if licence.exclusive:
        message = _(
            "This overlaps the exclusive licence to %(licensee)s (%(start)s to %(end)s) in "
            "medium, territory and term."
        )
    else:
        message = _(
            "An exclusive licence cannot overlap the licence to %(licensee)s "
            "(%(start)s to %(end)s) in medium, territory and term."
        )
    return message % {
        "licensee": licence.licensee_display,
        "start": licence.starts_on.isoformat(),
        "end": licence.ends_on.isoformat(),
    }


# Works -------------------------------------------------------------------------------------


def _clean_work(values):
    values = dict(values)
    category = values.get("category")
    if category != enums.WorkCategory.AUDIOVISUAL:
        values["audiovisual_kind"] = ""
    completed, published = values.get("completed_on"), values.get("first_published_on")
    if completed and published and published < completed:
        raise DomainError(
            _("A work cannot be published before it is completed."), field="first_published_on"
        )
    return values


def _clean_numbers(category, values):
    """The registration numbers the work's category takes, each checked on its own."""
    values = dict(values)
    software = category == enums.WorkCategory.SOFTWARE
    for field in (
        "registration_number",
        "software_registration_number",
        "software_certificate_number",
    ):
        values[field] = numbers.clean_number(field, values.get(field))
    if software and values["registration_number"]:
        raise DomainError(
            _("Software is registered with a software registration number, not a work number."),
            field="registration_number",
        )
    if not software and (
        values["software_registration_number"] or values["software_certificate_number"]
    ):
        field = (
            "software_registration_number"
            if values["software_registration_number"]
            else "software_certificate_number"
        )
        raise DomainError(
            _("Only computer software has software registration numbers."), field=field
        )
    return values


def _require_numbers(work):
    if work.is_software and not work.software_registration_number:
        raise DomainError(
            _("Give the software registration number."), field="software_registration_number"
        )
    if not work.is_software and not work.registration_number:
        raise DomainError(_("Give the work registration number."), field="registration_number")


def _save_numbers(work):
    try:
        with transaction.atomic():
            work.save()
    except IntegrityError:
        field = "software_registration_number" if work.is_software else "registration_number"
        raise DomainError(
            _("Another work in the register has this registration number."), field=field
        ) from None


@transaction.atomic
def record_work(enterprise, *, actor, values):
    """Enter a work in ``enterprise``'s register. With its registration number the work is
    entered as registered; without, as a drafted application the platform helps with."""
    values = _clean_work(values)
    number_values = {field: values.pop(field) for field in NUMBER_FIELDS if field in values}
    number_values = _clean_numbers(values.get("category"), number_values)
    work = Work(enterprise=enterprise, created_by=actor)
    apply_changes(work, values, allowed=WORK_FIELDS)
    apply_changes(work, number_values, allowed=NUMBER_FIELDS)
    if work.registration_number or work.software_registration_number:
        work.registration_state = RegistrationState.REGISTERED
    validated(work, validate_constraints=False)
    _save_numbers(work)
    audit.log_action(
        work,
        WORK_RECORDED,
        actor=actor,
        data={"state": work.registration_state, "number": work.number},
    )
    return work


@transaction.atomic
def edit_work(work, *, actor, values):
    """Change what the register says of a work (not its numbers: ``record_outcome``)."""
    work = locked(work)
    values = _clean_work({"category": work.category, **values})
    moves_register = enums.WorkCategory.SOFTWARE in (values["category"], work.category)
    if work.is_registered and values["category"] != work.category and moves_register:
        raise DomainError(
            _("A registered work cannot move between software and other categories."),
            field="category",
        )
    changed = apply_changes(work, values, allowed=WORK_FIELDS)
    validated(work, validate_constraints=False)
    work.save()
    audit.log_action(work, WORK_EDITED, actor=actor, data={"changed": changed})
    return work


@transaction.atomic
def set_offered(work, *, actor, offered):
    """Offer a registered work for licensing on the public list, or take it off."""
    work = locked(work)
    if work.offered_for_licensing == offered:
        return work
    if offered and not work.is_registered:
        raise DomainError(_("Only a registered work can be offered for licensing."))
    work.offered_for_licensing = offered
    work.save(update_fields=["offered_for_licensing", "updated_at"])
    audit.log_action(work, WORK_OFFERED if offered else WORK_WITHDRAWN, actor=actor)
    return work


def _move_registration(work, target, *, actor, fields=(), data=None):
    before = work.registration_state
    work.registration_state = target
    work.save(update_fields=["registration_state", "updated_at", *fields])
    audit.log_action(
        work, REGISTRATION_MOVED, actor=actor, data={"from": before, "to": target, **(data or {})}
    )


@transaction.atomic
def submit_registration(work, *, actor):
    """Send the application: the work statement's three parts must be written."""
    work = locked(work)
    target = RegistrationState.SUBMITTED
    if not check_transition(enums.REGISTRATION_TRANSITIONS, work.registration_state, target):
        return work
    for field, message in STATEMENT_FIELDS:
        if not getattr(work, field).strip():
            raise DomainError(message, field=field)
    work.return_reason = ""
    _move_registration(work, target, actor=actor, fields=["return_reason"])
    return work


@transaction.atomic
def record_outcome(work, target, *, actor, values=None):
    """What the registration centre answered: registered, with the work's number(s) and the
    date, or returned, with the reason."""
    values = dict(values or {})
    target = RegistrationState(target)
    if target not in enums.REGISTRATION_OUTCOMES:
        raise TransitionNotAllowed(_("The registration centre does not answer this way."))
    work = locked(work)
    if not check_transition(enums.REGISTRATION_TRANSITIONS, work.registration_state, target):
        return work
    if target == RegistrationState.RETURNED:
        work.return_reason = (values.get("return_reason") or "").strip()
        if not work.return_reason:
            raise DomainError(_("Say why the application was returned."), field="return_reason")
        _move_registration(work, target, actor=actor, fields=["return_reason"])
        return work
    number_values = _clean_numbers(
        work.category, {field: values.get(field) for field in NUMBER_FIELDS[:3]}
    )
    apply_changes(work, number_values, allowed=NUMBER_FIELDS)
    work.registered_on = values.get("registered_on") or timezone.localdate()
    _require_numbers(work)
    before = work.registration_state
    work.registration_state = target
    _save_numbers(work)
    audit.log_action(
        work,
        REGISTRATION_MOVED,
        actor=actor,
        data={"from": before, "to": target, "number": work.number},
    )
    return work


# Licences ----------------------------------------------------------------------------------


@transaction.atomic
def grant_licence(work, *, actor, values):
    """Record a licence on ``work``. Refused when it overlaps an exclusive licence (or, being
    exclusive, any licence) in medium, territory and term; checked under the work's lock."""
    work = locked(work, select_related=["enterprise"])
    values = _clean_grant(values)
    licensee, name = values.get("licensee"), (values.get("licensee_name") or "").strip()
    if licensee is None and not name:
        raise DomainError(
            _("Choose an enterprise of the directory or name the licensee."),
            field="licensee_name",
        )
    if licensee is not None and licensee.pk == work.enterprise_id:
        raise DomainError(_("A holder cannot license its own work to itself."), field="licensee")
    values["licensee_name"] = "" if licensee is not None else name
    licence = Licence(work=work, created_by=actor)
    apply_changes(licence, values, allowed=LICENCE_FIELDS)
    conflict = licence_conflict(work, licence)
    if conflict is not None:
        raise DomainError(_conflict_message(conflict), field="exclusive")
    validated(licence, validate_constraints=False)
    licence.save()
    audit.log_action(
        licence,
        LICENCE_GRANTED,
        actor=actor,
        data={
            "work": work.pk,
            "exclusive": licence.exclusive,
            "from": licence.starts_on,
            "to": licence.ends_on,
        },
    )
    return licence


# Pledges -----------------------------------------------------------------------------------


@transaction.atomic
def pledge_work(work, *, actor, values):
    """Record the pledge of a registered work to a financial institution. A second pledge in
    force whose term overlaps is refused, under the work's lock."""
    work = locked(work, select_related=["enterprise"])
    values = dict(values)
    if not work.is_registered:
        raise DomainError(_("Only a registered work can be pledged."))
    if values.get("pledgee") is None:
        raise DomainError(_("Choose the pledgee."), field="pledgee")
    values["number"] = (values.get("number") or "").strip()
    if not values["number"]:
        raise DomainError(_("Give the pledge registration number."), field="number")
    values["amount"] = _clean_amount(values.get("amount"), "amount", positive=True)
    _clean_term(values)
    overlapping = (
        Pledge.objects.filter(
            work=work,
            state=enums.PledgeState.ACTIVE,
            starts_on__lte=values["ends_on"],
            ends_on__gte=values["starts_on"],
        )
        .order_by("starts_on")
        .first()
    )
    if overlapping is not None:
        raise DomainError(
            _(
                "The work is already pledged under %(number)s from %(start)s to %(end)s; "
                "a second pledge cannot overlap it."
            )
            % {
                "number": overlapping.number,
                "start": overlapping.starts_on.isoformat(),
                "end": overlapping.ends_on.isoformat(),
            },
            field="starts_on",
        )
    if Pledge.objects.filter(number=values["number"]).exists():
        raise DomainError(_("A pledge with this number is already recorded."), field="number")
    pledge = Pledge(work=work, pledgee=values.pop("pledgee"), created_by=actor)
    apply_changes(pledge, values, allowed=PLEDGE_FIELDS)
    validated(pledge, validate_constraints=False)
    try:
        with transaction.atomic():
            pledge.save()
    except IntegrityError:
        raise DomainError(
            _("A pledge with this number is already recorded."), field="number"
        ) from None
    audit.log_action(
        pledge,
        PLEDGE_RECORDED,
        actor=actor,
        data={"work": work.pk, "amount": pledge.amount, "pledgee": pledge.pledgee_id},
    )
    notifications.notify(
        _institution_people(pledge.pledgee),
        PLEDGE_RECORDED_NOTICE,
        params={
            **notifications.bilingual(
                enterprise=work.enterprise, work=(work.title, work.title_en or work.title)
            ),
            "number": pledge.number,
        },
        url=links.url("copyright.pledge.institution", pledge.number),
    )
    return pledge


def _institution_people(institution):
    return [
        membership.user
        for membership in org_selectors.members_of(institution.organization)
        if membership.is_active
        and membership.user.is_active
        and membership.role in finance_selectors.ACTING_ROLES
    ]


@transaction.atomic
def release_pledge(pledge, *, actor):
    pledge = locked(pledge)
    if not pledge.is_active:
        return pledge
    pledge.state = enums.PledgeState.RELEASED
    pledge.released_on = timezone.localdate()
    pledge.save(update_fields=["state", "released_on", "updated_at"])
    audit.log_action(pledge, PLEDGE_RELEASED, actor=actor)
    return pledge


@transaction.atomic
def verify_pledge(pledge, *, actor):
    """A financial institution's look-up of a pledge, kept in the pledge's history."""
    audit.log_action(pledge, PLEDGE_VERIFIED, actor=actor)
    return pledge


# Licensing requests ------------------------------------------------------------------------


def _request_params(request, state=None):
    work = request.work
    params = notifications.bilingual(work=(work.title, work.title_en or work.title))
    if state is None:
        params.update(notifications.bilingual(enterprise=request.requester))
    else:
        params.update(
            notifications.bilingual(enterprise=work.enterprise, state=RequestState(state).label)
        )
    return params


@transaction.atomic
def request_licence(work, requester, *, actor, values):
    """``requester`` asks the holder of a work offered for licensing for a licence."""
    work = locked(work, select_related=["enterprise"])
    if not (work.offered_for_licensing and work.is_registered):
        raise DomainError(_("This work is not offered for licensing."))
    if work.enterprise_id == requester.pk:
        raise DomainError(_("An enterprise cannot ask itself for a licence."))
    values = _clean_grant(values)
    request = LicensingRequest(work=work, requester=requester, requested_by=actor)
    apply_changes(request, values, allowed=REQUEST_FIELDS)
    validated(request, validate_constraints=False)
    request.save()
    audit.log_action(request, REQUEST_SENT, actor=actor, data={"work": work.pk})
    notifications.notify(
        _enterprise_people(work.enterprise),
        REQUEST_RECEIVED_NOTICE,
        params=_request_params(request),
        url=links.url("copyright.request.enterprise", request.pk),
    )
    return request


@transaction.atomic
def move_request(request, target, *, actor, values=None):
    """The holder moves a request on: negotiating, signed (which grants the licence with
    the request's terms and the agreed fee, through ``grant_licence``), or declined."""
    values = dict(values or {})
    target = RequestState(target)
    request = locked(request, select_related=["work__enterprise", "requester"])
    if not check_transition(enums.REQUEST_TRANSITIONS, request.state, target):
        return request
    fields = []
    data = {}
    if target == RequestState.SIGNED:
        fee = values.get("fee")
        licence = grant_licence(
            request.work,
            actor=actor,
            values={
                "licensee": request.requester,
                "exclusive": request.exclusive,
                "media": request.media,
                "territory": request.territory,
                "starts_on": request.starts_on,
                "ends_on": request.ends_on,
                "fee": request.fee if fee in (None, "") else fee,
            },
        )
        request.licence = licence
        fields = ["licence"]
        data = {"licence": licence.pk}
    elif target == RequestState.DECLINED:
        request.decline_reason = (values.get("decline_reason") or "").strip()
        if not request.decline_reason:
            raise DomainError(_("Say why the request is declined."), field="decline_reason")
        fields = ["decline_reason"]
    before = request.state
    request.state = target
    request.save(update_fields=["state", "updated_at", *fields])
    audit.log_action(
        request, REQUEST_MOVED, actor=actor, data={"from": before, "to": target, **data}
    )
    notifications.notify(
        _enterprise_people(request.requester),
        REQUEST_MOVED_NOTICE,
        params=_request_params(request, target),
        url=links.url("copyright.request.enterprise", request.pk),
    )
    return request
