"""Results: published for public notice with a named channel for signed objections, the
objections answered and bound to the entry and its scores, then the honour list made final
(and kept for ever); certificates with numbers that are never given twice."""

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.awards import enums
from cloudpark.awards.models import (
    Certificate,
    CertificateCounter,
    Entry,
    Objection,
    Result,
)
from cloudpark.awards.services.common import entrants, organisers, person, required_text
from cloudpark.core import audit, links
from cloudpark.core.errors import DomainError
from cloudpark.core.services import locked
from cloudpark.core.states import check_transition
from cloudpark.notifications import services as notifications

RESULTS_PUBLISHED = audit.register("awards.scheme.results_published", _("Results published"))
RESULTS_FINAL = audit.register("awards.scheme.results_final", _("Honour list made final"))
RESULTS_REOPENED = audit.register(
    "awards.scheme.results_reopened", _("Results sent back to the jury")
)
OBJECTION_RAISED = audit.register("awards.entry.objection_raised", _("Objection received"))
OBJECTION_ANSWERED = audit.register("awards.entry.objection_answered", _("Objection answered"))
ENTRY_AWARDED = audit.register("awards.entry.awarded", _("Awarded"))
ENTRY_NOT_AWARDED = audit.register("awards.entry.not_awarded", _("Not awarded"))
ENTRY_DISQUALIFIED = audit.register("awards.entry.disqualified", _("Disqualified"))
CERTIFICATE_ISSUED = audit.register("awards.certificate.issued", _("Certificate issued"))
CERTIFICATE_REVOKED = audit.register("awards.certificate.revoked", _("Certificate revoked"))

RESULTS_NOTICE = notifications.register(
    "awards.results_published",
    _("The results of %(scheme)s are on public notice until %(until)s."),
)
OBJECTION_NOTICE = notifications.register(
    "awards.objection_raised", _("An objection to %(title)s in %(scheme)s awaits your answer.")
)

# Ten characters say something specific in Chinese; "不公平" does not.
MINIMUM_OBJECTION_LENGTH = 10


def final_round(scheme):
    return scheme.rounds.filter(kind=enums.RoundKind.FINAL).first()


@transaction.atomic
def publish_results(scheme, *, actor):
    """Put the final round's levels on public notice for the scheme's days, with its named
    channel for objections."""
    scheme = locked(scheme)
    if not check_transition(
        enums.SCHEME_TRANSITIONS,
        scheme.state,
        enums.SchemeState.PUBLICITY,
        message=_t("Results are published from judging."),
    ):
        return scheme
    last = final_round(scheme)
    if last is None or last.state != enums.RoundState.TALLIED:
        raise DomainError(_t("Tally the final round before the results are published."))
    if not scheme.objection_channel.strip():
        raise DomainError(
            _t("Say where signed objections go (office, address, telephone) before publishing."),
            field="objection_channel",
        )
    levels = dict(
        Result.objects.filter(round=last).exclude(level="").values_list("entry_id", "level")
    )
    in_judging = Entry.objects.filter(scheme=scheme, state=enums.EntryState.JUDGING)
    for entry in in_judging:
        level = levels.get(entry.pk, "")
        if entry.level != level:
            entry.level = level
            entry.save(update_fields=["level", "updated_at"])
    today = timezone.localdate()
    scheme.state = enums.SchemeState.PUBLICITY
    scheme.results_published_on = today
    scheme.objections_until = today + timedelta(days=scheme.result_notice_days)
    scheme.save(update_fields=["state", "results_published_on", "objections_until", "updated_at"])
    audit.log_action(
        scheme,
        RESULTS_PUBLISHED,
        actor=actor,
        data={"until": scheme.objections_until.isoformat(), "awarded": len(levels)},
    )
    submitters = {entry.submitter for entry in in_judging.select_related("submitter")}
    notifications.notify(
        [user for submitter in submitters for user in entrants(submitter)],
        RESULTS_NOTICE,
        params={"scheme": scheme.title, "until": scheme.objections_until.isoformat()},
        url=links.url("awards.results.public", scheme.pk),
    )
    return scheme


def _scores_seen(entry):
    return {
        result.round.kind: {
            "mean": str(result.raw_mean) if result.raw_mean is not None else None,
            "trimmed": str(result.trimmed_mean) if result.trimmed_mean is not None else None,
            "normalised": str(result.normalised) if result.normalised is not None else None,
            "votes": result.votes,
            "rank": result.rank,
            "tied": result.tied,
            "stable": result.stable,
            "level": result.level,
        }
        for result in entry.results.select_related("round")
    }


def _objection_reference(today):
    """``YY`` (异议), the year and eight characters nobody can guess: with the contact given,
    the objector follows the objection; the reference alone shows nothing."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    tail = "".join(secrets.choice(alphabet) for _index in range(8))
    return f"YY{today:%Y}-{tail}"


@transaction.atomic
def raise_objection(
    entry,
    *,
    name,
    contact,
    text,
    evidence="",
    organization_name="",
    actor=None,
    public=False,
):
    """A signed, specific objection to ``entry``'s result, while the results are on notice.
    One sent through the public form (``public``) names its organisation and gives its
    evidence too; the organisers record others as they come in by post or telephone."""
    entry = locked(entry, select_related=("scheme",))
    scheme = entry.scheme
    today = timezone.localdate()
    if scheme.state != enums.SchemeState.PUBLICITY or today > scheme.objections_until:
        raise DomainError(_t("Objections are received only while the results are on notice."))
    if not entry.results.exists():
        raise DomainError(_t("Only a judged work's result can be objected to."))
    name = required_text(name, field="name", message=_t("Sign the objection with your name."))
    if public:
        organization_name = required_text(
            organization_name,
            field="organization_name",
            message=_t("Name your organisation (or write “individual”)."),
        )
    contact = required_text(
        contact, field="contact", message=_t("Give a telephone or e-mail for the answer.")
    )
    if public:
        evidence = required_text(
            evidence,
            field="evidence",
            message=_t("Give the evidence: what shows it, and where it can be checked."),
        )
    text = (text or "").strip()
    if len(text) < MINIMUM_OBJECTION_LENGTH:
        raise DomainError(
            _t("Say specifically what is wrong with this result (at least %(count)s characters).")
            % {"count": MINIMUM_OBJECTION_LENGTH},
            field="text",
        )
    objection = Objection.objects.create(
        scheme=scheme,
        entry=entry,
        reference=_objection_reference(today),
        name=name[:50],
        contact=contact[:100],
        organization_name=(organization_name or "").strip()[:200],
        text=text,
        evidence=(evidence or "").strip(),
        submitted_by=person(actor),
        scores_seen=_scores_seen(entry),
    )
    audit.log_action(
        entry,
        OBJECTION_RAISED,
        actor=actor,
        data={"objection": objection.pk, "reference": objection.reference, "public": public},
    )
    notifications.notify(
        organisers(scheme),
        OBJECTION_NOTICE,
        params={"title": entry.title, "scheme": scheme.title},
        url=links.url("awards.scheme.government", scheme.pk),
    )
    return objection


@transaction.atomic
def answer_objection(objection, *, actor, upheld, answer, disqualify=False):
    """The organisers' answer, published with the results as an addendum. An upheld objection
    may disqualify the entry; otherwise the organisers may send the results back to the jury
    (``reopen_judging``)."""
    objection = locked(objection, select_related=("entry", "scheme"))
    target = enums.ObjectionState.UPHELD if upheld else enums.ObjectionState.DISMISSED
    check_transition(
        enums.OBJECTION_TRANSITIONS,
        objection.state,
        target,
        message=_t("This objection has been answered already."),
    )
    if objection.state == target:
        return objection
    answer = required_text(answer, field="answer", message=_t("Write the answer."))
    objection.state = target
    objection.answer = answer
    objection.answered_by = person(actor)
    objection.answered_at = timezone.now()
    objection.save(update_fields=["state", "answer", "answered_by", "answered_at"])
    audit.log_action(
        objection.entry,
        OBJECTION_ANSWERED,
        actor=actor,
        data={"objection": objection.pk, "outcome": target.value},
    )
    if upheld and disqualify:
        disqualify_entry(objection.entry, actor=actor, reason=answer)
    return objection


@transaction.atomic
def disqualify_entry(entry, *, actor, reason):
    entry = locked(entry)
    reason = required_text(reason, field="reason", message=_t("Say why."))
    if not check_transition(
        enums.ENTRY_TRANSITIONS,
        entry.state,
        enums.EntryState.DISQUALIFIED,
        message=_t("An entry that is %(state)s cannot be disqualified.")
        % {"state": entry.get_state_display()},
    ):
        return entry
    entry.state = enums.EntryState.DISQUALIFIED
    entry.level = ""
    entry.decision_comment = reason
    entry.save(update_fields=["state", "level", "decision_comment", "updated_at"])
    audit.log_action(entry, ENTRY_DISQUALIFIED, actor=actor, data={"reason": reason})
    for certificate in entry.certificates.filter(status=enums.CertificateStatus.VALID):
        revoke_certificate(certificate, actor=actor, reason=reason)
    return entry


@transaction.atomic
def reopen_judging(scheme, *, actor):
    """Send results on notice back to the jury (after an upheld objection): the final round's
    tally is set aside and the round reopened."""
    scheme = locked(scheme)
    check_transition(
        enums.SCHEME_TRANSITIONS,
        scheme.state,
        enums.SchemeState.JUDGING,
        message=_t("Only results on public notice can go back to the jury."),
    )
    if scheme.state == enums.SchemeState.JUDGING:
        return scheme
    last = final_round(scheme)
    Result.objects.filter(round=last).delete()
    last.state = enums.RoundState.OPEN
    last.tallied_at = None
    last.save(update_fields=["state", "tallied_at"])
    Entry.objects.filter(scheme=scheme, state=enums.EntryState.JUDGING).update(level="")
    scheme.state = enums.SchemeState.JUDGING
    scheme.results_published_on = scheme.objections_until = None
    scheme.save(update_fields=["state", "results_published_on", "objections_until", "updated_at"])
    audit.log_action(scheme, RESULTS_REOPENED, actor=actor)
    return scheme


@transaction.atomic
def finalise_results(scheme, *, actor):
    """Once the notice has run and every objection is answered, the honour list is final."""
    scheme = locked(scheme)
    if not check_transition(
        enums.SCHEME_TRANSITIONS,
        scheme.state,
        enums.SchemeState.FINAL,
        message=_t("Only results on public notice can be made final."),
    ):
        return scheme
    today = timezone.localdate()
    if today <= scheme.objections_until:
        raise DomainError(
            _t("The results are on notice until %(until)s; they become final after that.")
            % {"until": scheme.objections_until.isoformat()}
        )
    if scheme.objections.filter(state=enums.ObjectionState.RECEIVED).exists():
        raise DomainError(_t("Answer every objection before the results are made final."))
    for entry in Entry.objects.filter(scheme=scheme, state=enums.EntryState.JUDGING):
        awarded = bool(entry.level)
        entry.state = enums.EntryState.AWARDED if awarded else enums.EntryState.NOT_AWARDED
        entry.save(update_fields=["state", "updated_at"])
        audit.log_action(
            entry,
            ENTRY_AWARDED if awarded else ENTRY_NOT_AWARDED,
            actor=actor,
            data={"level": entry.level} if awarded else {},
        )
    scheme.state = enums.SchemeState.FINAL
    scheme.final_on = today
    scheme.save(update_fields=["state", "final_on", "updated_at"])
    audit.log_action(scheme, RESULTS_FINAL, actor=actor)
    return scheme


# Certificates ---------------------------------------------------------------------------------


def certificate_number(scheme, category, sequence):
    return f"{scheme.code}-{scheme.year}-{category.code}-{sequence:03d}"


def _issuer_name(scheme):
    return scheme.owner.name


@transaction.atomic
def issue_certificate(entry, *, actor):
    """The certificate of an awarded entry, numbered from its category's counter, which is
    locked meanwhile: two certificates issued at once get different numbers, and a number is
    never given again, even after a revocation."""
    entry = locked(entry, select_related=("scheme__owner", "category"))
    if entry.state != enums.EntryState.AWARDED or not entry.level:
        raise DomainError(_t("Certificates are issued for awarded entries of a final list."))
    if entry.certificates.filter(status=enums.CertificateStatus.VALID).exists():
        raise DomainError(_t("This award has a valid certificate already."))
    counter = CertificateCounter.objects.select_for_update().get(category=entry.category)
    counter.last += 1
    counter.save(update_fields=["last"])
    certificate = Certificate.objects.create(
        number=certificate_number(entry.scheme, entry.category, counter.last),
        entry=entry,
        level=entry.level,
        holder_id=entry.submitter_id,
        issuer_name=_issuer_name(entry.scheme),
        issued_on=timezone.localdate(),
        issued_by=person(actor),
    )
    audit.log_action(certificate, CERTIFICATE_ISSUED, actor=actor, data={"entry": entry.pk})
    return certificate


def issue_certificates(scheme, *, actor):
    """A certificate for every award of the final list that has none."""
    issued = []
    for entry in Entry.objects.filter(scheme=scheme, state=enums.EntryState.AWARDED).exclude(
        certificates__status=enums.CertificateStatus.VALID
    ):
        issued.append(issue_certificate(entry, actor=actor))
    return issued


@transaction.atomic
def revoke_certificate(certificate, *, actor, reason):
    certificate = locked(certificate)
    reason = required_text(reason, field="reason", message=_t("Say why it is revoked."))
    if not check_transition(
        enums.CERTIFICATE_TRANSITIONS,
        certificate.status,
        enums.CertificateStatus.REVOKED,
    ):
        return certificate
    certificate.status = enums.CertificateStatus.REVOKED
    certificate.revoked_on = timezone.localdate()
    certificate.revocation_reason = reason
    certificate.save(update_fields=["status", "revoked_on", "revocation_reason", "updated_at"])
    audit.log_action(certificate, CERTIFICATE_REVOKED, actor=actor, data={"reason": reason})
    return certificate
