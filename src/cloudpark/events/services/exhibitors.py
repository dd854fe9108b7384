"""An exhibition's exhibitors: invitations, applications, decisions and booths."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.core import audit
from cloudpark.core.errors import DomainError
from cloudpark.core.services import locked
from cloudpark.core.states import check_transition
from cloudpark.events import enums
from cloudpark.events.models import Exhibitor
from cloudpark.events.services.common import _check_changeable

EXHIBITOR_INVITED = audit.register("events.exhibitor.invited", _("Exhibitor invited"))
EXHIBITOR_APPLIED = audit.register("events.exhibitor.applied", _("Application to exhibit"))
EXHIBITOR_CONFIRMED = audit.register("events.exhibitor.confirmed", _("Exhibitor confirmed"))
EXHIBITOR_DECLINED = audit.register("events.exhibitor.declined", _("Exhibitor declined"))
EXHIBITOR_WITHDRAWN = audit.register("events.exhibitor.withdrawn", _("Exhibitor withdrew"))
BOOTH_ASSIGNED = audit.register("events.exhibitor.booth_assigned", _("Booth assigned"))


def _require_exhibition(event):
    if not event.has_exhibitors:
        raise DomainError(_t("Only exhibitions have exhibitors."))


def _check_booth(event, booth, *, exhibitor=None):
    if not booth:
        return
    taken = event.exhibitors.filter(booth=booth).exclude(pk=getattr(exhibitor, "pk", None)).first()
    if taken is not None:
        raise DomainError(
            _t("Booth %(booth)s is already given to %(name)s.")
            % {"booth": booth, "name": taken.display_name},
            field="booth",
        )


def _check_not_listed(event, organization):
    entry = event.exhibitors.filter(organization=organization).first()
    if entry is not None:
        raise DomainError(
            _t("%(name)s is already on this exhibition's list (%(status)s).")
            % {"name": organization.display_name, "status": entry.get_status_display()},
            field="organization",
        )


@transaction.atomic
def invite_exhibitor(
    event, *, actor, organization=None, name="", name_en="", exhibits="", exhibits_en="", booth=""
):
    event = locked(event)
    _require_exhibition(event)
    _check_changeable(event)
    name, booth = name.strip(), booth.strip()
    if organization is None and not name:
        raise DomainError(
            _t("Choose an organisation of the directory, or type the name of one not in it."),
            field="organization",
        )
    if organization is not None:
        _check_not_listed(event, organization)
        name = name_en = ""
    _check_booth(event, booth)
    exhibitor = Exhibitor.objects.create(
        event=event,
        organization=organization,
        name=name,
        name_en=name_en.strip(),
        exhibits=exhibits.strip(),
        exhibits_en=exhibits_en.strip(),
        booth=booth,
        status=enums.ExhibitorStatus.INVITED,
    )
    audit.log_action(
        event,
        EXHIBITOR_INVITED,
        actor=actor,
        data={"exhibitor": exhibitor.pk, "name": str(exhibitor.display_name)},
    )
    return exhibitor


@transaction.atomic
def apply_to_exhibit(event, organization, *, actor, exhibits, exhibits_en="", now=None):
    """An organisation asks to exhibit; the organiser confirms it with a booth, or declines."""
    now = now or timezone.now()
    event = locked(event)
    _require_exhibition(event)
    if event.status != enums.EventStatus.PUBLISHED or now >= event.starts_at:
        raise DomainError(_t("Applications to exhibit close when the exhibition opens."))
    _check_not_listed(event, organization)
    exhibitor = Exhibitor.objects.create(
        event=event,
        organization=organization,
        exhibits=exhibits.strip(),
        exhibits_en=exhibits_en.strip(),
        status=enums.ExhibitorStatus.APPLIED,
    )
    audit.log_action(
        event,
        EXHIBITOR_APPLIED,
        actor=actor,
        data={"exhibitor": exhibitor.pk, "name": organization.name},
    )
    return exhibitor


_EXHIBITOR_REFUSALS = {
    enums.ExhibitorStatus.CONFIRMED: _("Only an application or an invitation can be confirmed."),
    enums.ExhibitorStatus.DECLINED: _("Only an application or an invitation can be declined."),
    enums.ExhibitorStatus.WITHDRAWN: _("Only an applicant or a confirmed exhibitor can withdraw."),
}

_EXHIBITOR_ACTIONS = {
    enums.ExhibitorStatus.CONFIRMED: EXHIBITOR_CONFIRMED,
    enums.ExhibitorStatus.DECLINED: EXHIBITOR_DECLINED,
    enums.ExhibitorStatus.WITHDRAWN: EXHIBITOR_WITHDRAWN,
}


def _move_exhibitor(exhibitor, target, *, actor, now=None, booth=None):
    event = locked(exhibitor.event)
    _check_changeable(event)
    exhibitor = locked(exhibitor)
    if not check_transition(
        enums.EXHIBITOR_TRANSITIONS,
        exhibitor.status,
        target,
        message=_EXHIBITOR_REFUSALS[target],
    ):
        return exhibitor
    if (
        target == enums.ExhibitorStatus.CONFIRMED
        and actor is not None
        and not actor.has_perm("events.confirm_exhibitor", exhibitor)
    ):
        raise DomainError(_t("Only the organiser can confirm an application to exhibit."))
    fields = ["status", "decided_at", "updated_at"]
    if booth is not None and booth.strip():
        _check_booth(event, booth.strip(), exhibitor=exhibitor)
        exhibitor.booth = booth.strip()
        fields.append("booth")
    if target != enums.ExhibitorStatus.CONFIRMED and exhibitor.booth:
        # A booth given up is free for someone else.
        exhibitor.booth = ""
        fields.append("booth")
    exhibitor.status = target
    exhibitor.decided_at = now or timezone.now()
    exhibitor.save(update_fields=fields)
    audit.log_action(
        event,
        _EXHIBITOR_ACTIONS[target],
        actor=actor,
        data={
            "exhibitor": exhibitor.pk,
            "name": str(exhibitor.display_name),
            "booth": exhibitor.booth,
        },
    )
    return exhibitor


@transaction.atomic
def confirm_exhibitor(exhibitor, *, actor, booth=None, now=None):
    """Confirm an application (by the organiser) or an invitation (by either side): an
    organisation cannot confirm its own application (``events.confirm_exhibitor``)."""
    return _move_exhibitor(
        exhibitor, enums.ExhibitorStatus.CONFIRMED, actor=actor, now=now, booth=booth
    )


@transaction.atomic
def decline_exhibitor(exhibitor, *, actor, now=None):
    return _move_exhibitor(exhibitor, enums.ExhibitorStatus.DECLINED, actor=actor, now=now)


@transaction.atomic
def withdraw_exhibitor(exhibitor, *, actor, now=None):
    return _move_exhibitor(exhibitor, enums.ExhibitorStatus.WITHDRAWN, actor=actor, now=now)


@transaction.atomic
def assign_booth(exhibitor, *, actor, booth):
    event = locked(exhibitor.event)
    _check_changeable(event)
    exhibitor = locked(exhibitor)
    booth = booth.strip()
    if exhibitor.status != enums.ExhibitorStatus.CONFIRMED:
        raise DomainError(_t("Booths go to confirmed exhibitors."), field="booth")
    if exhibitor.booth == booth:
        return exhibitor
    _check_booth(event, booth, exhibitor=exhibitor)
    exhibitor.booth = booth
    exhibitor.save(update_fields=["booth", "updated_at"])
    audit.log_action(
        event,
        BOOTH_ASSIGNED,
        actor=actor,
        data={"exhibitor": exhibitor.pk, "name": str(exhibitor.display_name), "booth": booth},
    )
    return exhibitor
