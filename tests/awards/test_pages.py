"""The award pages at work: an enterprise enters a work, the organisers take their steps, a
juror scores, the exports, and the query counts of the lists."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cloudpark.awards import enums, services
from cloudpark.awards.models import Entry, Scheme, Score
from tests.factories import EnterpriseFactory, GovernmentBodyFactory, MembershipFactory
from tests.factories.awards import (
    assigned_round,
    eligible_entry,
    final_scheme,
    judging,
    jury,
    open_scheme,
    published_scheme,
    scores_for,
    sealed_scan,
)
from tests.factories.programs import admin_of

pytestmark = pytest.mark.django_db


def test_an_enterprise_enters_a_work_and_submits_it(client):
    scheme = open_scheme()
    enterprise = EnterpriseFactory()
    client.force_login(admin_of(enterprise))

    response = client.post(
        reverse("enterprise:award_entry_create", args=[scheme.pk]),
        {
            "category": scheme.categories.get(code="DOC").pk,
            "title": "《大河之北》",
            "recommender_name": "某省广播电视局",
            "broadcast_on": scheme.eligible_from.isoformat(),
            "column": "行业视点",
            "minutes": "25",
            "seconds": "20",
            "credits": "导演：李明\n撰稿: 周婷",
            "recommendation": "同意推荐。",
            "recommendation_scan": sealed_scan(),
            "media_url": "https://video.example.cn/1",
        },
    )
    entry = Entry.objects.get()
    client.post(reverse("enterprise:award_entry_submit", args=[entry.pk]))

    entry.refresh_from_db()
    assert response["Location"] == reverse("enterprise:award_entry_detail", args=[entry.pk])
    assert (entry.state, entry.length_seconds, list(entry.credits.values_list("role", "name"))) == (
        enums.EntryState.SUBMITTED,
        1520,
        [("导演", "李明"), ("撰稿", "周婷")],
    )


def test_a_work_outside_the_window_is_refused_on_the_form(client):
    scheme = open_scheme()
    enterprise = EnterpriseFactory()
    client.force_login(admin_of(enterprise))

    response = client.post(
        reverse("enterprise:award_entry_create", args=[scheme.pk]),
        {
            "category": scheme.categories.get(code="DOC").pk,
            "title": "《大河之北》",
            "recommender_name": "某省广播电视局",
            "broadcast_on": "2000-01-01",
            "column": "行业视点",
            "minutes": "1",
            "seconds": "0",
            "credits": "导演: 李明",
        },
    )

    assert response.status_code == 200
    assert "outside" in str(response.context["form"].errors["broadcast_on"])
    assert Entry.objects.count() == 0


@pytest.fixture
def open_round():
    scheme = open_scheme()
    entry = eligible_entry(scheme, EnterpriseFactory())
    jurors = jury(scheme, 5)
    judging(scheme)
    return assigned_round(scheme), entry, jurors


def _score_post(judging_round, value):
    data = {}
    for criterion in judging_round.scheme.criteria.all():
        data[f"criterion_{criterion.pk}"] = value
        data[f"comment_{criterion.pk}"] = "画面讲究。"
    return data


def test_a_juror_scores_from_their_workspace(client, open_round):
    judging_round, _entry, jurors = open_round
    assignment = jurors[0].assignments.get()
    client.force_login(jurors[0].user)

    response = client.post(
        reverse("individual:jury_assignment", args=[assignment.pk]),
        _score_post(judging_round, "8.5"),
    )

    assert response["Location"] == reverse("individual:jury")
    assert sorted(Score.objects.values_list("value", flat=True)) == [8.5, 8.5, 8.5]


def test_a_score_off_the_scale_is_shown_on_the_form_and_nothing_is_saved(client, open_round):
    judging_round, _entry, jurors = open_round
    assignment = jurors[0].assignments.get()
    client.force_login(jurors[0].user)

    response = client.post(
        reverse("individual:jury_assignment", args=[assignment.pk]),
        _score_post(judging_round, "12"),
    )

    assert response.status_code == 200
    assert "outside the scale" in str(response.context["form"].errors)
    assert Score.objects.count() == 0


def test_a_juror_does_not_see_another_jurors_scores_while_the_round_is_open(client, open_round):
    judging_round, entry, jurors = open_round
    services.score_entry(
        judging_round, entry, actor=jurors[1].user, scores=scores_for(judging_round.scheme, "3")
    )
    client.force_login(jurors[0].user)

    response = client.get(
        reverse("individual:jury_assignment", args=[jurors[0].assignments.get().pk])
    )

    assert list(response.context["visible_scores"]) == []


def test_the_organisers_close_a_round_and_export_its_scores(client, open_round):
    judging_round, entry, jurors = open_round
    for juror in jurors:
        services.score_entry(
            judging_round, entry, actor=juror.user, scores=scores_for(judging_round.scheme, "7")
        )
    client.force_login(admin_of(judging_round.scheme.owner))
    export = reverse("government:award_scores_export", args=[judging_round.pk])
    before = client.get(export)

    client.post(reverse("government:award_round_step", args=[judging_round.pk, "close"]))
    workbook = load_workbook(io.BytesIO(client.get(export).content))

    judging_round.refresh_from_db()
    assert before.status_code == 302
    assert judging_round.state == enums.RoundState.CLOSED
    assert workbook.active.max_row == 1 + 5 * 3


def test_a_refused_step_shows_its_reason_and_changes_nothing(client):
    scheme = open_scheme()
    client.force_login(admin_of(scheme.owner))

    response = client.post(
        reverse("government:award_scheme_step", args=[scheme.pk, "publish"]), follow=True
    )

    scheme.refresh_from_db()
    assert scheme.state == enums.SchemeState.OPEN
    assert "Results are published from judging." in response.content.decode()


def test_staff_cannot_take_a_step(client):
    scheme = open_scheme()
    client.force_login(MembershipFactory(organization=scheme.owner, role="staff").user)

    response = client.post(reverse("government:award_scheme_step", args=[scheme.pk, "judge"]))

    scheme.refresh_from_db()
    assert (response.status_code, scheme.state) == (403, enums.SchemeState.OPEN)


def test_another_bodys_scheme_is_not_found_for_a_step(client):
    scheme = open_scheme()
    other = open_scheme()
    client.force_login(admin_of(other.owner))

    response = client.post(reverse("government:award_scheme_step", args=[scheme.pk, "judge"]))

    assert response.status_code == 404


def test_the_tally_exports_every_measure_side_by_side(client):
    scheme, _entries = final_scheme()
    client.force_login(admin_of(scheme.owner))
    final = scheme.rounds.get()

    response = client.get(
        reverse("government:award_round_detail", args=[final.pk]) + "?format=xlsx"
    )

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]][4:7] == ["Mean", "Trimmed mean", "Normalised score"]
    assert [cell.value for cell in sheet[2]][4:7] == [9.0, 9.0, 9.0]


def test_the_enterprise_public_page_shows_its_awards(client):
    scheme, (first, _second) = final_scheme()
    certificate = services.issue_certificate(first, actor=admin_of(scheme.owner))

    response = client.get(reverse("public:enterprise_detail", args=[first.submitter_id]))

    assert certificate.number in response.content.decode()


def _lists(count):
    scheme = open_scheme()
    enterprise = EnterpriseFactory()
    entries = [eligible_entry(scheme, enterprise, title=f"作品{n}") for n in range(count)]
    jurors = jury(scheme, 5)
    judging(scheme)
    judging_round = assigned_round(scheme)
    for juror in jurors:
        for entry in entries:
            services.score_entry(
                judging_round, entry, actor=juror.user, scores=scores_for(scheme, "8")
            )
    owner = admin_of(scheme.owner)
    services.close_round(judging_round, actor=owner)
    services.tally_round(judging_round, actor=owner)
    return {
        "scheme": scheme,
        "round": judging_round,
        "enterprise": enterprise,
        "owner": owner,
        "juror": jurors[0].user,
    }


LIST_PAGES = [
    # (url name, who signs in, the object the url takes, expected queries)
    ("enterprise:award_entry_list", "enterprise", None, 11),
    ("government:award_scheme_list", "owner", None, 9),
    ("public:award_scheme_list", None, None, 2),
    ("government:award_round_detail", "owner", "round", 16),
    ("individual:jury", "juror", None, 9),
    ("public:award_entry_notice", None, "scheme", 10),
    ("public:award_results", None, "scheme", 8),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "who", "argument", "queries"), LIST_PAGES)
def test_list_pages_query_count_does_not_grow_with_rows(
    client, django_assert_num_queries, rows, name, who, argument, queries
):
    world = _lists(rows)
    if who == "enterprise":
        client.force_login(admin_of(world["enterprise"]))
    elif who is not None:
        client.force_login(world[who])
    url = reverse(name, args=[world[argument].pk] if argument else [])

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200


def test_the_organisers_appoint_a_juror_who_brings_their_memberships(client):
    scheme = open_scheme()
    enterprise = EnterpriseFactory()
    person = MembershipFactory(organization=enterprise, role="staff").user
    client.force_login(admin_of(scheme.owner))

    response = client.post(
        reverse("government:award_juror_create", args=[scheme.pk]),
        {"email": person.email, "name": "韩桥", "title": "摄影师", "is_voting": "on"},
    )

    juror = scheme.jurors.get()
    assert response["Location"] == reverse("government:award_scheme_detail", args=[scheme.pk])
    assert (juror.name, juror.is_voting, [a.organization_id for a in juror.affiliations.all()]) == (
        "韩桥",
        True,
        [enterprise.pk],
    )


def test_an_objection_received_through_the_channel_is_recorded_against_the_entry(client):
    scheme, (first, _second) = published_scheme()
    client.force_login(admin_of(scheme.owner))

    client.post(
        reverse("government:award_objection_create", args=[first.pk]),
        {"name": "赵强", "contact": "13800000000", "text": "该片播出日期与推荐表不一致，请核实。"},
    )

    objection = first.objections.get()
    assert (objection.name, objection.scores_seen["final"]["rank"]) == ("赵强", 1)


def test_the_organisers_set_a_scheme_up_and_open_it(client):
    government = GovernmentBodyFactory()
    client.force_login(admin_of(government))

    created = client.post(
        reverse("government:award_scheme_create"),
        {
            "code": "hytv",
            "edition": "30",
            "year": "2023",
            "title": "2023年度行业电视节目优秀作品推选",
            "eligible_from": "2022-07-01",
            "eligible_until": "2023-06-30",
            "entries_open_on": "2023-06-05",
            "entries_close_on": "2099-08-05",
            "scale_min": "0",
            "scale_max": "10",
            "objection_channel": "推选办公室，电话 010-12345678",
        },
    )
    scheme = Scheme.objects.get()
    for name, data in (
        ("category", {"code": "DOC", "name": "纪录片", "quota_first": "2", "quota_second": "3"}),
        ("criterion", {"name": "思想性", "weight": "4"}),
        ("round", {"kind": "final", "mode": "scored", "quorum": "0.80", "rank_by": "trimmed"}),
        ("organizer", {"role": "host", "name": "中国视协行业电视委员会"}),
    ):
        client.post(reverse(f"government:award_{name}_create", args=[scheme.pk]), data)
    client.post(reverse("government:award_scheme_step", args=[scheme.pk, "open"]))

    scheme.refresh_from_db()
    assert created["Location"] == reverse("government:award_scheme_detail", args=[scheme.pk])
    assert (scheme.code, scheme.state) == ("HYTV", enums.SchemeState.OPEN)
    assert scheme.categories.get().quota_by_level == {
        enums.AwardLevel.FIRST: 2,
        enums.AwardLevel.SECOND: 3,
    }
