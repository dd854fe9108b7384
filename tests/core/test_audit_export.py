"""``cloudpark audit-export``: a period of the audit log as a workbook."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import load_workbook

from cloudpark.core import audit
from cloudpark.orgs import services

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_period_oldest_first(park, user, tmp_path):
    audit.log_action(park, services.PARK_UPDATED, actor=user, data={"step": 1})
    audit.log_action(park, audit.PERSONAL_DATA_VIEWED, actor=user)
    today = timezone.localdate().isoformat()
    output = tmp_path / "audit.xlsx"
    stdout = io.StringIO()

    call_command("audit-export", since=today, until=today, output=str(output), stdout=stdout)

    rows = list(load_workbook(output).active.iter_rows(values_only=True))
    assert rows[0][:5] == ("time", "action", "label", "actor", "actor reference")
    reference = f"user:{user.pk}"
    assert [row[1:5] + row[6:8] for row in rows[1:]] == [
        (
            "orgs.park.updated",
            "Park profile updated",
            user.email,
            reference,
            str(park.pk),
            "之江文化产业园",
        ),
        (
            "core.personal_data.viewed",
            "Personal data viewed",
            user.email,
            reference,
            str(park.pk),
            "之江文化产业园",
        ),
    ]
    assert stdout.getvalue() == f"2 audit entries from {today} to {today} written to {output}.\n"


def test_a_period_without_entries_gives_only_the_header(park, user, tmp_path):
    audit.log_action(park, services.PARK_UPDATED, actor=user)
    output = tmp_path / "audit.xlsx"

    call_command("audit-export", since="2020-01-01", until="2020-12-31", output=str(output))

    assert load_workbook(output).active.max_row == 1


def test_an_inverted_period_is_refused(tmp_path):
    with pytest.raises(CommandError, match="--until is before --since"):
        call_command(
            "audit-export", since="2026-02-01", until="2026-01-01", output=str(tmp_path / "a.xlsx")
        )
