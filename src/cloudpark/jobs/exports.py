"""An enterprise's applications as an Excel workbook, for its page and the API alike. The
candidate's contact is masked unless the candidate accepted an interview."""

from django.utils import timezone
from django.utils.translation import gettext as _t

from cloudpark.core import excel, privacy
from cloudpark.jobs import enums


def _label(choices, value):
    """The label of a bucket kept in a résumé copy; empty for an erased copy."""
    return str(choices(value).label) if value in choices.values else ""


def _contact(application):
    resume = application.resume
    if application.contact_revealable:
        return resume.get("name", ""), resume.get("mobile", ""), resume.get("email", "")
    return (
        privacy.mask_name(resume.get("name", "")),
        privacy.mask_phone(resume.get("mobile", "")),
        privacy.mask_email(resume.get("email", "")),
    )


def export_applications(applications):
    headers = [
        _t("Posting"),
        _t("Candidate"),
        _t("Mobile"),
        _t("E-mail"),
        _t("State"),
        _t("Applied on"),
        _t("Experience"),
        _t("Education"),
        _t("Skills"),
        _t("Résumé erased on"),
    ]
    rows = (
        [
            application.posting.title,
            *_contact(application),
            application.get_state_display(),
            timezone.localdate(application.created_at),
            _label(enums.Experience, application.resume.get("experience")),
            _label(enums.Education, application.resume.get("education")),
            ", ".join(application.resume.get("skills", [])),
            timezone.localdate(application.resume_erased_at)
            if application.resume_erased_at
            else None,
        ]
        for application in applications
    )
    stamp = timezone.localdate().isoformat()
    return excel.workbook_response(
        f"job-applications-{stamp}.xlsx", _t("Applications"), headers, rows
    )
