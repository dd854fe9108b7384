"""``cloudpark audit-export --since 2026-01-01 --until 2026-06-30 --output audit.xlsx``: the
audit log of a period as an Excel workbook, for an auditor or an archive."""

import json
from datetime import date, datetime, time, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cloudpark.core.audit import label_for
from cloudpark.core.excel import workbook_bytes
from cloudpark.core.models import AuditEntry

HEADERS = [
    "time",
    "action",
    "label",
    "actor",
    "actor reference",
    "object type",
    "object id",
    "object",
    "address",
    "browser",
    "data",
]


def _day(value):
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{value!r} is not a date (YYYY-MM-DD).") from None


def entries_between(since, until):
    """Entries from the start of ``since`` to the end of ``until``, local time, oldest first."""
    start = timezone.make_aware(datetime.combine(since, time.min))
    end = timezone.make_aware(datetime.combine(until + timedelta(days=1), time.min))
    return (
        AuditEntry.objects.filter(created_at__gte=start, created_at__lt=end)
        .select_related("actor", "content_type")
        .order_by("created_at", "id")
    )


def rows_of(entries):
    for entry in entries.iterator(chunk_size=2000):
        yield [
            entry.created_at,
            entry.action,
            str(label_for(entry.action)),
            entry.actor.email if entry.actor else "",
            entry.actor_ref,
            f"{entry.content_type.app_label}.{entry.content_type.model}",
            entry.object_id,
            entry.object_repr,
            entry.ip_address or "",
            entry.user_agent,
            json.dumps(entry.data, ensure_ascii=False) if entry.data else "",
        ]


class Command(BaseCommand):
    help = "Write the audit log of a period (both days included) to an .xlsx workbook."

    def add_arguments(self, parser):
        parser.add_argument("--since", required=True, help="First day, YYYY-MM-DD.")
        parser.add_argument("--until", required=True, help="Last day, YYYY-MM-DD.")
        parser.add_argument("--output", required=True, help="The .xlsx file to write.")

    def handle(self, *args, since, until, output, **options):
        first, last = _day(since), _day(until)
        if last < first:
            raise CommandError("--until is before --since.")
        entries = entries_between(first, last)
        count = entries.count()
        with open(output, "wb") as file:
            file.write(workbook_bytes("audit log", HEADERS, rows_of(entries)))
        self.stdout.write(f"{count} audit entries from {first} to {last} written to {output}.")
