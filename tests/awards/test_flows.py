"""The award pages and endpoints a whole scheme passes through, beyond the first steps: an
entry edited before submission, a ballot round, recusal, the chair's progress, objections
answered, results sent back, certificates revoked, and the organisers' API."""

from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cloudpark.awards import enums, services
from cloudpark.awards.models import Assignment, BallotReceipt, Objection, Scheme, Vote
from cloudpark.core.errors import DomainError
from tests.factories import EnterpriseFactory, GovernmentBodyFactory, UserFactory
from tests.factories.awards import (
    SchemeFactory,
    assigned_round,
    drafted_entry,
    eligible_entry,
    final_scheme,
    judging,
    jury,
    open_scheme,
    published_scheme,
    sealed_scan,
)
from tests.factories.programs import admin_of

pytestmark = pytest.mark.django_db


def test_an_enterprise_edits_its_draft_from_the_form(client):
    scheme = open_scheme()
    enterprise = EnterpriseFactory()
    entry = drafted_entry(scheme, enterprise)
    client.force_login(admin_of(enterprise))
    form = client.get(reverse("enterprise:award_entry_edit", args=[entry.pk])).context["form"]

    response = client.post(
        reverse("enterprise:award_entry_edit", args=[entry.pk]),
        {
            **{name: value for name, value in form.initial.items() if value is not None},
            "category": scheme.categories.get(code="SV").pk,
            "title": "《山海之间》（修订版）",
            "minutes": "3",
            "seconds": "5",
            "recommendation_scan": sealed_scan("新推荐表.pdf"),
        },
    )

    entry.refresh_from_db()
    assert response.status_code == 302, response.context["form"].errors
    assert (entry.title, entry.category.code, entry.length_seconds) == (
        "《山海之间》（修订版）",
        "SV",
        185,
    )


def test_a_submitted_entry_cannot_be_edited():
    scheme = open_scheme()
    enterprise = EnterpriseFactory()
    entry = services.submit_entry(drafted_entry(scheme, enterprise), actor=admin_of(enterprise))

    with pytest.raises(DomainError):
        services.update_entry(entry, actor=admin_of(enterprise), title="另一个标题")


@pytest.fixture
def ballot_round():
    scheme = open_scheme(rounds=(("first", "named_vote"), ("final", "scored")))
    entries = [eligible_entry(scheme, EnterpriseFactory(), title=t) for t in ("甲", "乙", "丙")]
    jurors = jury(scheme, 5, chair=True)
    judging(scheme)
    return assigned_round(scheme, enums.RoundKind.FIRST), entries, jurors


def test_a_juror_votes_by_name_from_the_ballot_page(client, ballot_round):
    judging_round, entries, jurors = ballot_round
    client.force_login(jurors[0].user)
    url = reverse("individual:jury_ballot", args=[judging_round.pk, entries[0].category_id])

    page = client.get(url)
    client.post(url, {"entries": [entries[0].pk, entries[1].pk]})

    assert page.context["quota"] == 2
    assert sorted(Vote.objects.values_list("juror", "entry")) == sorted(
        [(jurors[0].pk, entries[0].pk), (jurors[0].pk, entries[1].pk)]
    )


def test_a_juror_recuses_from_the_page_and_the_chair_sees_it_in_progress(client, ballot_round):
    judging_round, entries, jurors = ballot_round
    assignment = Assignment.objects.get(juror=jurors[0], entry=entries[0])
    client.force_login(jurors[0].user)
    client.post(
        reverse("individual:jury_recuse", args=[assignment.pk]), {"reason": "曾参与该片策划。"}
    )
    client.force_login(jurors[-1].user)

    progress = client.get(reverse("individual:jury_progress", args=[judging_round.pk]))

    rows = {juror.name: juror.recused for juror in progress.context["progress"]}
    assert rows["评委1"] == 1
    assert progress.context["has_quorum"] is False


def test_a_non_chair_does_not_see_the_progress(client, ballot_round):
    judging_round, _entries, jurors = ballot_round
    client.force_login(jurors[0].user)

    response = client.get(reverse("individual:jury_progress", args=[judging_round.pk]))

    assert response.status_code == 404


def test_the_organisers_answer_an_objection_and_revoke_a_certificate_from_their_pages(client):
    scheme, (first, _second) = final_scheme()
    owner = admin_of(scheme.owner)
    certificate = services.issue_certificate(first, actor=owner)
    objection = Objection.objects.create(
        scheme=scheme, entry=first, name="赵强", contact="1", text="播出日期有误，请核实。"
    )
    client.force_login(owner)

    client.post(
        reverse("government:award_objection_answer", args=[objection.pk]),
        {"outcome": "dismissed", "answer": "经核实，播出日期无误。"},
    )
    client.post(
        reverse("government:award_certificate_revoke", args=[certificate.pk]),
        {"reason": "证书信息有误。"},
    )

    objection.refresh_from_db()
    certificate.refresh_from_db()
    assert (objection.state, certificate.status) == (
        enums.ObjectionState.DISMISSED,
        enums.CertificateStatus.REVOKED,
    )


def test_results_sent_back_to_the_jury_reopen_the_final_round():
    scheme, (first, _second) = published_scheme()

    scheme = services.reopen_judging(scheme, actor=admin_of(scheme.owner))

    first.refresh_from_db()
    final = scheme.rounds.get()
    assert (scheme.state, final.state, first.level, final.results.count()) == (
        enums.SchemeState.JUDGING,
        enums.RoundState.OPEN,
        "",
        0,
    )


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"code": "x"}, "code"),
        ({"eligible_until": "2000-01-01"}, "eligible_until"),
    ],
)
def test_a_scheme_with_a_bad_code_or_window_is_refused(values, field):
    government = GovernmentBodyFactory()
    fields = {
        "code": "HYTV",
        "edition": 1,
        "year": 2024,
        "title": "推选",
        "eligible_from": "2023-01-01",
        "eligible_until": "2023-12-31",
        "entries_open_on": "2024-01-01",
        "entries_close_on": "2024-02-01",
        **values,
    }
    for key in ("eligible_from", "eligible_until", "entries_open_on", "entries_close_on"):
        fields[key] = date.fromisoformat(fields[key])

    with pytest.raises(DomainError) as refusal:
        services.create_scheme(owner=government, actor=None, **fields)

    assert (refusal.value.field, Scheme.objects.count()) == (field, 0)


def test_graded_and_plain_levels_are_not_mixed():
    scheme = SchemeFactory()

    with pytest.raises(DomainError) as refusal:
        services.add_category(
            scheme, actor=None, code="DOC", name="纪录片", quotas={"first": 1, "awarded": 3}
        )

    assert refusal.value.field == "quotas"


def test_a_round_before_the_final_says_how_many_go_on():
    scheme = SchemeFactory()

    with pytest.raises(DomainError) as refusal:
        services.add_round(scheme, actor=None, kind="first", mode="scored")

    assert refusal.value.field == "advances"


def test_a_scheme_without_its_set_up_cannot_open():
    scheme = SchemeFactory()

    with pytest.raises(DomainError) as refusal:
        services.open_scheme(scheme, actor=None)

    assert "Add at least one category" in str(refusal.value)


def test_the_organisers_run_a_round_through_the_api():
    scheme = open_scheme()
    entries = [eligible_entry(scheme, EnterpriseFactory(), title=t) for t in ("甲", "乙")]
    jurors = jury(scheme, 5)
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_authenticate(admin_of(scheme.owner))
    final = scheme.rounds.get()

    api.post(reverse("api:government-award-scheme-judge", args=[scheme.pk]))
    api.post(reverse("api:government-award-round-assign", args=[final.pk]))
    for juror in jurors:
        for index, entry in enumerate(entries):
            services.score_entry(
                final,
                entry,
                actor=juror.user,
                scores={c.pk: (9 - index, "") for c in scheme.criteria.all()},
            )
    api.post(reverse("api:government-award-round-close", args=[final.pk]))
    api.post(reverse("api:government-award-round-tally", args=[final.pk]))
    published = api.post(reverse("api:government-award-scheme-publish", args=[scheme.pk]))
    refused = api.post(reverse("api:government-award-scheme-finalise", args=[scheme.pk]))

    assert published.data["state"] == "publicity"
    assert refused.status_code == 400
    assert api.get(reverse("api:government-award-round-detail", args=[final.pk])).data["state"] == (
        "tallied"
    )


def test_a_juror_lists_and_recuses_through_the_api():
    scheme = open_scheme()
    entry = eligible_entry(scheme, EnterpriseFactory())
    jurors = jury(scheme, 5)
    judging(scheme)
    assigned_round(scheme)
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_authenticate(jurors[0].user)
    listed = api.get(reverse("api:jury-assignment-list")).data

    recused = api.post(
        reverse("api:jury-assignment-recuse", args=[listed["results"][0]["id"]]),
        {"reason": "与参评单位有合作。"},
        format="json",
    )

    assert recused.data["state"] == "recused"
    assert recused.data["entry"]["id"] == entry.pk


def test_nobody_else_votes_in_a_ballot_round(ballot_round):
    judging_round, entries, _jurors = ballot_round

    with pytest.raises(DomainError):
        services.cast_ballot(
            judging_round, entries[0].category, actor=UserFactory(), entries=entries[:1]
        )

    assert BallotReceipt.objects.count() == 0
