"""The award endpoints apply the same rules as the pages."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from cloudpark.awards import enums, services
from cloudpark.awards.models import BallotReceipt, Entry, Score, Vote
from tests.factories import EnterpriseFactory, MembershipFactory
from tests.factories.awards import (
    assigned_round,
    eligible_entry,
    final_scheme,
    judging,
    jury,
    open_scheme,
)
from tests.factories.programs import admin_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


def test_the_schema_lists_the_award_endpoints(tmp_path):
    schema_file = tmp_path / "schema.yml"

    call_command("spectacular", "--fail-on-warn", "--file", str(schema_file))

    schema = schema_file.read_text()
    for path in (
        "/api/v1/award-schemes/:",
        "/api/v1/award-entries/{id}/submit/:",
        "/api/v1/jury-assignments/{id}/score/:",
        "/api/v1/award-certificates/{number}/:",
        "/api/v1/government/award-schemes/{id}/publish/:",
        "/api/v1/government/award-rounds/{id}/results/:",
    ):
        assert path in schema


def _entry_body(scheme, **values):
    return {
        "scheme": scheme.pk,
        "category": scheme.categories.get(code="DOC").pk,
        "title": "《大河之北》",
        "recommender_name": "某省广播电视局",
        "broadcast_on": scheme.eligible_from.isoformat(),
        "column": "行业视点",
        "length_seconds": 1520,
        "recommendation": "同意推荐。",
        "credits": [{"name": "李明", "role": "导演"}],
        **values,
    }


def test_an_enterprise_drafts_an_entry(api):
    scheme = open_scheme()
    enterprise = EnterpriseFactory()
    api.force_authenticate(admin_of(enterprise))

    response = api.post(reverse("api:award-entry-list"), _entry_body(scheme), format="json")

    assert response.status_code == 201
    assert (response.data["state"], response.data["submitter"]) == ("draft", enterprise.pk)


def test_a_work_outside_the_window_is_a_400_at_its_field(api):
    scheme = open_scheme()
    api.force_authenticate(admin_of(EnterpriseFactory()))

    response = api.post(
        reverse("api:award-entry-list"),
        _entry_body(scheme, broadcast_on=(scheme.eligible_until + timedelta(days=1)).isoformat()),
        format="json",
    )

    assert response.status_code == 400
    assert "outside" in str(response.data)
    assert Entry.objects.count() == 0


def test_submitting_without_the_sealed_recommendation_is_a_400(api):
    scheme = open_scheme()
    enterprise = EnterpriseFactory()
    api.force_authenticate(admin_of(enterprise))
    created = api.post(reverse("api:award-entry-list"), _entry_body(scheme), format="json")

    response = api.post(reverse("api:award-entry-submit", args=[created.data["id"]]))

    assert response.status_code == 400
    assert "seal" in str(response.data)
    assert Entry.objects.get().state == enums.EntryState.DRAFT


def test_staff_may_not_enter_works(api):
    scheme = open_scheme()
    enterprise = EnterpriseFactory()
    api.force_authenticate(MembershipFactory(organization=enterprise, role="staff").user)

    response = api.post(reverse("api:award-entry-list"), _entry_body(scheme), format="json")

    assert response.status_code == 403


@pytest.fixture
def open_round():
    scheme = open_scheme()
    entry = eligible_entry(scheme, EnterpriseFactory())
    jurors = jury(scheme, 5)
    judging(scheme)
    return assigned_round(scheme), entry, jurors


def test_a_juror_scores_through_the_api(api, open_round):
    judging_round, _entry, jurors = open_round
    assignment = jurors[0].assignments.get()
    api.force_authenticate(jurors[0].user)
    body = {
        "scores": [
            {"criterion": c.pk, "value": "8.5", "comment": "好"}
            for c in judging_round.scheme.criteria.all()
        ]
    }

    response = api.post(
        reverse("api:jury-assignment-score", args=[assignment.pk]), body, format="json"
    )

    assert response.status_code == 200
    assert response.data["state"] == "done"
    assert Score.objects.count() == 3


def test_a_score_off_the_scale_is_a_400_and_nothing_is_saved(api, open_round):
    judging_round, _entry, jurors = open_round
    assignment = jurors[0].assignments.get()
    api.force_authenticate(jurors[0].user)
    body = {
        "scores": [{"criterion": c.pk, "value": "-1"} for c in judging_round.scheme.criteria.all()]
    }

    response = api.post(
        reverse("api:jury-assignment-score", args=[assignment.pk]), body, format="json"
    )

    assert response.status_code == 400
    assert "outside the scale" in str(response.data)
    assert Score.objects.count() == 0


def test_another_jurors_assignment_is_not_found(api, open_round):
    _judging_round, _entry, jurors = open_round
    api.force_authenticate(jurors[1].user)

    response = api.post(
        reverse("api:jury-assignment-score", args=[jurors[0].assignments.get().pk]),
        {"scores": []},
        format="json",
    )

    assert response.status_code == 404


def test_the_certificate_answers_410_once_revoked(api):
    scheme, (first, _second) = final_scheme()
    owner = admin_of(scheme.owner)
    certificate = services.issue_certificate(first, actor=owner)
    url = reverse("api:award-certificate-detail", args=[certificate.number])
    valid = api.get(url)

    services.revoke_certificate(certificate, actor=owner, reason="资格撤销。")

    revoked = api.get(url)
    assert (valid.status_code, valid.data["status"]) == (200, "valid")
    assert (revoked.status_code, revoked.data["revoked"]) == (410, True)


def test_the_organisers_read_a_rounds_results(api):
    scheme, (first, second) = final_scheme()
    api.force_authenticate(admin_of(scheme.owner))

    response = api.get(reverse("api:government-award-round-results", args=[scheme.rounds.get().pk]))

    assert [(row["entry"], row["rank"], row["trimmed_mean"]) for row in response.data] == [
        (first.pk, 1, "9.000"),
        (second.pk, 2, "8.000"),
    ]


def test_another_bodys_round_is_not_found(api):
    scheme, _entries = final_scheme()
    other = open_scheme()
    api.force_authenticate(admin_of(other.owner))

    response = api.get(reverse("api:government-award-round-results", args=[scheme.rounds.get().pk]))

    assert response.status_code == 404


API_LISTS = [
    # (url name, who signs in, expected queries)
    ("api:award-scheme-list", None, 8),
    ("api:award-entry-list", "enterprise", 4),
    ("api:jury-assignment-list", "juror", 4),
    ("api:government-award-scheme-list", "owner", 9),
    ("api:jury-round-list", "juror", 5),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "who", "queries"), API_LISTS)
def test_the_lists_query_count_does_not_grow_with_rows(
    api, django_assert_num_queries, rows, name, who, queries
):
    from tests.awards.test_pages import _lists

    world = _lists(rows)
    if who == "enterprise":
        api.force_authenticate(admin_of(world["enterprise"]))
    elif who is not None:
        api.force_authenticate(world[who])

    with django_assert_num_queries(queries):
        response = api.get(reverse(name))

    assert response.status_code == 200


@pytest.fixture
def ballot_round():
    scheme = open_scheme(rounds=(("first", "ballot"), ("final", "scored")))
    entries = [eligible_entry(scheme, EnterpriseFactory(), title=t) for t in ("甲", "乙", "丙")]
    jurors = jury(scheme, 5)
    judging(scheme)
    return assigned_round(scheme, enums.RoundKind.FIRST), entries, jurors


def _refused_field(response):
    """The field a 400 names: a business rule's ``field``, or the serializer's one key."""
    body = response.json()
    return body.get("field") or next(iter(body))


def test_a_juror_sees_their_round_with_a_ballot_per_category(api, ballot_round):
    judging_round, entries, jurors = ballot_round
    api.force_authenticate(jurors[0].user)

    response = api.get(reverse("api:jury-round-detail", args=[judging_round.pk]))

    assert response.status_code == 200
    assert response.json()["ballots"] == [
        {"category": entries[0].category_id, "code": "DOC", "quota": 2, "voted": False}
    ]


def test_an_anonymous_ballot_over_the_api_keeps_no_juror_on_its_votes(api, ballot_round):
    judging_round, entries, jurors = ballot_round
    api.force_authenticate(jurors[0].user)

    response = api.post(
        reverse("api:jury-round-ballot", args=[judging_round.pk]),
        {"category": entries[0].category_id, "entries": [entries[0].pk, entries[1].pk]},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["ballots"][0]["voted"] is True
    assert list(Vote.objects.values_list("juror", flat=True)) == [None, None]
    assert BallotReceipt.objects.get().juror == jurors[0]


def test_a_ballot_over_the_quota_is_refused_at_its_field(api, ballot_round):
    judging_round, entries, jurors = ballot_round
    api.force_authenticate(jurors[0].user)

    response = api.post(
        reverse("api:jury-round-ballot", args=[judging_round.pk]),
        {"category": entries[0].category_id, "entries": [entry.pk for entry in entries]},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["field"] == "entries"
    assert "at most 2 works; this one names 3" in response.json()["detail"]
    assert (BallotReceipt.objects.count(), Vote.objects.count()) == (0, 0)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"category": 0, "entries": []}, "category"),
        ({"entries": []}, "category"),
        ({"category": None, "entries": [0]}, "category"),
    ],
)
def test_a_ballot_without_a_category_of_the_scheme_is_refused(api, ballot_round, body, field):
    judging_round, _entries, jurors = ballot_round
    api.force_authenticate(jurors[0].user)

    response = api.post(
        reverse("api:jury-round-ballot", args=[judging_round.pk]), body, format="json"
    )

    assert response.status_code == 400
    assert _refused_field(response) == field
    assert (BallotReceipt.objects.count(), Vote.objects.count()) == (0, 0)


def test_a_ballot_naming_a_work_of_another_scheme_is_refused(api, ballot_round):
    judging_round, entries, jurors = ballot_round
    stranger = eligible_entry(open_scheme(), EnterpriseFactory(), title="外")
    api.force_authenticate(jurors[0].user)

    response = api.post(
        reverse("api:jury-round-ballot", args=[judging_round.pk]),
        {"category": entries[0].category_id, "entries": [stranger.pk]},
        format="json",
    )

    assert response.status_code == 400
    assert _refused_field(response) == "entries"
    assert Vote.objects.count() == 0


def test_a_round_the_caller_does_not_judge_is_not_found(api, ballot_round):
    judging_round, entries, _jurors = ballot_round
    api.force_authenticate(MembershipFactory().user)

    response = api.post(
        reverse("api:jury-round-ballot", args=[judging_round.pk]),
        {"category": entries[0].category_id, "entries": [entries[0].pk]},
        format="json",
    )

    assert response.status_code == 404
    assert Vote.objects.count() == 0
