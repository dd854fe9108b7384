"""Large imports are checked and imported by the task worker, with their progress on the
import's page; still all or nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from cloudpark.core.models import AuditEntry
from cloudpark.orgs import enums, imports, services
from cloudpark.orgs.models import Enterprise, EnterpriseImport
from tests.core.test_upload_expansion import blank_rows_bomb
from tests.factories import IndustryCategoryFactory, credit_code
from tests.helpers import sign_in
from tests.portals.workbooks import enterprise_row, workbook_file

pytestmark = pytest.mark.django_db

ROWS = 8


@pytest.fixture(autouse=True)
def small_threshold(settings, media_root):
    """Above 5 rows, the worker does it (the tests' ImmediateBackend, once committed)."""
    settings.ENTERPRISE_IMPORT_BACKGROUND_ROWS = 5
    with translation.override("en"):
        yield


def rows(count=ROWS, first=1):
    return [enterprise_row(serial) for serial in range(first, first + count)]


def fresh(enterprise_import):
    return EnterpriseImport.objects.get(pk=enterprise_import.pk)


@pytest.fixture
def progress_seen(monkeypatch):
    """Each progress the worker records, as (rows done, rows), read back from the database
    as the import's page would."""
    monkeypatch.setattr(imports, "PROGRESS_EVERY", 3)
    seen = []
    make = imports._progress_of

    def spying(enterprise_import):
        record = make(enterprise_import)

        def recorded(done, total):
            record(done, total)
            stored = fresh(enterprise_import)
            seen.append((stored.status, stored.rows_done, stored.row_count))

        return recorded

    monkeypatch.setattr(imports, "_progress_of", spying)
    return seen


def test_a_large_workbook_is_kept_as_being_checked_and_the_worker_checks_it(
    park, user, django_capture_on_commit_callbacks, progress_seen
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pending = imports.check_workbook(park, workbook_file(rows()), actor=user)

    assert (pending.status, pending.row_count, pending.rows_done, len(callbacks)) == (
        enums.ImportStatus.CHECKING,
        ROWS,
        0,
        1,
    )
    assert not AuditEntry.objects.filter(action="orgs.enterprise_import.checked").exists()

    callbacks[0]()  # the task, as the worker runs it

    checked = fresh(pending)
    assert (checked.status, checked.row_count, checked.rows_done, checked.errors) == (
        enums.ImportStatus.CHECKED,
        ROWS,
        ROWS,
        [],
    )
    assert progress_seen == [
        (enums.ImportStatus.CHECKING, 3, ROWS),
        (enums.ImportStatus.CHECKING, 6, ROWS),
    ]
    assert AuditEntry.objects.get(action="orgs.enterprise_import.checked").data == {
        "rows": ROWS,
        "errors": 0,
    }


def test_a_small_workbook_is_still_checked_at_once(park, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        checked = imports.check_workbook(park, workbook_file(rows(5)), actor=user)

    assert (checked.status, callbacks) == (enums.ImportStatus.CHECKED, [])


def checked_in_background(park, user, capture):
    with capture(execute=True):
        return fresh(imports.check_workbook(park, workbook_file(rows()), actor=user))


def test_a_large_import_is_left_to_the_worker_which_writes_it_whole(
    park, user, django_capture_on_commit_callbacks, progress_seen
):
    checked = checked_in_background(park, user, django_capture_on_commit_callbacks)
    progress_seen.clear()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        importing = imports.run_import(checked, actor=user)

    assert (importing.status, fresh(importing).status) == (enums.ImportStatus.IMPORTING,) * 2
    assert not Enterprise.objects.filter(name__startswith="之江影视").exists()
    with pytest.raises(Exception, match="already been dealt with"):
        imports.run_import(fresh(importing), actor=user)

    callbacks[0]()

    done = fresh(importing)
    assert (done.status, done.rows_done) == (enums.ImportStatus.IMPORTED, ROWS)
    assert Enterprise.objects.filter(name__startswith="之江影视", park=park).count() == ROWS
    assert [status for status, _done, _total in progress_seen] == [enums.ImportStatus.IMPORTING] * 2
    assert AuditEntry.objects.filter(action="orgs.enterprise.created", actor=user).count() == ROWS


def test_a_background_import_is_all_or_nothing(park, user, django_capture_on_commit_callbacks):
    checked = checked_in_background(park, user, django_capture_on_commit_callbacks)
    services.register_enterprise(
        actor=user,
        name="抢先登记企业",
        credit_code=credit_code(8, prefix="91330106MB"),
        category=IndustryCategoryFactory(),
    )

    with django_capture_on_commit_callbacks(execute=True):
        imports.run_import(checked, actor=user)

    rejected = fresh(checked)
    assert (rejected.status, [(e["row"], e["value"]) for e in rejected.errors]) == (
        enums.ImportStatus.REJECTED,
        [(9, credit_code(8, prefix="91330106MB"))],
    )
    assert not Enterprise.objects.filter(name__startswith="之江影视").exists()


def test_a_worker_that_fails_leaves_no_import_in_progress(
    park, user, django_capture_on_commit_callbacks, monkeypatch
):
    checked = checked_in_background(park, user, django_capture_on_commit_callbacks)

    def broken(*args, **kwargs):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(services, "register_enterprises", broken)
    with django_capture_on_commit_callbacks(execute=True):
        imports.run_import(checked, actor=user)  # the worker logs the failure

    failed = fresh(checked)
    assert (failed.status, failed.errors[0]["message"]) == (
        enums.ImportStatus.REJECTED,
        "The workbook could not be processed, and nothing was imported. Try again later.",
    )
    assert not Enterprise.objects.filter(name__startswith="之江影视").exists()


# The import's page -----------------------------------------------------------------------------


def test_the_page_of_an_import_in_progress_shows_a_bar_that_asks_again_every_two_seconds(
    client, park, user, django_capture_on_commit_callbacks
):
    sign_in(client, park)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pending = imports.check_workbook(park, workbook_file(rows()), actor=user)
    url = reverse("park:import_detail", args=[pending.pk])
    EnterpriseImport.objects.filter(pk=pending.pk).update(rows_done=2)

    page = client.get(url).content.decode()
    poll = client.get(url, headers={"HX-Request": "true", "HX-Target": "import-progress"})

    assert 'hx-trigger="every 2s"' in page
    assert '<progress class="w-100" id="import-progress-bar" max="8" value="2"' in page
    assert "2 of 8 rows checked (25%)." in page
    assert poll.status_code == 200
    assert poll.content.decode().strip().startswith('<div id="import-progress"')
    assert "<html" not in poll.content.decode()

    callbacks[0]()
    finished = client.get(url, headers={"HX-Request": "true", "HX-Target": "import-progress"})
    page = client.get(url).content.decode()

    assert (finished.status_code, finished["HX-Refresh"]) == (200, "true")
    assert "every 2s" not in page
    assert "Every row is correct: 8 enterprises are ready to be imported." in page


def test_importing_a_large_workbook_from_its_page_leads_back_to_its_progress(
    client, park, user, django_capture_on_commit_callbacks
):
    sign_in(client, park)
    checked = checked_in_background(park, user, django_capture_on_commit_callbacks)
    url = reverse("park:import_detail", args=[checked.pk])

    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(url, follow=True)

    assert response.redirect_chain == [(url, 302)]
    page = response.content.decode()
    assert "The enterprises are being imported. This page shows how far it has got." in page
    assert 'hx-trigger="every 2s"' in page


def test_a_workbook_bomb_is_refused_at_the_file_field_of_the_upload_page(client, park):
    sign_in(client, park)
    bomb = SimpleUploadedFile("名录.xlsx", blank_rows_bomb())

    response = client.post(reverse("park:import_list"), {"workbook": bomb})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "workbook": [
            "The workbook is packed unusually tightly (a part of it grows more than 200 times "
            "when unpacked), as large empty areas do. Copy the table into a new workbook and "
            "check that one."
        ]
    }
    assert not EnterpriseImport.objects.exists()
