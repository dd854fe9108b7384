"""The demo's awards story: the 2022 industry TV selection, judged, awarded and certified."""

from collections import Counter
from datetime import date

import pytest

from cloudpark.awards import enums
from cloudpark.awards.models import Certificate, Entry, Exclusion, Result, Scheme
from cloudpark.core.models import AuditEntry

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 30)


@pytest.fixture
def scheme(demo):
    return Scheme.objects.get(code="HYTV", edition=29)


def test_the_selection_is_final_and_tied_to_the_february_2023_ceremony(scheme):
    assert (scheme.state, scheme.final_on, scheme.ceremony.starts_at.date()) == (
        enums.SchemeState.FINAL,
        date(2023, 1, 4),
        date(2023, 2, 15),
    )
    assert list(scheme.categories.values_list("name", flat=True)) == [
        "纪录片",
        "短视频",
        "宣传片",
        "行业新闻",
        "科教",
        "文艺节目",
    ]


def test_the_insider_juror_is_kept_off_the_demo_enterprises_works(scheme):
    excluded = list(
        Exclusion.objects.filter(juror__name="沈嘉树").values_list("entry__title", "reason")
    )

    assert sorted(excluded) == [
        ("《一根丝的旅程》", enums.ExclusionReason.SUBMITTER),
        ("《钱塘潮声》", enums.ExclusionReason.SUBMITTER),
    ]


def test_every_award_has_a_certificate_and_results_show_every_measure(scheme):
    awarded = Entry.objects.filter(scheme=scheme, state=enums.EntryState.AWARDED)

    numbers = sorted(Certificate.objects.filter(entry__in=awarded).values_list("number", flat=True))

    assert numbers == [
        "HYTV-2022-DOC-001",
        "HYTV-2022-DOC-002",
        "HYTV-2022-DOC-003",
        "HYTV-2022-SV-001",
        "HYTV-2022-SV-002",
    ]
    assert not Result.objects.filter(round__scheme=scheme, trimmed_mean__isnull=True).exists()


def test_every_step_of_the_story_is_in_the_audit_log(scheme):
    actions = Counter(
        AuditEntry.objects.filter(action__startswith="awards.").values_list("action", flat=True)
    )

    assert {
        code: actions[code]
        for code in (
            "awards.entry.submitted",
            "awards.entry.eligible",
            "awards.juror.appointed",
            "awards.round.assigned",
            "awards.entry.objection_raised",
            "awards.entry.objection_answered",
            "awards.certificate.issued",
        )
    } == {
        "awards.entry.submitted": 6,
        "awards.entry.eligible": 6,
        "awards.juror.appointed": 7,
        "awards.round.assigned": 1,
        "awards.entry.objection_raised": 1,
        "awards.entry.objection_answered": 1,
        "awards.certificate.issued": 5,
    }
