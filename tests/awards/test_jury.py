"""The jury: the rules at set-up, the conflict-free assignment with its reasons, recusal."""

from datetime import date

import pytest

from cloudpark.awards import enums, services
from cloudpark.awards.models import Assignment, Exclusion, Juror
from cloudpark.core.errors import DomainError
from tests.factories import (
    EnterpriseFactory,
    MembershipFactory,
    OtherOrganizationFactory,
    UserFactory,
)
from tests.factories.awards import eligible_entry, judging, jury, open_scheme
from tests.factories.programs import admin_of

pytestmark = pytest.mark.django_db


def test_a_juror_brings_their_memberships_as_dated_affiliations():
    scheme = open_scheme()
    enterprise = EnterpriseFactory()
    user = MembershipFactory(organization=enterprise, role="staff").user

    juror = services.appoint_juror(scheme, actor=admin_of(scheme.owner), user=user, name="王芳")

    assert [(a.organization_id, a.source) for a in juror.affiliations.all()] == [
        (enterprise.pk, enums.AffiliationSource.MEMBERSHIP)
    ]


def test_a_third_consecutive_edition_is_refused():
    owner_scheme = open_scheme(code="HYTV", edition=1)
    user = UserFactory()
    services.appoint_juror(owner_scheme, actor=None, user=user, name="张伟")
    second = open_scheme(owner_scheme.owner, code="HYTV", edition=2)
    services.appoint_juror(second, actor=None, user=user, name="张伟")
    third = open_scheme(owner_scheme.owner, code="HYTV", edition=3)

    with pytest.raises(DomainError) as refusal:
        services.appoint_juror(third, actor=None, user=user, name="张伟")

    assert (Juror.objects.filter(scheme=third).count(), "consecutive" in str(refusal.value)) == (
        0,
        True,
    )


def test_only_the_chair_may_sit_without_a_vote():
    scheme = open_scheme()

    with pytest.raises(DomainError) as refusal:
        services.appoint_juror(scheme, actor=None, user=UserFactory(), name="赵", is_voting=False)

    assert refusal.value.field == "is_voting"


def test_too_few_jurors_for_the_quorum_is_a_problem_and_blocks_assignment():
    scheme = open_scheme()
    eligible_entry(scheme, EnterpriseFactory())
    jury(scheme, 4)
    judging(scheme)

    with pytest.raises(DomainError) as refusal:
        services.assign_round(scheme.rounds.get(), actor=admin_of(scheme.owner))

    assert "the quorum needs at least 5" in str(refusal.value)
    assert Assignment.objects.count() == 0


def test_more_than_a_third_returning_is_a_problem():
    first = open_scheme(code="HYTV", edition=1)
    returning = jury(first, 2)
    second = open_scheme(first.owner, code="HYTV", edition=2)
    for juror in returning:
        services.appoint_juror(second, actor=None, user=juror.user, name=juror.name)
    jury(second, 3)

    problems = services.jury_problems(second)

    assert problems == ["2 of 5 jurors sat on the last edition's jury; at most a third may return."]


def test_assignment_keeps_a_juror_off_their_own_units_work_and_says_why():
    scheme = open_scheme()
    enterprise = EnterpriseFactory(name="星河影视有限公司")
    entry = eligible_entry(scheme, enterprise)
    jurors = jury(scheme, 5)
    insider = MembershipFactory(organization=enterprise, role="staff").user
    own = services.appoint_juror(scheme, actor=None, user=insider, name="刘洋")
    judging(scheme)

    services.assign_round(scheme.rounds.get(), actor=admin_of(scheme.owner))

    assert set(Assignment.objects.filter(entry=entry).values_list("juror", flat=True)) == {
        juror.pk for juror in jurors
    }
    assert list(Exclusion.objects.values_list("juror", "reason", "detail")) == [
        (own.pk, enums.ExclusionReason.SUBMITTER, "星河影视有限公司")
    ]
    entry.refresh_from_db()
    assert entry.state == enums.EntryState.JUDGING


def test_a_past_affiliation_ended_before_the_window_does_not_exclude():
    scheme = open_scheme()
    enterprise = EnterpriseFactory()
    entry = eligible_entry(scheme, enterprise)
    jury(scheme, 5)
    former = services.appoint_juror(scheme, actor=None, user=UserFactory(), name="陈")
    services.declare_affiliation(
        former,
        actor=None,
        organization=enterprise,
        starts_on=date(2001, 1, 1),
        ends_on=date(2005, 1, 1),
    )
    judging(scheme)

    services.assign_round(scheme.rounds.get(), actor=admin_of(scheme.owner))

    assert Assignment.objects.filter(entry=entry, juror=former).exists()


def test_a_recommending_unit_and_declared_relations_exclude_with_their_reasons():
    scheme = open_scheme()
    recommender = OtherOrganizationFactory()
    entry = eligible_entry(
        scheme,
        EnterpriseFactory(),
        recommender=recommender,
        recommender_name="",
        credits=[{"name": "李明", "role": "导演"}, {"name": "周婷", "role": "撰稿"}],
    )
    jury(scheme, 5)
    juror = services.appoint_juror(scheme, actor=None, user=UserFactory(), name="孙")
    services.declare_affiliation(juror, actor=None, organization=recommender)
    services.declare_relation(
        juror, actor=None, kind="person", person_name="周婷", description="配偶"
    )
    judging(scheme)

    services.assign_round(scheme.rounds.get(), actor=admin_of(scheme.owner))

    assert sorted(
        Exclusion.objects.filter(entry=entry, juror=juror).values_list("reason", flat=True)
    ) == [enums.ExclusionReason.CREDITED_PERSON, enums.ExclusionReason.RECOMMENDER]


def test_a_juror_may_recuse_with_a_reason_and_the_entry_stays_in_the_round():
    scheme = open_scheme()
    entry = eligible_entry(scheme, EnterpriseFactory())
    jurors = jury(scheme, 5)
    judging(scheme)
    services.assign_round(scheme.rounds.get(), actor=admin_of(scheme.owner))
    assignment = Assignment.objects.get(entry=entry, juror=jurors[0])

    services.recuse(assignment, actor=jurors[0].user, reason="曾为该片提供咨询。")

    assignment.refresh_from_db()
    entry.refresh_from_db()
    assert (assignment.state, assignment.recusal_reason, entry.state) == (
        enums.AssignmentState.RECUSED,
        "曾为该片提供咨询。",
        enums.EntryState.JUDGING,
    )


def test_a_recusal_needs_a_reason():
    scheme = open_scheme()
    eligible_entry(scheme, EnterpriseFactory())
    jurors = jury(scheme, 5)
    judging(scheme)
    services.assign_round(scheme.rounds.get(), actor=admin_of(scheme.owner))
    assignment = Assignment.objects.filter(juror=jurors[0]).get()

    with pytest.raises(DomainError) as refusal:
        services.recuse(assignment, actor=jurors[0].user, reason=" ")

    assignment.refresh_from_db()
    assert (refusal.value.field, assignment.state) == ("reason", enums.AssignmentState.ASSIGNED)


def test_a_membership_taken_up_after_appointment_is_recorded_and_keeps_the_juror_off():
    scheme = open_scheme()
    enterprise = EnterpriseFactory()
    entry = eligible_entry(scheme, enterprise)
    jurors = jury(scheme, 6)
    insider = jurors[0]
    MembershipFactory(user=insider.user, organization=enterprise, role="staff")
    judging(scheme)

    services.assign_round(scheme.rounds.get(), actor=admin_of(scheme.owner))

    affiliation = insider.affiliations.get(organization=enterprise)
    assert affiliation.source == enums.AffiliationSource.MEMBERSHIP
    assert not Assignment.objects.filter(juror=insider, entry=entry).exists()
    assert Exclusion.objects.get(juror=insider, entry=entry).reason == (
        enums.ExclusionReason.SUBMITTER
    )
