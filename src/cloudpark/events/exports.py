"""Events as Excel workbooks: an organiser's events, the public calendar, one event's
registrations and its check-ins."""

from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from cloudpark.core import excel, privacy
from cloudpark.events import services


def _stamp():
    return timezone.localdate().isoformat()


def local(moment, event):
    """``moment`` in the event's own time zone, as text; empty for ``None``."""
    return services.local_text(moment, event) if moment else ""


def answer_text(value):
    """A registration answer as a cell: yes and no for the tick boxes."""
    if value is True:
        return _t("Yes")
    if value is False:
        return _t("No")
    return value


def export_organiser_events(queryset):
    headers = [
        _("Title"),
        _("Kind"),
        _("Status"),
        _("Starts"),
        _("Ends"),
        _("City"),
        _("Venue"),
        _("Parts"),
        _("Confirmed seats"),
        _("Seats"),
    ]
    rows = (
        [
            event.display_title,
            event.get_kind_display(),
            event.get_status_display(),
            local(event.starts_at, event),
            local(event.ends_at, event),
            event.display_city,
            event.display_venue,
            event.part_total,
            event.confirmed_total,
            event.capacity,
        ]
        for event in queryset
    )
    return excel.workbook_response(f"events-{_stamp()}.xlsx", _t("Events"), headers, rows)


def export_public_events(queryset):
    headers = [
        _("Title"),
        _("Kind"),
        _("Status"),
        _("Starts"),
        _("Ends"),
        _("City"),
        _("Venue"),
        _("Host"),
    ]
    rows = (
        [
            event.display_title,
            event.get_kind_display(),
            event.get_status_display(),
            services.local_text(event.starts_at, event),
            services.local_text(event.ends_at, event),
            event.display_city,
            event.display_venue,
            pgettext("list separator", ", ").join(str(host.display_name) for host in event.hosts),
        ]
        for event in queryset
    )
    return excel.workbook_response(f"events-{_stamp()}.xlsx", _t("Events"), headers, rows)


def export_registrations(event, queryset, *, contacts_visible):
    """One row per registration with its answers; e-mail addresses are masked unless
    ``contacts_visible``."""
    questions = list(event.questions.all())
    headers = [
        _("Name"),
        _("E-mail"),
        _("Organisation"),
        _("Title or position"),
        _("Status"),
        _("Registered at"),
        _("Ticket code"),
        _("Checked in at"),
        *[question.display_label for question in questions],
    ]
    rows = (
        [
            registration.name,
            registration.user.email
            if contacts_visible
            else privacy.mask_email(registration.user.email),
            registration.organization_name,
            registration.job_title,
            registration.get_status_display(),
            registration.created_at,
            registration.display_code,
            min((c.checked_in_at for c in registration.check_ins.all()), default=None),
            *[answer_text(registration.answers.get(str(q.pk), "")) for q in questions],
        ]
        for registration in queryset
    )
    return excel.workbook_response(
        f"registrations-{event.pk}-{_stamp()}.xlsx", _t("Registrations"), headers, rows
    )


def export_attendance(event, check_ins):
    headers = [
        _("Name"),
        _("Organisation"),
        _("Door"),
        _("Checked in at"),
        _("How"),
        _("Checked in by"),
    ]
    rows = (
        [
            check.registration.name,
            check.registration.organization_name,
            check.door.display_title,
            local(check.checked_in_at, check.door),
            check.get_method_display(),
            str(check.checked_in_by or ""),
        ]
        for check in check_ins
    )
    return excel.workbook_response(
        f"attendance-{event.pk}-{_stamp()}.xlsx", _t("Attendance"), headers, rows
    )
