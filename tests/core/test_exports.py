"""Exports written by the task worker: progress every chunk, kept for their person alone,
deleted once expired."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from cloudpark.core import exports
from cloudpark.core.enums import EXPORT_TRANSITIONS, ExportStatus
from cloudpark.core.errors import TransitionNotAllowed
from cloudpark.core.models import ExportFile
from cloudpark.core.states import check_transition
from tests.factories import ExportFileFactory, UserFactory
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

NUMBERS = "tests.numbers"


@pytest.fixture(autouse=True)
def numbers_kind(media_root):
    """A kind of export of ``filters["count"]`` numbered rows, each noting how many rows the
    export's page would have read as written when the row was asked for."""
    seen = []

    def sheet(export):
        def rows():
            for number in range(1, export.filters["count"] + 1):
                seen.append(ExportFile.objects.get(pk=export.pk).rows_done)
                yield [number]

        return exports.ExportSheet(
            title="Numbers", headers=["Number"], total=export.filters["count"], rows=rows()
        )

    exports.register(NUMBERS, filename="numbers", sheet=sheet)
    with translation.override("en"):
        yield seen
    exports._KINDS.pop(NUMBERS)


def requested(user, count, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        export = exports.request_export(NUMBERS, user=user, filters={"count": count})
    return ExportFile.objects.get(pk=export.pk)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (current, target)
        for current in ExportStatus
        for target in ExportStatus
        if target != current and target not in EXPORT_TRANSITIONS[current]
    ],
)
def test_every_move_outside_the_table_is_refused(current, target):
    with pytest.raises(TransitionNotAllowed):
        check_transition(EXPORT_TRANSITIONS, current, target)


def test_the_worker_records_its_progress_every_chunk(
    user, monkeypatch, numbers_kind, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 2)

    export = requested(user, 5, django_capture_on_commit_callbacks)

    assert numbers_kind == [0, 0, 2, 2, 4]
    assert (export.status, export.rows_total, export.rows_done) == (ExportStatus.READY, 5, 5)
    assert export.finished_at is not None
    assert export.expires_at - export.finished_at == timedelta(days=7)
    assert export.file.name.startswith(f"exports/{user.pk}/numbers-")


def test_a_task_run_twice_writes_the_file_once(user, django_capture_on_commit_callbacks):
    export = requested(user, 2, django_capture_on_commit_callbacks)

    again = exports.write_export(export.pk)

    assert again is None
    assert ExportFile.objects.get(pk=export.pk).file.name == export.file.name


def test_only_the_person_who_asked_downloads_the_file(
    client, user, django_capture_on_commit_callbacks
):
    export = requested(user, 2, django_capture_on_commit_callbacks)
    sign_in(client, user=UserFactory())

    pages = [
        client.get(reverse(name, args=[export.pk])).status_code
        for name in ("individual:export_detail", "individual:export_download")
    ]

    assert pages == [404, 404]


def test_a_file_not_yet_written_is_not_downloaded(client, user):
    export = ExportFileFactory(user=user)
    sign_in(client, user=user)

    response = client.get(reverse("individual:export_download", args=[export.pk]))

    assert response.status_code == 404


def test_expired_exports_are_deleted_files_and_all(
    user, media_root, django_capture_on_commit_callbacks
):
    old = requested(user, 2, django_capture_on_commit_callbacks)
    recent = requested(user, 2, django_capture_on_commit_callbacks)
    ExportFile.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(minutes=1))

    call_command("purge-exports", stdout=open("/dev/null", "w"))  # noqa: SIM115 - discarded

    assert list(ExportFile.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not (media_root / old.file.name).exists()
    assert (media_root / recent.file.name).exists()


def test_my_exports_lists_the_persons_own_newest_first(client, user):
    ExportFileFactory(user=UserFactory(), original_name="someone-else.xlsx")
    ExportFileFactory(user=user, original_name="first.xlsx")
    ExportFileFactory(user=user, original_name="second.xlsx")
    sign_in(client, user=user)

    response = client.get(reverse("individual:export_list"))

    assert [export.original_name for export in response.context["exports"]] == [
        "second.xlsx",
        "first.xlsx",
    ]


def test_my_exports_says_what_it_is_for_when_empty(client, user):
    sign_in(client, user=user)

    page = client.get(reverse("individual:export_list")).content.decode()

    assert "No exports yet" in page
    assert "it is written here in the background" in page


@pytest.mark.parametrize("rows", [1, 3])
def test_my_exports_query_count_does_not_grow_with_rows(
    client, user, django_assert_num_queries, rows
):
    ExportFileFactory.create_batch(rows, user=user)
    sign_in(client, user=user)

    with django_assert_num_queries(6):
        response = client.get(reverse("individual:export_list"))

    assert len(response.context["exports"]) == rows


@pytest.mark.parametrize(
    ("status", "poll_queries"),
    # The poll finds the unread count the page kept; a finished export's poll only asks the
    # page to reload: no menu, no partial.
    [(ExportStatus.RUNNING, 5), (ExportStatus.READY, 3)],
)
def test_an_exports_page_and_its_progress_ask_a_fixed_number_of_queries(
    client, user, django_assert_num_queries, status, poll_queries
):
    export = ExportFileFactory(user=user, status=status, rows_total=10, rows_done=4)
    sign_in(client, user=user)
    url = reverse("individual:export_detail", args=[export.pk])

    with django_assert_num_queries(6):
        page = client.get(url)
    with django_assert_num_queries(poll_queries):
        poll = client.get(url, headers={"HX-Request": "true", "HX-Target": "export-progress"})

    assert (page.context["export"], poll.status_code) == (export, 200)
