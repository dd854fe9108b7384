"""Entries: drafted and submitted by the enterprise, checked for eligibility on the review
engine (``awards.flows``), shown publicly for some working days, then judged."""

import re
import unicodedata

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.awards import enums
from cloudpark.awards.models import Credit, Entry
from cloudpark.awards.services.common import add_working_days, entrants, person
from cloudpark.core import audit, uploads
from cloudpark.core.errors import DomainError
from cloudpark.core.i18n import with_english
from cloudpark.core.services import apply_changes, locked, validated
from cloudpark.core.states import check_transition
from cloudpark.filings import selectors as filing_selectors
from cloudpark.reviews import flows as review_flows
from cloudpark.reviews import services as review_services
from cloudpark.reviews.enums import ReviewEvent

ENTRY_DRAFTED = audit.register("awards.entry.drafted", _("Entry drafted"))
ENTRY_UPDATED = audit.register("awards.entry.updated", _("Entry changed"))
ENTRY_SUBMITTED = audit.register("awards.entry.submitted", _("Entry submitted"))
ENTRY_RESUBMITTED = audit.register(
    "awards.entry.resubmitted", _("Entry resubmitted after revision")
)
ENTRY_PASSED_ON = audit.register("awards.entry.passed_on", _("Entry passed the formal check"))
ENTRY_RETURNED = audit.register("awards.entry.returned", _("Entry returned for revision"))
ENTRY_ELIGIBLE = audit.register("awards.entry.eligible", _("Entry found eligible"))
ENTRY_INELIGIBLE = audit.register("awards.entry.ineligible", _("Entry found not eligible"))
ENTRY_WITHDRAWN = audit.register("awards.entry.withdrawn", _("Entry withdrawn"))

ENTRY_FIELDS = (
    *with_english(Entry, "title"),
    "category",
    "recommender",
    "recommender_name",
    "broadcast_on",
    "column",
    "length_seconds",
    "synopsis",
    "recommendation",
    "media_url",
    "filing_number",
)
SCAN_TYPES = {key: uploads.DOCUMENT_TYPES[key] for key in ("pdf", "jpg", "jpeg", "png")}
MEDIA_MAX_BYTES = 500 * uploads.MEGABYTE
MEDIA_EXTENSIONS = frozenset({"mp4", "mov", "m4v"})
NOT_A_WORD = re.compile(r"[\W_]+", re.UNICODE)


def work_key(title):
    """The title as the duplicate check compares it: full-width forms folded, case, spaces and
    punctuation (《》, quotes, dashes) dropped."""
    return NOT_A_WORD.sub("", unicodedata.normalize("NFKC", title or "")).casefold()[:200]


def _check_window(scheme, broadcast_on):
    if broadcast_on is None:
        raise DomainError(_t("Give the date the work was broadcast."), field="broadcast_on")
    if not scheme.eligible_from <= broadcast_on <= scheme.eligible_until:
        raise DomainError(
            _t("This scheme takes works broadcast from %(start)s to %(end)s; %(day)s is outside.")
            % {
                "start": scheme.eligible_from.isoformat(),
                "end": scheme.eligible_until.isoformat(),
                "day": broadcast_on.isoformat(),
            },
            field="broadcast_on",
        )


def _check_not_entered(entry):
    twin = (
        Entry.objects.filter(
            scheme_id=entry.scheme_id,
            work_key=entry.work_key,
            broadcast_on=entry.broadcast_on,
            state__in=enums.HOLDING_ENTRY_STATES,
        )
        .exclude(pk=entry.pk)
        .select_related("submitter", "category")
        .first()
    )
    if twin is not None:
        raise DomainError(
            _t(
                "This work is already entered (%(category)s, by %(submitter)s): a work is "
                "entered once, in one category."
            )
            % {"category": twin.category.display_name, "submitter": twin.submitter.display_name},
            field="title",
        )


def _check_category(entry):
    if entry.category.scheme_id != entry.scheme_id:
        raise DomainError(_t("Choose a category of this scheme."), field="category")


def _check_scan(scan):
    if scan:
        uploads.check_document(scan, types=SCAN_TYPES)


def _check_media(media):
    if not media:
        return
    name = getattr(media, "name", "") or ""
    if uploads.extension_of(name) not in MEDIA_EXTENSIONS:
        raise DomainError(
            _t("Send the work as .mp4, .mov or .m4v, or give a link to it."), field="media_file"
        )
    if media.size > MEDIA_MAX_BYTES:
        raise DomainError(
            _t("A media file is at most %(limit)d MB; give a link instead.")
            % {"limit": MEDIA_MAX_BYTES // uploads.MEGABYTE},
            field="media_file",
        )


def _clean_credits(credits):
    cleaned = []
    for item in credits or ():
        name, role = (item.get("name") or "").strip(), (item.get("role") or "").strip()
        if not name and not role:
            continue
        if not name or not role:
            raise DomainError(_t("Give each creator a name and a role."), field="credits")
        cleaned.append((name[:50], role[:50]))
    return cleaned


def _save_credits(entry, credits):
    entry.credits.all().delete()
    Credit.objects.bulk_create(
        Credit(entry=entry, name=name, role=role, position=index)
        for index, (name, role) in enumerate(credits, start=1)
    )


def _check_open_for_entries(scheme):
    today = timezone.localdate()
    if scheme.state != enums.SchemeState.OPEN or not (
        scheme.entries_open_on <= today <= scheme.entries_close_on
    ):
        raise DomainError(
            _t("%(scheme)s takes entries from %(opens)s to %(closes)s.")
            % {
                "scheme": scheme.display_title,
                "opens": scheme.entries_open_on.isoformat(),
                "closes": scheme.entries_close_on.isoformat(),
            }
        )


def _link_filing(entry):
    """A drama's filing or licence number, checked against the filing archive: the number is
    on record, still valid, and belongs to a work of the entering or recommending unit (the
    enterprise that filed it or one of its producers). Links the entry to the record."""
    number = (entry.filing_number or "").strip()
    entry.filing_number = number
    if not number:
        entry.filing = None
        return
    issued = filing_selectors.find_number(number)
    if issued is None:
        raise DomainError(
            _t("No planning filing or distribution licence number %(number)s is on record.")
            % {"number": number},
            field="filing_number",
        )
    if not issued.is_valid:
        raise DomainError(
            _t("Number %(number)s is %(status)s since %(day)s: it cannot support an entry.")
            % {
                "number": issued.number,
                "status": issued.get_status_display().lower(),
                "day": issued.status_changed_on.isoformat() if issued.status_changed_on else "",
            },
            field="filing_number",
        )
    planning = issued.planning
    owners = {
        planning.project.enterprise_id,
        *planning.producers.values_list("enterprise_id", flat=True),
    }
    if not owners & {entry.submitter_id, entry.recommender_id}:
        raise DomainError(
            _t(
                "Number %(number)s was filed for “%(title)s” by another enterprise: give the "
                "number of a work of the entering or recommending unit."
            )
            % {"number": issued.number, "title": planning.title},
            field="filing_number",
        )
    entry.filing_number = issued.number
    entry.filing = issued


def _saved(entry):
    """Save ``entry``; the database's refusal of a second entry of the same work (two
    submitted at the same moment) is the same refusal as the check's."""
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        _check_not_entered(entry)
        raise


@transaction.atomic
def draft_entry(
    scheme,
    *,
    submitter,
    actor,
    credits=(),
    recommendation_scan=None,
    media_file=None,
    **values,
):
    """A new entry of ``submitter``'s work, in draft until it is submitted."""
    _check_open_for_entries(scheme)
    unknown = set(values) - set(ENTRY_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    entry = Entry(scheme=scheme, submitter=submitter, created_by=person(actor), **values)
    entry.title = (entry.title or "").strip()
    entry.work_key = work_key(entry.title)
    validated(entry, exclude=["recommendation_scan", "media_file"], validate_constraints=False)
    _check_category(entry)
    _check_window(scheme, entry.broadcast_on)
    _check_not_entered(entry)
    _link_filing(entry)
    _check_scan(recommendation_scan)
    _check_media(media_file)
    credits = _clean_credits(credits)
    if recommendation_scan:
        entry.recommendation_scan = recommendation_scan
    if media_file:
        entry.media_file = media_file
    _saved(entry)
    _save_credits(entry, credits)
    audit.log_action(
        entry, ENTRY_DRAFTED, actor=actor, data={"scheme": scheme.pk, "category": entry.category_id}
    )
    return entry


@transaction.atomic
def update_entry(
    entry, *, actor, credits=None, recommendation_scan=None, media_file=None, **values
):
    entry = locked(entry, select_related=("scheme",))
    if not entry.is_editable:
        raise DomainError(
            _t("An entry that is %(state)s cannot be changed.")
            % {"state": entry.get_state_display()}
        )
    changed = apply_changes(entry, values, allowed=ENTRY_FIELDS)
    if "title" in changed:
        entry.work_key = work_key(entry.title)
        changed.append("work_key")
    _check_scan(recommendation_scan)
    _check_media(media_file)
    if recommendation_scan:
        entry.recommendation_scan = recommendation_scan
        changed.append("recommendation_scan")
    if media_file:
        entry.media_file = media_file
        changed.append("media_file")
    validated(entry, exclude=["recommendation_scan", "media_file"], validate_constraints=False)
    _check_category(entry)
    _check_window(entry.scheme, entry.broadcast_on)
    _check_not_entered(entry)
    if "filing_number" in changed:
        _link_filing(entry)
        changed.append("filing")
    if credits is not None:
        _save_credits(entry, _clean_credits(credits))
        changed.append("credits")
    if changed:
        entry.save(update_fields=[name for name in changed if name != "credits"] + ["updated_at"])
        audit.log_action(entry, ENTRY_UPDATED, actor=actor, data={"fields": sorted(changed)})
    return entry


def missing_for_submission(entry):
    """What the entry lacks before it can be submitted, as messages at their fields."""
    missing = []
    if not entry.recommendation.strip() or not entry.recommendation_scan:
        missing.append(
            DomainError(
                _t(
                    "The recommendation opinion and its scan with the recommending unit's seal "
                    "are required: without the seal an entry is not eligible."
                ),
                field="recommendation_scan",
            )
        )
    if not entry.recommender_id and not entry.recommender_name.strip():
        missing.append(DomainError(_t("Name the recommending unit."), field="recommender"))
    if not entry.media_url and not entry.media_file:
        missing.append(
            DomainError(_t("Give a link to the work or send its file."), field="media_url")
        )
    if not entry.credits.exists():
        missing.append(DomainError(_t("List the creators and their roles."), field="credits"))
    return missing


def entry_applicants(entry):
    return entrants(entry.submitter)


@transaction.atomic
def submit_entry(entry, *, actor):
    """Send a draft (or a returned entry) to its eligibility check."""
    entry = locked(entry, select_related=("scheme", "submitter"))
    check_transition(
        enums.ENTRY_TRANSITIONS,
        entry.state,
        enums.EntryState.SUBMITTED,
        message=_t("An entry that is %(state)s cannot be submitted.")
        % {"state": entry.get_state_display()},
    )
    if entry.state == enums.EntryState.SUBMITTED:
        return entry
    _check_open_for_entries(entry.scheme)
    _check_window(entry.scheme, entry.broadcast_on)
    _check_not_entered(entry)
    missing = missing_for_submission(entry)
    if missing:
        raise missing[0]
    review_services.submit(
        entry,
        flow=review_flows.get(Entry.review_flow_key),
        applicant=entry.submitter,
        actor=actor,
        label=f"{entry.title} · {entry.submitter.name}",
    )
    entry.refresh_from_db()
    return entry


@transaction.atomic
def withdraw_entry(entry, *, actor):
    """Withdraw an entry before the results: a case in review is withdrawn through the
    engine, which tells the reviewers it awaited."""
    entry = locked(entry)
    check_transition(
        enums.ENTRY_TRANSITIONS,
        entry.state,
        enums.EntryState.WITHDRAWN,
        message=_t("An entry that is %(state)s cannot be withdrawn.")
        % {"state": entry.get_state_display()},
    )
    if entry.state == enums.EntryState.WITHDRAWN:
        return entry
    case = entry.review_case
    if case is not None and case.is_open:
        review_services.withdraw(case, actor=actor)
        entry.refresh_from_db()
        return entry
    entry.state = enums.EntryState.WITHDRAWN
    entry.save(update_fields=["state", "updated_at"])
    audit.log_action(entry, ENTRY_WITHDRAWN, actor=actor)
    return entry


# The review engine's hooks (``awards.flows``) -------------------------------------------------


def stamp_submission(step):
    """On every event: the day of a (re)submission; reasons given by a decision."""
    if step.event in {ReviewEvent.SUBMITTED, ReviewEvent.RESUBMITTED}:
        step.fields["submitted_on"] = timezone.localdate()
    if step.decision is not None and step.decision.comment:
        step.fields["decision_comment"] = step.decision.comment


def confirm_eligibility(step):
    """The last check before an entry is found eligible: the sealed recommendation and the
    broadcast window are what make it so, whatever the reviewers saw."""
    entry = step.subject
    if not entry.recommendation_scan or not entry.recommendation.strip():
        raise DomainError(
            _t("The sealed recommendation is missing: this entry cannot be found eligible."),
            field="recommendation_scan",
        )
    _check_window(entry.scheme, entry.broadcast_on)
    today = timezone.localdate()
    step.fields["eligible_on"] = today
    step.fields["notice_ends_on"] = add_working_days(today, entry.scheme.entry_notice_days)
    step.log["notice_ends_on"] = step.fields["notice_ends_on"].isoformat()
