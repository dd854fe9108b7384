"""Writes to the directory. Pages, the API, the admin, imports and the demo data all come here."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.core import audit, links, search, signals, validators
from cloudpark.core.bulk import bulk_insert
from cloudpark.core.errors import DomainError
from cloudpark.core.i18n import with_english
from cloudpark.core.services import apply_changes, bulk_create_inherited, locked, validated
from cloudpark.notifications import services as notifications
from cloudpark.orgs import enums, selectors, totals
from cloudpark.orgs.models import Enterprise, Membership, Organization, ParkResidence

ENTERPRISE_CREATED = audit.register("orgs.enterprise.created", _("Enterprise registered"))
ENTERPRISE_UPDATED = audit.register("orgs.enterprise.updated", _("Enterprise profile updated"))
ENTERPRISE_ADMITTED = audit.register("orgs.enterprise.admitted", _("Admitted into a park"))
ENTERPRISE_RELEASED = audit.register("orgs.enterprise.released", _("Left its park"))
PARK_UPDATED = audit.register("orgs.park.updated", _("Park profile updated"))
MEMBER_ADDED = audit.register("orgs.membership.added", _("Member added"))
MEMBER_CHANGED = audit.register("orgs.membership.changed", _("Member's role changed"))
MEMBER_REMOVED = audit.register("orgs.membership.removed", _("Member removed"))
MEMBER_INVITED = audit.register("orgs.membership.invited", _("Member invited"))

INVITED = notifications.register(
    "orgs.member_invited",
    _("%(organization)s invites you to work for it on Cloud Park. Accept within 7 days:"),
)
INVITATION_SALT = "cloudpark.orgs.invitation"
INVITATION_LIFETIME = timedelta(days=7)

ENTERPRISE_PROFILE_FIELDS = with_english(
    Enterprise,
    "name",
    "region",
    "address",
    "website",
    "description",
    "category",
    "founded_on",
    "registered_capital",
    "staff_count",
    "legal_representative",
    "contact_name",
    "contact_mobile",
)
PARK_PROFILE_FIELDS = (
    "name_en",
    "region",
    "address",
    "website",
    "description",
    "description_en",
    "operator",
    "area",
    "focus",
    "focus_en",
)


def _normalized_enterprise_values(values):
    values = dict(values)
    if values.get("credit_code"):
        values["credit_code"] = validators.normalize_credit_code(values["credit_code"])
    if values.get("contact_mobile"):
        values["contact_mobile"] = validators.normalize_phone(values["contact_mobile"])
    return values


@transaction.atomic
def register_enterprise(*, actor, park=None, tags=(), admitted_on=None, **values):
    """Create an enterprise, optionally resident in ``park`` from ``admitted_on`` (today)."""
    values = _normalized_enterprise_values(values)
    enterprise = Enterprise(kind=enums.OrganizationKind.ENTERPRISE, **values)
    validated(enterprise)
    enterprise.save()
    if tags:
        enterprise.tags.set(tags)
    audit.log_action(
        enterprise,
        ENTERPRISE_CREATED,
        actor=actor,
        data={"credit_code": enterprise.credit_code, "park": park.pk if park else None},
    )
    if park is not None:
        admit_enterprise(park, enterprise, actor=actor, on=admitted_on)
    return enterprise


IMPORT_BATCH_SIZE = 1000


def _admissible(park):
    if park.status in {enums.ParkStatus.REVOKED, enums.ParkStatus.EXITED}:
        raise DomainError(_t("A park that has exited or lost its accreditation admits no one."))


@transaction.atomic
def register_enterprises(rows, *, actor, batch_size=IMPORT_BATCH_SIZE, on_batch=None):
    """``register_enterprise`` for many at once, a batch of rows per query whatever their
    number. Each of ``rows`` is ``(values, park, tags)``, already checked (an import's rows
    are: ``orgs.imports.check_rows``); the database's own constraints still hold. The whole
    lot is written or, on any refusal, none of it. ``on_batch(done)`` is called as each batch
    of enterprises is written."""
    for park in {park for _values, park, _tags in rows if park is not None}:
        _admissible(park)
    today = timezone.localdate()
    enterprises = []
    for values, park, _tags in rows:
        enterprise = Enterprise(
            kind=enums.OrganizationKind.ENTERPRISE,
            park=park,
            **_normalized_enterprise_values(values),
        )
        enterprise.search_text = search.shadow_text(*enterprise.search_parts())
        enterprises.append(enterprise)
    for start in range(0, len(enterprises), batch_size):
        bulk_create_inherited(enterprises[start : start + batch_size], batch_size=batch_size)
        if on_batch:
            on_batch(min(start + batch_size, len(enterprises)))
    Tagging = Enterprise.tags.through
    bulk_insert(
        [
            Tagging(enterprise_id=enterprise.pk, qualificationtag_id=tag.pk)
            for enterprise, (_values, _park, tags) in zip(enterprises, rows, strict=True)
            for tag in {tag.pk: tag for tag in tags}.values()
        ],
        batch_size=batch_size,
    )
    resident = [enterprise for enterprise in enterprises if enterprise.park_id is not None]
    bulk_insert(
        [
            ParkResidence(enterprise=enterprise, park_id=enterprise.park_id, started_on=today)
            for enterprise in resident
        ],
        batch_size=batch_size,
    )
    audit.log_actions(
        enterprises,
        ENTERPRISE_CREATED,
        actor=actor,
        data=lambda e: {"credit_code": e.credit_code, "park": e.park_id},
        batch_size=batch_size,
    )
    audit.log_actions(
        resident,
        ENTERPRISE_ADMITTED,
        actor=actor,
        data=lambda e: {"park": e.park_id, "park_name": e.park.name, "on": today},
        batch_size=batch_size,
    )
    # Written without save(), so without the signals that keep the totals and the search.
    totals.enterprises_changed({enterprise.park_id for enterprise in enterprises})
    signals.bulk_written.send(sender=Enterprise, pks=[enterprise.pk for enterprise in enterprises])
    return enterprises


@transaction.atomic
def update_enterprise(enterprise, *, actor, tags=None, **values):
    enterprise = locked(enterprise)
    values = _normalized_enterprise_values(values)
    changed = apply_changes(enterprise, values, allowed=ENTERPRISE_PROFILE_FIELDS)
    if changed:
        validated(enterprise)
        enterprise.save(update_fields=changed)
    tags_changed = False
    if tags is not None:
        before = set(enterprise.tags.values_list("pk", flat=True))
        after = {tag.pk for tag in tags}
        if before != after:
            enterprise.tags.set(tags)
            tags_changed = True
    if changed or tags_changed:
        audit.log_action(
            enterprise,
            ENTERPRISE_UPDATED,
            actor=actor,
            data={"fields": sorted(changed) + (["tags"] if tags_changed else [])},
        )
    return enterprise


@transaction.atomic
def admit_enterprise(park, enterprise, *, actor, on=None, note=""):
    """Make ``park`` the enterprise's park. An enterprise still resident elsewhere must be
    released by its park first; admitting it again where it is changes nothing."""
    enterprise = locked(enterprise)
    if enterprise.park_id == park.pk:
        return enterprise
    if enterprise.park_id is not None:
        raise DomainError(
            _t("%(enterprise)s is resident in %(park)s; that park must release it first.")
            % {"enterprise": enterprise.display_name, "park": enterprise.park.display_name}
        )
    _admissible(park)
    on = on or timezone.localdate()
    ParkResidence.objects.create(enterprise=enterprise, park=park, started_on=on, note=note)
    enterprise.park = park
    enterprise.save(update_fields=["park"])
    audit.log_action(
        enterprise,
        ENTERPRISE_ADMITTED,
        actor=actor,
        data={"park": park.pk, "park_name": park.name, "on": on},
    )
    return enterprise


@transaction.atomic
def release_enterprise(enterprise, *, actor, on=None, note=""):
    """End the enterprise's stay in its park; the stay stays in its history."""
    enterprise = locked(enterprise)
    if enterprise.park_id is None:
        raise DomainError(_t("This enterprise is not resident in any park."))
    on = on or timezone.localdate()
    residence = ParkResidence.objects.select_for_update().get(
        enterprise=enterprise, ended_on__isnull=True
    )
    if on < residence.started_on:
        raise DomainError(
            _t("An enterprise cannot leave a park before the day it was admitted (%(day)s).")
            % {"day": residence.started_on.isoformat()},
            field="on",
        )
    residence.ended_on = on
    if note:
        residence.note = note
    residence.save(update_fields=["ended_on", "note"])
    park = enterprise.park
    enterprise.park = None
    enterprise.save(update_fields=["park"])
    audit.log_action(
        enterprise,
        ENTERPRISE_RELEASED,
        actor=actor,
        data={"park": park.pk, "park_name": park.name, "on": on, "note": note},
    )
    return enterprise


@transaction.atomic
def update_park(park, *, actor, **values):
    park = locked(park)
    changed = apply_changes(park, values, allowed=PARK_PROFILE_FIELDS)
    if changed:
        validated(park)
        park.save(update_fields=changed)
        audit.log_action(park, PARK_UPDATED, actor=actor, data={"fields": sorted(changed)})
    return park


PARK_STANDING_FIELDS = ("level", "batch", "batch_en", "approved_on", "status")


@transaction.atomic
def set_park_standing(park, *, actor, action, data=None, **values):
    """Change a park's accreditation standing (level, batch, approval date, status), which the
    profile form never touches. Called by the accreditation services, which name the audit
    ``action`` (registered by them) that explains the change on the park's timeline."""
    park = locked(park)
    changed = apply_changes(park, values, allowed=PARK_STANDING_FIELDS)
    if changed:
        validated(park)
        park.save(update_fields=[*changed, "updated_at"])
    audit.log_action(
        park, action, actor=actor, data={**(data or {}), **{f: values[f] for f in changed}}
    )
    return park


@transaction.atomic
def add_member(organization, user, *, role, actor):
    organization = selectors.organization_as_kind(organization)
    membership, created = Membership.objects.get_or_create(
        user=user, organization=organization, defaults={"role": role}
    )
    if created:
        audit.log_action(
            organization, MEMBER_ADDED, actor=actor, data={"user": user.pk, "role": role}
        )
    elif membership.role != role or not membership.is_active:
        membership.role = role
        membership.is_active = True
        membership.save(update_fields=["role", "is_active", "updated_at"])
        audit.log_action(
            organization, MEMBER_CHANGED, actor=actor, data={"user": user.pk, "role": role}
        )
    return membership


def _is_last_administrator(membership):
    return (
        membership.role == enums.Role.ADMIN
        and not Membership.objects.filter(
            organization_id=membership.organization_id, role=enums.Role.ADMIN, is_active=True
        )
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def remove_member(membership, *, actor):
    membership = locked(membership)
    # The timeline is kept on the organisation's own kind (the park, the enterprise...).
    organization = selectors.organization_as_kind(membership.organization)
    if _is_last_administrator(membership):
        raise DomainError(_t("An organisation keeps at least one administrator."))
    membership.is_active = False
    membership.save(update_fields=["is_active", "updated_at"])
    audit.log_action(organization, MEMBER_REMOVED, actor=actor, data={"user": membership.user_id})
    return membership


@transaction.atomic
def change_member(membership, *, actor, role, extra_capabilities=()):
    """Give a member another role and capabilities beyond it. The last administrator keeps
    the role: an organisation without one could no longer manage its members."""
    membership = locked(membership)
    organization = selectors.organization_as_kind(membership.organization)
    if not membership.is_active:
        raise DomainError(_t("This person is no longer a member."))
    if role not in enums.Role.values:
        raise DomainError(_t("Choose a role."), field="role")
    unknown = set(extra_capabilities) - set(enums.Capability.values)
    if unknown:
        raise DomainError(_t("Choose capabilities from the list."), field="extra_capabilities")
    if role != enums.Role.ADMIN and _is_last_administrator(membership):
        raise DomainError(_t("An organisation keeps at least one administrator."), field="role")
    # Capabilities the role grants anyway are not kept twice.
    extra = sorted(set(extra_capabilities) - enums.ROLE_CAPABILITIES[role])
    if (membership.role, sorted(membership.extra_capabilities)) == (role, extra):
        return membership
    membership.role = role
    membership.extra_capabilities = extra
    membership.save(update_fields=["role", "extra_capabilities", "updated_at"])
    audit.log_action(
        organization,
        MEMBER_CHANGED,
        actor=actor,
        data={"user": membership.user_id, "role": role, "capabilities": extra},
    )
    return membership


@dataclass(frozen=True)
class Invitation:
    """What a signed invitation link says: who is invited where, in which role, and when."""

    organization: Organization
    email: str
    role: str
    issued_at: object


def _normalized_email(email):
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(_t("Enter a valid e-mail address."), field="email") from None
    return email


@transaction.atomic
def invite_member(organization, *, email, role, actor):
    """E-mail ``email`` a link that makes its holder a member with ``role``. The link is
    signed, not stored: it carries the invitation and holds for seven days. Returns the
    link's token."""
    organization = selectors.organization_as_kind(organization)
    email = _normalized_email(email)
    if role not in enums.Role.values:
        raise DomainError(_t("Choose a role."), field="role")
    if Membership.objects.filter(
        organization=organization, user__email__iexact=email, is_active=True
    ).exists():
        raise DomainError(_t("%(email)s is already a member.") % {"email": email}, field="email")
    issued_at = timezone.now()
    token = signing.dumps(
        {
            "organization": organization.pk,
            "email": email,
            "role": role,
            "issued_at": issued_at.isoformat(),
        },
        salt=INVITATION_SALT,
    )
    audit.log_action(organization, MEMBER_INVITED, actor=actor, data={"email": email, "role": role})
    notifications.email_address(
        email,
        INVITED,
        params={"organization": organization.name},
        url=links.absolute_url(links.url("orgs.invitation.accept", token)),
    )
    return token


def invitation_from(token):
    """The invitation a link carries, or a ``DomainError`` saying why the link does not hold
    (altered, older than seven days, or its organisation gone)."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_LIFETIME)
    except signing.SignatureExpired:
        raise DomainError(_t("This invitation has expired; ask for a new one.")) from None
    except signing.BadSignature:
        raise DomainError(_t("This invitation link is not valid.")) from None
    organization = Organization.objects.filter(pk=data["organization"]).first()
    if organization is None:
        raise DomainError(_t("This invitation link is not valid."))
    return Invitation(
        organization=selectors.organization_as_kind(organization),
        email=data["email"],
        role=data["role"],
        issued_at=datetime.fromisoformat(data["issued_at"]),
    )


@transaction.atomic
def accept_invitation(token, *, user):
    """Make ``user`` a member as the invitation says. Only the invited address accepts;
    accepting again changes nothing, and a link issued before the person's membership last
    changed (they were removed since, say) no longer holds."""
    invitation = invitation_from(token)
    if (user.email or "").strip().lower() != invitation.email:
        raise DomainError(
            _t("This invitation was sent to %(email)s; sign in with that address to accept it.")
            % {"email": invitation.email}
        )
    membership = (
        Membership.objects.select_for_update()
        .filter(user=user, organization=invitation.organization)
        .first()
    )
    if membership is not None and membership.is_active:
        return membership
    if membership is not None and membership.updated_at > invitation.issued_at:
        raise DomainError(_t("This invitation no longer holds; ask for a new one."))
    return add_member(invitation.organization, user, role=invitation.role, actor=user)
