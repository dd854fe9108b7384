"""Rounds, accreditations after the fact, revocation and exit, and annual reviews."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cloudpark.bases import enums, selectors, services
from cloudpark.bases.models import Accreditation, AccreditationRound, AnnualReview
from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.models import AuditEntry
from cloudpark.notifications.models import Notification
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs.models import Park
from tests.factories import (
    AccreditationFactory,
    AccreditationRoundFactory,
    AnnualReviewFactory,
    DeclarationFactory,
    GovernmentBodyFactory,
    MembershipFactory,
    ParkFactory,
)
from tests.factories.bases import ANNUAL_FIGURES

pytestmark = pytest.mark.django_db


def park_actions(park):
    return list(
        AuditEntry.objects.filter(object_id=str(park.pk), action__startswith="bases.park.")
        .order_by("id")
        .values_list("action", flat=True)
    )


@pytest.fixture
def base(candidate, bureau):
    """The candidate park, accredited by the bureau three years ago."""
    AccreditationFactory(park=candidate, decided_by=bureau)
    candidate.refresh_from_db()
    return candidate


@pytest.fixture
def national_base(base, administration):
    """The base, accredited nationally by the administration a year ago as well."""
    AccreditationFactory(
        park=base,
        decided_by=administration,
        level="national",
        batch="国家级第一批",
        approved_on=timezone.localdate() - timedelta(days=365),
    )
    base.refresh_from_db()
    return base


@pytest.fixture
def outsider_body(db):
    """A body that does not look after the base."""
    return GovernmentBodyFactory()


@pytest.fixture
def outsider(outsider_body):
    """An administrator of that body."""
    return MembershipFactory(organization=outsider_body).user


@pytest.fixture
def bureau_staff(people):
    return people["bureau_staff"]


# Rounds ----------------------------------------------------------------------------------------


def test_opening_a_round_tells_the_parks_that_may_declare(bureau, candidate, people):
    already_rated = ParkFactory(level=org_enums.ParkLevel.PROVINCIAL)
    bureau.jurisdiction.add(already_rated)
    MembershipFactory(organization=already_rated)
    today = timezone.localdate()

    accreditation_round = services.open_round(
        organiser=bureau,
        actor=people["bureau_chief"],
        level="provincial",
        batch="浙江省第二批省级广播电视和网络视听产业基地（园区）",
        opens_on=today,
        closes_on=today + timedelta(days=30),
        criteria="条件",
        required_materials=[("申报书", "Application form"), ("入驻企业名录", "")],
    )

    assert [m.name for m in accreditation_round.materials] == ["申报书", "入驻企业名录"]
    assert accreditation_round.materials[0].key == services.material_key("申报书")
    assert list(Notification.objects.values_list("recipient", "kind")) == [
        (people["park_admin"].pk, "bases.round_opened")
    ]
    assert AuditEntry.objects.get(action="bases.round.opened").object_id == str(
        accreditation_round.pk
    )
    assert Notification.objects.get().url == reverse(
        "park:base_round_detail", args=[accreditation_round.pk]
    )


@pytest.mark.parametrize(
    ("level", "message"),
    [("national", "national rounds by the national administration")],
)
def test_a_provincial_bureau_cannot_open_a_national_round(bureau, people, level, message):
    today = timezone.localdate()

    with pytest.raises(DomainError, match=message):
        services.open_round(
            organiser=bureau,
            actor=people["bureau_chief"],
            level=level,
            batch="x",
            opens_on=today,
            closes_on=today,
            criteria="x",
        )

    assert not AccreditationRound.objects.exists()


def test_a_round_cannot_close_before_it_opens(bureau, people):
    today = timezone.localdate()

    with pytest.raises(DomainError, match="cannot close before it opens"):
        services.open_round(
            organiser=bureau,
            actor=people["bureau_chief"],
            level="provincial",
            batch="x",
            opens_on=today + timedelta(days=5),
            closes_on=today + timedelta(days=1),
            criteria="x",
        )

    assert not AccreditationRound.objects.exists()


def test_editing_the_materials_keeps_the_keys_of_those_that_stay(provincial_round, people):
    kept = provincial_round.materials[0]

    services.update_round(
        provincial_round,
        actor=people["bureau_chief"],
        required_materials=[("园区产权证明", "Proof of premises"), (kept.name, kept.name_en)],
    )

    provincial_round.refresh_from_db()
    assert [m.key for m in provincial_round.materials][1] == kept.key


def test_a_round_with_declarations_is_kept(candidate, provincial_round, people):
    DeclarationFactory(park=candidate, round=provincial_round)

    with pytest.raises(DomainError, match="so it is kept"):
        services.delete_round(provincial_round, actor=people["bureau_chief"])

    assert AccreditationRound.objects.filter(pk=provincial_round.pk).exists()


def test_a_round_nobody_declared_for_may_be_deleted(bureau, provincial_round, people):
    services.delete_round(provincial_round, actor=people["bureau_chief"])

    assert not AccreditationRound.objects.exists()
    assert AuditEntry.objects.get(action="bases.round.deleted").object_id == str(bureau.pk)


def test_levels_are_listed_by_rank_not_by_their_codes(candidate, bureau, administration):
    # Rows written directly: the platform grants provincial and national status only, but
    # the order must not depend on how the level codes happen to sort.
    today = timezone.localdate()
    for level in ("municipal", "provincial", "national"):
        Accreditation.objects.create(
            park=ParkFactory(), level=level, batch=level, approved_on=today, decided_by=bureau
        )

    levels = [accreditation.level for accreditation in selectors.current_accreditations()]

    assert levels == ["national", "provincial", "municipal"]


def test_parks_see_the_rounds_of_the_bodies_above_them(candidate, provincial_round, national_round):
    other_bureau_round = AccreditationRoundFactory()

    rounds = set(selectors.rounds_for_park(candidate))

    assert rounds == {provincial_round, national_round}
    assert other_bureau_round not in rounds


# Granting --------------------------------------------------------------------------------------


def test_an_accreditation_decided_before_the_platform_can_be_recorded(candidate, bureau, people):
    approved_on = timezone.localdate() - timedelta(days=700)

    accreditation = services.grant_accreditation(
        candidate,
        level="provincial",
        batch="第一批",
        approved_on=approved_on,
        decided_by=bureau,
        actor=people["bureau_chief"],
    )

    candidate.refresh_from_db()
    assert (accreditation.declaration, accreditation.round) == (None, None)
    assert (candidate.level, candidate.batch, candidate.approved_on, candidate.status) == (
        "provincial",
        "第一批",
        approved_on,
        org_enums.ParkStatus.OPERATING,
    )
    assert park_actions(candidate) == ["bases.park.accredited"]


def test_a_national_base_keeps_its_level_when_a_provincial_accreditation_is_recorded(bureau):
    national = ParkFactory(level=org_enums.ParkLevel.NATIONAL, batch="国家级")

    AccreditationFactory(park=national, decided_by=bureau)

    national.refresh_from_db()
    assert (national.level, national.batch) == ("national", "国家级")


# Revocation and exit ---------------------------------------------------------------------------


def test_revocation_ends_the_accreditation_and_keeps_it_in_the_history(base, bureau, people):
    today = timezone.localdate()

    services.end_accreditation(
        base,
        government=bureau,
        actor=people["bureau_chief"],
        end="revoked",
        on=today,
        reason="年度复核不合格，整改不到位。",
    )

    base.refresh_from_db()
    accreditation = Accreditation.objects.get()
    assert (accreditation.ended_on, accreditation.end, accreditation.ended_by_id) == (
        today,
        "revoked",
        bureau.pk,
    )
    assert (base.status, base.level, base.batch, base.approved_on) == (
        org_enums.ParkStatus.REVOKED,
        org_enums.ParkLevel.UNRATED,
        "",
        None,
    )
    assert list(selectors.accreditations_of(base)) == [accreditation]
    assert list(selectors.current_accreditations()) == []
    assert Park.objects.filter(pk=base.pk).exists()
    assert park_actions(base) == ["bases.park.accredited", "bases.park.revoked"]
    notification = Notification.objects.get(kind="bases.accreditation_ended")
    assert (notification.recipient, notification.url) == (
        people["park_admin"],
        reverse("park:base_annual_list"),
    )


def test_an_exit_is_recorded_like_a_revocation(base, bureau, people):
    services.end_accreditation(
        base,
        government=bureau,
        actor=people["bureau_chief"],
        end="exited",
        on=timezone.localdate(),
        reason="运营主体申请退出。",
    )

    base.refresh_from_db()
    assert (base.status, Accreditation.objects.get().end) == (
        org_enums.ParkStatus.EXITED,
        "exited",
    )


def test_revoking_twice_is_refused(base, bureau, people):
    services.end_accreditation(
        base,
        government=bureau,
        actor=people["bureau_chief"],
        end="revoked",
        on=timezone.localdate(),
        reason="原因",
    )

    with pytest.raises(TransitionNotAllowed, match="holds no standing accreditation"):
        services.end_accreditation(
            base,
            government=bureau,
            actor=people["bureau_chief"],
            end="revoked",
            on=timezone.localdate(),
            reason="原因",
        )

    assert AuditEntry.objects.filter(action="bases.park.revoked").count() == 1


@pytest.mark.parametrize(
    ("body", "who", "message"),
    [
        ("bureau", "bureau_staff", "does not allow you"),
        ("outsider_body", "outsider", "looks after this park"),
    ],
    ids=["staff of the bureau", "a body that does not look after the park"],
)
def test_only_a_decider_of_a_body_looking_after_the_park_revokes(request, base, body, who, message):
    government = request.getfixturevalue(body)
    actor = request.getfixturevalue(who)

    with pytest.raises(DomainError, match=message):
        services.end_accreditation(
            base, government=government, actor=actor, end="revoked", on=None, reason="原因"
        )

    assert Accreditation.objects.get().ended_on is None


def test_a_provincial_bureau_cannot_end_a_national_accreditation(national_base, bureau, people):
    with pytest.raises(
        DomainError,
        match="as National base was granted by National Radio and Television Administration: only",
    ):
        services.end_accreditation(
            national_base,
            government=bureau,
            actor=people["bureau_chief"],
            end="revoked",
            on=timezone.localdate(),
            reason="整改不到位。",
        )

    national_base.refresh_from_db()
    assert list(Accreditation.objects.values_list("ended_on", flat=True)) == [None, None]
    assert (national_base.level, national_base.status) == ("national", "operating")


def test_the_administration_ends_the_national_accreditation_and_the_provincial_one_below_it(
    national_base, administration, bureau, people
):
    services.end_accreditation(
        national_base,
        government=administration,
        actor=people["national_chief"],
        end="revoked",
        on=timezone.localdate(),
        reason="严重违规。",
    )

    national_base.refresh_from_db()
    assert sorted(Accreditation.objects.values_list("level", "ended_by")) == [
        ("national", administration.pk),
        ("provincial", administration.pk),
    ]
    assert (national_base.level, national_base.status) == ("unrated", "revoked")


def test_revocation_needs_a_reason(base, bureau, people):
    with pytest.raises(DomainError, match="Say why"):
        services.end_accreditation(
            base,
            government=bureau,
            actor=people["bureau_chief"],
            end="revoked",
            on=timezone.localdate(),
            reason=" ",
        )

    base.refresh_from_db()
    assert base.status == org_enums.ParkStatus.OPERATING


# Annual reviews --------------------------------------------------------------------------------


def test_a_base_submits_its_figures_to_the_body_that_accredited_it(base, bureau, people):
    year = timezone.localdate().year - 1

    review = AnnualReviewFactory(park=base, year=year, actor=people["park_admin"])

    assert (review.reviewing_body_id, review.outcome, review.enterprise_count) == (
        bureau.pk,
        "",
        ANNUAL_FIGURES["enterprise_count"],
    )
    assert list(
        Notification.objects.filter(kind="bases.annual_review_awaits").values_list(
            "recipient", "url"
        )
    ) == [(people["bureau_chief"].pk, reverse("government:base_annual_detail", args=[review.pk]))]


def test_a_national_base_reports_to_the_administration(national_base, administration):
    review = AnnualReviewFactory(park=national_base)

    assert review.reviewing_body == administration


def test_a_park_without_an_accreditation_submits_no_annual_review(candidate, people):
    with pytest.raises(DomainError, match="Only an accredited base"):
        AnnualReviewFactory(park=candidate, actor=people["park_admin"])

    assert not AnnualReview.objects.exists()


def test_one_annual_review_per_year(base, people):
    review = AnnualReviewFactory(park=base)

    with pytest.raises(DomainError, match=re.escape(f"for {review.year} has already been")):
        AnnualReviewFactory(park=base, year=review.year)

    assert AnnualReview.objects.count() == 1


@pytest.mark.parametrize(
    ("years_from_now", "message"),
    [(0, "once the year is over"), (1, "once the year is over"), (-4, "The year is one from")],
    ids=["this year", "next year", "before the accreditation"],
)
def test_only_a_past_year_since_the_accreditation_is_reviewed(base, years_from_now, message):
    year = timezone.localdate().year + years_from_now

    with pytest.raises(DomainError, match=message):
        AnnualReviewFactory(park=base, year=year)

    assert not AnnualReview.objects.exists()


def test_a_park_accredited_afresh_reviews_a_year_again_under_its_new_accreditation(
    base, bureau, people
):
    year = timezone.localdate().year - 1
    first = AnnualReviewFactory(park=base, year=year)
    services.end_accreditation(
        base,
        government=bureau,
        actor=people["bureau_chief"],
        end="revoked",
        on=timezone.localdate(),
        reason="原因",
    )
    again = AccreditationFactory(park=base, decided_by=bureau, approved_on=date(year, 1, 1))

    second = AnnualReviewFactory(park=base, year=year)

    first.accreditation.refresh_from_db()
    assert (first.accreditation.end, second.accreditation) == ("revoked", again)
    assert list(base.annual_reviews.values_list("year", flat=True)) == [year, year]


def test_a_pass_keeps_the_base_as_it_is(base, people):
    review = AnnualReviewFactory(park=base)

    review = services.decide_annual_review(review, actor=people["bureau_chief"], outcome="pass")

    base.refresh_from_db()
    assert (review.outcome, review.decided_on, review.decided_by) == (
        enums.AnnualOutcome.PASS,
        timezone.localdate(),
        people["bureau_chief"],
    )
    assert base.status == org_enums.ParkStatus.OPERATING
    notification = Notification.objects.get(kind="bases.annual_review_decided")
    assert (notification.recipient, notification.url) == (
        people["park_admin"],
        reverse("park:base_annual_list"),
    )


def test_rectification_suspends_the_base_until_a_later_pass(base, people):
    first = AnnualReviewFactory(park=base, year=timezone.localdate().year - 2)
    second = AnnualReviewFactory(park=base, year=timezone.localdate().year - 1)

    services.decide_annual_review(
        first, actor=people["bureau_chief"], outcome="rectify", comment="企业集聚度下降，限期整改。"
    )
    base.refresh_from_db()
    suspended = base.status
    services.decide_annual_review(second, actor=people["bureau_chief"], outcome="pass")

    base.refresh_from_db()
    assert (suspended, base.status) == (
        org_enums.ParkStatus.SUSPENDED,
        org_enums.ParkStatus.OPERATING,
    )
    assert park_actions(base) == [
        "bases.park.accredited",
        "bases.park.rectification_ordered",
        "bases.park.reinstated",
    ]


def test_a_new_accreditation_leaves_a_suspension_in_place(base, administration, people):
    review = AnnualReviewFactory(park=base)
    services.decide_annual_review(
        review, actor=people["bureau_chief"], outcome="rectify", comment="限期整改。"
    )

    AccreditationFactory(
        park=base, decided_by=administration, level="national", approved_on=timezone.localdate()
    )

    base.refresh_from_db()
    assert (base.level, base.status) == ("national", org_enums.ParkStatus.SUSPENDED)


def test_a_revoke_outcome_revokes_the_accreditation(base, bureau, people):
    review = AnnualReviewFactory(park=base)

    services.decide_annual_review(
        review, actor=people["bureau_chief"], outcome="revoke", comment="连续两年不达标。"
    )

    base.refresh_from_db()
    accreditation = Accreditation.objects.get()
    assert base.status == org_enums.ParkStatus.REVOKED
    assert (accreditation.end, accreditation.end_reason) == ("revoked", "连续两年不达标。")


@pytest.mark.parametrize("outcome", ["rectify", "revoke"])
def test_rectification_and_revocation_need_a_reason(base, people, outcome):
    review = AnnualReviewFactory(park=base)

    with pytest.raises(DomainError, match="Say why"):
        services.decide_annual_review(review, actor=people["bureau_chief"], outcome=outcome)

    review.refresh_from_db()
    assert review.outcome == ""


def test_an_annual_review_is_decided_once_and_by_a_decider(base, people):
    review = AnnualReviewFactory(park=base)

    with pytest.raises(DomainError, match=re.escape("You may not decide this annual review.")):
        services.decide_annual_review(review, actor=people["bureau_reviewer"], outcome="pass")
    services.decide_annual_review(review, actor=people["bureau_chief"], outcome="pass")
    with pytest.raises(TransitionNotAllowed, match="already been decided"):
        services.decide_annual_review(
            review, actor=people["bureau_chief"], outcome="revoke", comment="x"
        )

    review.refresh_from_db()
    assert review.outcome == "pass"
