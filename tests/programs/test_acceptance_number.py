"""The acceptance number an application's receipt quotes."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from cloudpark.programs.models import Application
from tests.factories.programs import complete_draft, submitted

pytestmark = pytest.mark.django_db


def test_a_draft_has_no_acceptance_number(programme, enterprise):
    application = complete_draft(programme, enterprise)

    assert application.acceptance_number == ""


def test_a_submitted_application_is_numbered_by_year_programme_and_itself(programme, enterprise):
    application = submitted(programme, enterprise)
    year = application.submitted_at.astimezone(ZoneInfo("Asia/Shanghai")).year

    number = application.acceptance_number

    assert number == f"{year}-{programme.pk}-{application.pk:05d}"


def test_the_year_is_the_local_year_of_first_submission(programme, enterprise):
    application = submitted(programme, enterprise)
    # 16:30 UTC on New Year's Eve is already New Year's Day in Beijing.
    Application.objects.filter(pk=application.pk).update(
        submitted_at=datetime(2026, 12, 31, 16, 30, tzinfo=ZoneInfo("UTC"))
    )
    application.refresh_from_db()

    number = application.acceptance_number

    assert number == f"2027-{programme.pk}-{application.pk:05d}"


def test_the_detail_page_shows_the_acceptance_number(client, programme, enterprise, people):
    application = submitted(programme, enterprise)
    client.force_login(people["applicant"])

    response = client.get(reverse("enterprise:application_detail", args=[application.pk]))

    assert (
        f'<span class="font-monospace" id="acceptance-number">{application.acceptance_number}'
        "</span>"
    ) in response.content.decode()
