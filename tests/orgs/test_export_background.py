"""Enterprise exports past ``EXPORT_INLINE_ROWS`` rows are written by the task worker: the
person follows its progress and downloads it from "My exports"; anonymous visitors are asked
to sign in or narrow the list. Below the threshold the workbook comes straight back.

Only a POST with its CSRF token queues an export: a link followed from another site must not
make a signed-in person queue one."""

import io
import re
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from cloudpark.core.enums import ExportStatus
from cloudpark.core.models import ExportFile
from cloudpark.orgs import enums, exports
from tests.factories import credit_code
from tests.helpers import assert_audited, sign_in
from tests.orgs.test_export_scale import register

pytestmark = pytest.mark.django_db

HEADERS = (
    "Name",
    "Unified social credit code",
    "Industry category",
    "Park",
    "Region",
    "Founded on",
    "Registered capital (10,000 yuan)",
    "Staff",
)


@pytest.fixture(autouse=True)
def small_threshold(settings, media_root):
    """Above 3 rows, an export is queued (run by the tests' ImmediateBackend once committed)."""
    settings.EXPORT_INLINE_ROWS = 3
    with translation.override("en"):
        yield


def workbook_rows(content):
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def downloaded(client, export):
    response = client.get(reverse("individual:export_download", args=[export.pk]))
    return workbook_rows(b"".join(response.streaming_content))


def export_url(name, query):
    """The export button's address: the list's, its filters and ``format=xlsx`` in the query."""
    return f"{reverse(name)}?{urlencode(query)}"


def csrf_token_in(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def test_a_list_at_the_threshold_comes_straight_back_as_a_workbook(client, park):
    register(3, park)
    sign_in(client, park)

    response = client.get(reverse("park:enterprise_list"), {"format": "xlsx"})

    assert response["Content-Disposition"].startswith('attachment; filename="enterprises-')
    assert len(workbook_rows(b"".join(response.streaming_content))) == 4
    assert not ExportFile.objects.exists()


def test_a_longer_list_is_queued_and_the_person_taken_to_its_progress(
    client, park, django_capture_on_commit_callbacks
):
    register(4, park)
    person = sign_in(client, park)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            export_url("park:enterprise_list", {"format": "xlsx", "q": "之江影视", "region": ""})
        )

    export = ExportFile.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("individual:export_detail", args=[export.pk])
    assert (export.user, export.organization_id, export.kind, export.filters) == (
        person,
        park.pk,
        exports.ENTERPRISES,
        {"query": "之江影视"},
    )
    assert (export.status, export.language, len(callbacks)) == (ExportStatus.QUEUED, "en", 1)
    assert_audited(export, "core.export.requested", actor=person)


def test_the_worker_writes_the_rows_the_list_shows_and_only_those_in_the_bodys_care(
    client, park, other_park, government, django_capture_on_commit_callbacks
):
    register(5, park)
    register(2, other_park, first=100)
    person = sign_in(client, government)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("government:enterprise_list") + "?format=xlsx")

    export = ExportFile.objects.get()
    assert (export.status, export.rows_total, export.rows_done) == (ExportStatus.READY, 5, 5)
    rows = downloaded(client, export)
    assert rows[0] == HEADERS
    assert [row[:2] for row in rows[1:]] == [
        (f"Zhijiang Film {serial}", credit_code(serial, prefix="91330106MD"))
        for serial in range(1, 6)
    ]
    assert_audited(export, "core.export.written", actor=person)


def test_the_worker_applies_the_lists_filters(
    client, park, other_park, django_capture_on_commit_callbacks
):
    register(12, park)
    register(6, other_park, first=100)
    sign_in(client, park, enums.Role.STAFF)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("public:enterprise_list") + f"?format=xlsx&park={other_park.pk}")

    export = ExportFile.objects.get()
    rows = downloaded(client, export)
    assert (export.kind, export.organization, export.filters) == (
        exports.PUBLIC_ENTERPRISES,
        None,
        {"park": other_park.pk},
    )
    assert len(rows[0]) == 6
    assert sorted(row[0] for row in rows[1:]) == sorted(
        f"Zhijiang Film {serial}" for serial in range(100, 106)
    )


def test_a_person_who_lost_the_right_gets_a_failed_export_and_no_rows(
    client, park, django_capture_on_commit_callbacks
):
    register(4, park)
    person = sign_in(client, park)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("park:enterprise_list") + "?format=xlsx")
    person.memberships.all().delete()

    callbacks[0]()

    export = ExportFile.objects.get()
    assert (export.status, bool(export.file)) == (ExportStatus.FAILED, False)
    assert_audited(export, "core.export.failed", actor=person)


def test_the_progress_page_asks_again_every_two_seconds_then_offers_the_download(
    client, park, django_capture_on_commit_callbacks
):
    register(4, park)
    sign_in(client, park)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("park:enterprise_list") + "?format=xlsx")
    export = ExportFile.objects.get()
    ExportFile.objects.filter(pk=export.pk).update(rows_total=4, rows_done=1)
    url = reverse("individual:export_detail", args=[export.pk])

    page = client.get(url).content.decode()
    poll = client.get(url, headers={"HX-Request": "true", "HX-Target": "export-progress"})

    assert 'hx-trigger="every 2s"' in page
    assert '<progress class="w-100" id="export-progress-bar" max="4" value="1"' in page
    assert "1 of 4 rows written (25%)." in page
    assert poll.content.decode().strip().startswith('<div id="export-progress"')

    callbacks[0]()
    finished = client.get(url, headers={"HX-Request": "true", "HX-Target": "export-progress"})
    page = client.get(url).content.decode()

    assert (finished.status_code, finished["HX-Refresh"]) == (200, "true")
    assert "every 2s" not in page
    assert "The workbook is ready: 4 rows." in page
    assert reverse("individual:export_download", args=[export.pk]) in page


def test_an_anonymous_visitor_past_the_threshold_is_asked_to_sign_in_or_narrow_the_list(
    client, park
):
    register(4, park)

    response = client.get(reverse("public:enterprise_list"), {"format": "xlsx", "q": "之江"})

    page = response.content.decode()
    assert (response.status_code, ExportFile.objects.exists()) == (200, False)
    assert "This list is too long to download at once" in page
    assert "holds at most 3 rows" in page
    assert 'href="/accounts/login/?next=/enterprises/%3Fq%3D%25E4%25B9%258B%25E6%25B1%259F"' in page


def test_the_anonymous_visitors_page_speaks_chinese_too(client, park):
    register(4, park)

    response = client.get(
        reverse("public:enterprise_list"),
        {"format": "xlsx"},
        headers={"Accept-Language": "zh-hans"},
    )

    assert "名单太长，无法直接下载" in response.content.decode()


def test_a_signed_in_persons_get_past_the_threshold_queues_nothing_and_asks_to_confirm(
    client, park
):
    register(4, park)
    sign_in(client, park)

    response = client.get(reverse("park:enterprise_list"), {"format": "xlsx", "q": "之江"})

    page = response.content.decode()
    assert (response.status_code, ExportFile.objects.count()) == (200, 0)
    assert "This export has more than 3 rows and will be prepared in the background" in page
    assert (
        '<form method="post" action="?format=xlsx&amp;q=%E4%B9%8B%E6%B1%9F" '
        'class="d-flex flex-wrap gap-2">'
    ) in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_the_confirmation_speaks_chinese_too(client, park):
    register(4, park)
    sign_in(client, park)

    response = client.get(
        reverse("park:enterprise_list"),
        {"format": "xlsx"},
        headers={"Accept-Language": "zh-hans"},
    )

    assert "在后台准备这份导出吗？" in response.content.decode()
    assert not ExportFile.objects.exists()


def test_a_post_without_the_csrf_token_is_refused_and_queues_nothing(park):
    register(4, park)
    client = Client(enforce_csrf_checks=True)
    sign_in(client, park)

    response = client.post(export_url("park:enterprise_list", {"format": "xlsx"}))

    assert (response.status_code, ExportFile.objects.count()) == (403, 0)


def test_a_post_with_the_confirmation_pages_token_queues_the_export(
    park, django_capture_on_commit_callbacks
):
    register(4, park)
    client = Client(enforce_csrf_checks=True)
    person = sign_in(client, park)
    url = export_url("park:enterprise_list", {"format": "xlsx", "q": "之江"})
    token = csrf_token_in(client.get(url).content.decode())

    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(url, {"csrfmiddlewaretoken": token})

    export = ExportFile.objects.get()
    assert response["Location"] == reverse("individual:export_detail", args=[export.pk])
    assert (export.user, export.filters) == (person, {"query": "之江"})


def test_an_anonymous_post_past_the_threshold_queues_nothing(client, park):
    register(4, park)

    response = client.post(export_url("public:enterprise_list", {"format": "xlsx"}))

    assert "This list is too long to download at once" in response.content.decode()
    assert not ExportFile.objects.exists()


def test_a_post_to_a_list_without_asking_for_a_workbook_is_refused(client, park):
    register(4, park)
    sign_in(client, park)

    response = client.post(reverse("park:enterprise_list"))

    assert (response.status_code, ExportFile.objects.count()) == (405, 0)


@pytest.mark.parametrize(
    ("name", "organization"),
    [
        ("public:enterprise_list", None),
        ("park:enterprise_list", "park"),
        ("government:enterprise_list", "government"),
    ],
)
def test_the_lists_export_button_is_a_form_that_posts_the_lists_filters(
    client, park, government, name, organization
):
    register(1, park)
    if organization:
        sign_in(client, {"park": park, "government": government}[organization])

    page = client.get(reverse(name), {"q": "之江", "after": "x"}).content.decode()
    rows = client.get(
        reverse(name), {"q": "影视"}, headers={"HX-Request": "true", "HX-Target": "list-rows"}
    ).content.decode()

    assert (
        '<form method="post" action="?q=%E4%B9%8B%E6%B1%9F&amp;format=xlsx" id="export-form">'
    ) in page
    assert 'name="csrfmiddlewaretoken"' in page.split('id="export-form"')[1].split("</form>")[0]
    assert (
        '<form method="post" action="?q=%E5%BD%B1%E8%A7%86&amp;format=xlsx" id="export-form" '
        'hx-swap-oob="true">'
    ) in rows
