"""Postings, résumés, applications and follows through their services: the transition tables,
the refusals that change nothing, consent, the masked contact and its audited reveal, and the
erasure of résumés after the retention period."""

from datetime import timedelta
from itertools import product

import pytest
from django.core.management import call_command
from django.utils import timezone

from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.models import AuditEntry
from cloudpark.core.states import check_transition
from cloudpark.jobs import enums, selectors, services
from cloudpark.jobs.enums import ApplicationState, PostingState
from cloudpark.jobs.models import Application, JobPosting, Profile
from cloudpark.notifications.models import Notification
from cloudpark.orgs import enums as org_enums
from cloudpark.reviews import selectors as review_selectors
from cloudpark.reviews import services as reviews
from cloudpark.reviews.enums import CaseState, Decision
from cloudpark.reviews.models import ReviewCase
from tests.factories import (
    EnterpriseFactory,
    EventFactory,
    MembershipFactory,
    SessionFactory,
    SpeakerFactory,
    UserFactory,
)
from tests.factories.jobs import (
    ApplicationFactory,
    JobPostingFactory,
    ProfileExperienceFactory,
    ProfileFactory,
    posting_values,
    published_posting,
)
from tests.factories.programs import admin_of

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "postings": sorted(JobPosting.objects.values_list("pk", "state", "title")),
        "applications": sorted(Application.objects.values_list("pk", "state")),
        "audit": AuditEntry.objects.count(),
        "notifications": Notification.objects.count(),
    }


def actions(obj):
    return list(
        AuditEntry.objects.filter(object_id=str(obj.pk), action__startswith="jobs.")
        .filter(content_type__model=obj._meta.model_name)
        .order_by("id")
        .values_list("action", flat=True)
    )


@pytest.mark.parametrize(
    ("table", "states"),
    [
        (enums.POSTING_TRANSITIONS, enums.PostingState),
        (enums.APPLICATION_TRANSITIONS, enums.ApplicationState),
    ],
)
def test_the_transition_tables_refuse_every_pair_not_in_them(table, states):
    refused = []

    for current, target in product(states, states):
        try:
            check_transition(table, current, target)
        except TransitionNotAllowed:
            refused.append((current, target))

    expected = [
        (current, target)
        for current, target in product(states, states)
        if target != current and target not in table[current]
    ]
    assert refused == expected


def test_the_final_application_states_go_nowhere():
    assert [
        state for state in enums.FINAL_APPLICATION_STATES if enums.APPLICATION_TRANSITIONS[state]
    ] == []


# Postings ----------------------------------------------------------------------------------


def test_a_posting_is_drafted_with_its_salary_shown_as_the_job_sites_write_it():
    enterprise = EnterpriseFactory()

    posting = services.create_posting(
        enterprise, actor=admin_of(enterprise), values=posting_values()
    )

    assert (posting.state, posting.salary_display, actions(posting)) == (
        PostingState.DRAFT,
        "8-13K · 14 months a year",
        ["jobs.posting.created"],
    )


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"salary_min": None}, "salary_min"),
        ({"salary_max": None}, "salary_max"),
        ({"valid_until": None}, "valid_until"),
        ({"salary_min": 15, "salary_max": 10}, "salary_min"),
        ({"conditions": "限男性，35岁以下。"}, "conditions"),
        ({"description": "本地户口优先考虑。"}, "description"),
        ({"benefits": "要求已婚已育。"}, "benefits"),
        ({"title": "剪辑师（男性优先）"}, "title"),
        ({"conditions": "年龄不超过30岁"}, "conditions"),
        ({"skills": ["汉族优先"]}, "skills"),
        ({"valid_until": timezone.localdate() - timedelta(days=1)}, "valid_until"),
    ],
)
def test_a_bad_posting_is_refused_at_its_field_and_nothing_is_written(values, field):
    enterprise = EnterpriseFactory()
    actor = admin_of(enterprise)
    before = snapshot()

    with pytest.raises(DomainError) as refusal:
        services.create_posting(enterprise, actor=actor, values=posting_values(**values))

    assert (refusal.value.field, snapshot()) == (field, before)


def test_a_discriminatory_requirement_is_refused_with_the_words_shown():
    enterprise = EnterpriseFactory()

    with pytest.raises(DomainError) as refusal:
        services.create_posting(
            enterprise,
            actor=admin_of(enterprise),
            values=posting_values(conditions="限男性，未婚，年龄35岁以下"),
        )

    message = str(refusal.value)
    assert ["“限男”" in message, "“未婚”" in message, "“35岁以下”" in message] == [True] * 3


def test_lawful_age_wording_is_accepted():
    enterprise = EnterpriseFactory()

    posting = services.create_posting(
        enterprise,
        actor=admin_of(enterprise),
        values=posting_values(conditions="须年满18周岁。性别不限。"),
    )

    assert posting.conditions == "须年满18周岁。性别不限。"


def test_a_staff_member_cannot_post_for_the_enterprise():
    enterprise = EnterpriseFactory()
    staff = MembershipFactory(organization=enterprise, role=org_enums.Role.STAFF).user

    with pytest.raises(DomainError):
        services.create_posting(enterprise, actor=staff, values=posting_values())

    assert JobPosting.objects.count() == 0


def test_publishing_without_park_review_publishes_at_once_and_tells_followers(park):
    enterprise = EnterpriseFactory(park=park)
    follower = UserFactory()
    services.follow(follower, enterprise)
    posting = JobPostingFactory(enterprise=enterprise)

    services.publish_posting(posting, actor=admin_of(enterprise))

    posting.refresh_from_db()
    assert (posting.state, posting.park, list(selectors.open_postings())) == (
        PostingState.PUBLISHED,
        park,
        [posting],
    )
    assert list(Notification.objects.filter(recipient=follower).values_list("kind", flat=True)) == [
        "jobs.followed_posted"
    ]


def reviewing_park(park, stages=1):
    services.set_park_review(park, actor=admin_of(park), required=True, stages=stages)
    return park


def decide(posting, actor, decision, comment=""):
    case = services.case_of(JobPosting.objects.get(pk=posting.pk))
    reviews.decide(case, actor=actor, stage_key=case.stage_key, decision=decision, comment=comment)
    posting.refresh_from_db()
    return posting


def kinds_for(user):
    return set(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_a_park_that_asks_for_it_reviews_postings_on_the_review_engine(park):
    enterprise = EnterpriseFactory(park=reviewing_park(park))
    reviewer = MembershipFactory(organization=park, role=org_enums.Role.REVIEWER).user
    follower = UserFactory()
    services.follow(follower, enterprise)
    posting = JobPostingFactory(enterprise=enterprise)

    services.publish_posting(posting, actor=admin_of(enterprise))
    in_review = JobPosting.objects.get(pk=posting.pk).state
    case = services.case_of(JobPosting.objects.get(pk=posting.pk))
    listed_in_review = list(selectors.open_postings())
    queue = [c.pk for c in review_selectors.cases_awaiting(reviewer, park)]
    decide(posting, reviewer, Decision.APPROVE)

    assert (in_review, listed_in_review, queue, case.stage_key) == (
        PostingState.IN_REVIEW,
        [],
        [case.pk],
        "park_review",
    )
    assert (posting.state, posting.published_at is not None, posting.park) == (
        PostingState.PUBLISHED,
        True,
        park,
    )
    assert actions(posting) == [
        "jobs.posting.created",
        "jobs.posting.submitted",
        "jobs.posting.published",
    ]
    assert "reviews.awaits_review" in kinds_for(reviewer)
    assert "reviews.approved" in kinds_for(admin_of(enterprise))
    assert kinds_for(follower) == {"jobs.followed_posted"}


def test_without_the_parks_review_a_posting_opens_no_case(park):
    posting = JobPostingFactory(enterprise=EnterpriseFactory(park=park), published=True)

    assert (posting.state, posting.review_case_id, ReviewCase.objects.count()) == (
        PostingState.PUBLISHED,
        None,
        0,
    )


def test_a_park_returns_a_posting_with_a_reason_and_the_enterprise_sends_it_again(park):
    enterprise = EnterpriseFactory(park=reviewing_park(park))
    manager = admin_of(enterprise)
    posting = JobPostingFactory(enterprise=enterprise, published=True)
    reviewer = admin_of(park)

    with pytest.raises(DomainError) as silent:
        decide(posting, reviewer, Decision.RETURN)
    decide(posting, reviewer, Decision.RETURN, comment="请写明工作地点。")
    returned = posting.state
    services.update_posting(posting, actor=manager, values={"title": "剧集剪辑师"})
    services.publish_posting(posting, actor=manager)

    posting.refresh_from_db()
    case = services.case_of(posting)
    assert (silent.value.field, returned, posting.state, case.round) == (
        "comment",
        PostingState.RETURNED,
        PostingState.IN_REVIEW,
        2,
    )
    assert [d.comment for d in review_selectors.decisions_of(case)] == ["请写明工作地点。"]
    assert actions(posting)[-3:] == [
        "jobs.posting.returned",
        "jobs.posting.updated",
        "jobs.posting.resubmitted",
    ]
    assert "reviews.returned" in kinds_for(manager)


def test_a_rejected_posting_is_neither_published_nor_closed(park):
    enterprise = EnterpriseFactory(park=reviewing_park(park))
    posting = JobPostingFactory(enterprise=enterprise, published=True)

    decide(posting, admin_of(park), Decision.REJECT, comment="岗位描述涉嫌歧视。")

    with pytest.raises(TransitionNotAllowed):
        services.publish_posting(posting, actor=admin_of(enterprise))
    with pytest.raises(TransitionNotAllowed):
        services.close_posting(posting, actor=admin_of(enterprise))
    posting.refresh_from_db()
    assert posting.state == PostingState.REJECTED


def test_a_park_reviewing_in_two_stages_reads_first_then_decides(park):
    enterprise = EnterpriseFactory(park=reviewing_park(park, stages=2))
    reader = MembershipFactory(organization=park, role=org_enums.Role.REVIEWER).user
    posting = JobPostingFactory(enterprise=enterprise, published=True)

    first = services.case_of(posting).stage_key
    decide(posting, reader, Decision.ADVANCE)
    second = services.case_of(posting).stage_key
    decide(posting, admin_of(park), Decision.APPROVE)

    assert (first, second, posting.state) == (
        "first_reading",
        "park_review",
        PostingState.PUBLISHED,
    )
    assert "jobs.posting.read" in actions(posting)


def test_the_park_cannot_publish_a_posting_whose_validity_has_passed(park):
    enterprise = EnterpriseFactory(park=reviewing_park(park))
    posting = JobPostingFactory(enterprise=enterprise, published=True)
    JobPosting.objects.filter(pk=posting.pk).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )

    with pytest.raises(DomainError) as refused:
        decide(posting, admin_of(park), Decision.APPROVE)

    posting.refresh_from_db()
    assert (refused.value.field, posting.state, services.case_of(posting).state) == (
        "valid_until",
        PostingState.IN_REVIEW,
        CaseState.IN_REVIEW,
    )


def test_closing_a_posting_in_review_withdraws_it_and_tells_the_reviewers(park):
    enterprise = EnterpriseFactory(park=reviewing_park(park))
    reviewer = MembershipFactory(organization=park, role=org_enums.Role.REVIEWER).user
    posting = JobPostingFactory(enterprise=enterprise, published=True)

    services.close_posting(posting, actor=admin_of(enterprise))

    posting.refresh_from_db()
    assert (posting.state, posting.closed_at is not None, services.case_of(posting).state) == (
        PostingState.CLOSED,
        True,
        CaseState.WITHDRAWN,
    )
    assert actions(posting)[-1] == "jobs.posting.withdrawn"
    assert "jobs.posting_withdrawn" in kinds_for(reviewer)


def test_an_expired_posting_leaves_the_public_list_by_itself():
    posting = published_posting()
    JobPosting.objects.filter(pk=posting.pk).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )

    posting.refresh_from_db()
    assert (list(selectors.open_postings()), str(posting.status_display), posting.state) == (
        [],
        "Expired",
        PostingState.PUBLISHED,
    )


def test_a_closed_posting_takes_no_more_applications():
    posting = published_posting()
    services.close_posting(posting, actor=admin_of(posting.enterprise))
    applicant = ProfileFactory().user

    with pytest.raises(DomainError):
        services.apply_for(posting, applicant=applicant, consent=True)

    assert Application.objects.count() == 0


def test_the_cjk_search_finds_a_posting_by_two_characters():
    wanted = published_posting(title="网络剧剪辑师")
    published_posting(
        title="动画设计师",
        category=enums.JobCategory.ANIMATION,
        skills=[],
        description="负责动画角色设计。",
        conditions="",
    )

    found = selectors.filter_postings(selectors.open_postings(), query="剪辑")

    assert list(found) == [wanted]


# Applications ------------------------------------------------------------------------------


def test_an_application_without_consent_is_refused_at_the_field():
    posting = published_posting()
    applicant = ProfileFactory().user
    before = snapshot()

    with pytest.raises(DomainError) as refusal:
        services.apply_for(posting, applicant=applicant, consent=False)

    assert (refusal.value.field, snapshot()) == ("consent", before)


def test_applying_records_the_consent_and_gives_the_resume_and_tells_the_employer():
    posting = published_posting()
    applicant = ProfileFactory().user
    ProfileExperienceFactory(profile=applicant.job_profile)

    application = services.apply_for(posting, applicant=applicant, consent=True)

    assert (
        application.state,
        posting.enterprise.name in application.consent_text,
        application.resume["mobile"],
        [row["employer"] for row in application.resume["experience_rows"]],
        actions(application),
    ) == (
        ApplicationState.APPLIED,
        True,
        "13912345678",
        ["之江影视有限公司"],
        ["jobs.application.submitted"],
    )
    assert Notification.objects.filter(
        recipient=admin_of(posting.enterprise), kind="jobs.application_received"
    ).exists()


def test_the_contact_stays_masked_until_the_candidate_accepts_the_interview():
    application = ApplicationFactory()
    employer = admin_of(application.posting.enterprise)

    masked = selectors.masked_contact(application.resume)
    with pytest.raises(DomainError):
        services.reveal_contact(application, actor=employer)
    services.move_application(
        application, ApplicationState.INTERVIEW, actor=employer, note="周三下午三点，园区B座"
    )
    services.accept_interview(application, actor=application.applicant)
    application.refresh_from_db()
    contact = services.reveal_contact(application, actor=employer)

    assert (masked["mobile"], contact["mobile"]) == ("139****5678", "13912345678")
    assert actions(application)[-1] == "jobs.application.contact_revealed"


def test_an_application_walks_to_hired_with_notifications_both_ways():
    application = ApplicationFactory()
    employer = admin_of(application.posting.enterprise)
    candidate = application.applicant

    services.mark_viewed(application, actor=employer)
    services.move_application(application, ApplicationState.SHORTLISTED, actor=employer)
    services.move_application(application, ApplicationState.INTERVIEW, actor=employer, note="周三")
    services.accept_interview(application, actor=candidate)
    services.move_application(application, ApplicationState.OFFER, actor=employer)
    services.answer_offer(application, actor=candidate, accept=True)

    application.refresh_from_db()
    told_candidate = Notification.objects.filter(recipient=candidate).count()
    told_employer = Notification.objects.filter(
        recipient=employer, kind="jobs.candidate_answered"
    ).count()
    assert (application.state, told_candidate, told_employer) == (ApplicationState.HIRED, 4, 2)


def test_an_employer_cannot_take_the_candidates_steps():
    application = ApplicationFactory()
    employer = admin_of(application.posting.enterprise)
    before = snapshot()

    with pytest.raises(TransitionNotAllowed):
        services.move_application(application, ApplicationState.HIRED, actor=employer)
    with pytest.raises(DomainError):
        services.withdraw_application(application, actor=employer)

    assert snapshot() == before


def test_an_interview_invitation_needs_a_time_and_place():
    application = ApplicationFactory()

    with pytest.raises(DomainError) as refusal:
        services.move_application(
            application, ApplicationState.INTERVIEW, actor=admin_of(application.posting.enterprise)
        )

    assert refusal.value.field == "note"


def test_a_withdrawn_application_cannot_move_on():
    application = ApplicationFactory()
    services.withdraw_application(application, actor=application.applicant)

    with pytest.raises(TransitionNotAllowed):
        services.move_application(
            application,
            ApplicationState.SHORTLISTED,
            actor=admin_of(application.posting.enterprise),
        )

    application.refresh_from_db()
    assert application.state == ApplicationState.WITHDRAWN


def test_resumes_are_erased_after_the_retention_period_of_a_closed_posting(settings):
    settings.JOB_RESUME_RETENTION_DAYS = 180
    application = ApplicationFactory()
    posting = application.posting
    services.close_posting(posting, actor=admin_of(posting.enterprise))
    application.refresh_from_db()
    countdown = application.days_until_erased

    kept = services.purge_expired_resumes(today=timezone.localdate() + timedelta(days=180))
    call_command("purge-job-resumes", stdout=open("/dev/null", "w"))  # noqa: SIM115
    erased = services.purge_expired_resumes(today=timezone.localdate() + timedelta(days=181))

    application.refresh_from_db()
    assert (countdown, kept, erased, application.resume, application.resume_erased_at is None) == (
        180,
        0,
        1,
        {},
        False,
    )


def test_deleting_the_resume_erases_every_copy_and_withdraws_open_applications():
    application = ApplicationFactory()
    user = application.applicant

    services.delete_profile(user, actor=user)

    application.refresh_from_db()
    assert (
        Profile.objects.filter(user=user).exists(),
        application.state,
        application.resume,
    ) == (False, ApplicationState.WITHDRAWN, {})


def test_the_export_holds_the_resume_the_applications_and_the_consent():
    application = ApplicationFactory()
    user = application.applicant

    data = services.export_profile(user, actor=user)

    assert (
        data["resume"]["headline"],
        [row["consent_text"] for row in data["applications"]] == [application.consent_text],
        actions(user.job_profile)[-1],
    ) == ("剧集剪辑师", True, "jobs.profile.exported")


def test_only_its_owner_changes_a_resume():
    profile = ProfileFactory()

    with pytest.raises(DomainError):
        services.save_profile(profile.user, actor=UserFactory(), values={"headline": "x"})

    profile.refresh_from_db()
    assert profile.headline == "剧集剪辑师"


# Matching and credits ----------------------------------------------------------------------


def test_a_match_explains_itself():
    posting = published_posting()
    profile = ProfileFactory()

    found = selectors.suggested_postings(profile.user)

    assert [(item, reasons.reasons) for item, reasons in found] == [
        (posting, ["Editing", "3-5 years", "Bachelor's degree", "Xihu District", "达芬奇"])
    ]


def test_a_person_who_opts_out_of_ranking_is_not_suggested_to_employers():
    posting = published_posting()
    ranked = ProfileFactory()
    ProfileFactory(automated_ranking=False)

    found = selectors.suggested_candidates(posting)

    assert [profile for profile, _match in found] == [ranked]


def test_a_private_resume_is_never_suggested():
    posting = published_posting()
    ProfileFactory(visibility=enums.ResumeVisibility.PRIVATE)

    assert selectors.suggested_candidates(posting) == []


def test_a_speaker_at_a_published_event_gets_a_verified_credit():
    enterprise = EnterpriseFactory(name="之江影视有限公司")
    user = UserFactory(name="林晓")
    MembershipFactory(user=user, organization=enterprise, role=org_enums.Role.STAFF)
    event = EventFactory(published=True)
    SpeakerFactory(
        session=SessionFactory(event=event), name="林晓", organization_name=enterprise.name
    )
    SpeakerFactory(session=SessionFactory(event=event), name="林晓", organization_name="别的公司")

    found = services.credits.credits_for(user)

    assert [(credit.source, credit.title) for credit in found] == [
        ("events.speaker", event.display_title)
    ]


# Follows and figures -----------------------------------------------------------------------


def test_a_feed_shows_what_followed_enterprises_and_parks_publish(park):
    enterprise = EnterpriseFactory(park=park)
    user = UserFactory()
    services.follow(user, park)
    posting = published_posting(enterprise)
    event = EventFactory(owner=park, published=True)
    published_posting()  # not followed

    feed = selectors.feed_of(user)

    assert sorted((kind, item.pk) for _when, kind, item in feed) == sorted(
        [("posting", posting.pk), ("event", event.pk)]
    )


def test_following_twice_keeps_one_follow_and_notify_can_be_switched_off():
    user = UserFactory()
    enterprise = EnterpriseFactory()

    first = services.follow(user, enterprise)
    second = services.follow(user, enterprise)
    services.set_follow_notify(first, actor=user, notify=False)

    first.refresh_from_db()
    assert (first.pk == second.pk, first.notify) == (True, False)


def test_talent_figures_are_counts_by_category(park):
    enterprise = EnterpriseFactory(park=park)
    posting = published_posting(enterprise)
    hired = ApplicationFactory(posting=posting)
    ApplicationFactory(posting=posting)
    employer = admin_of(enterprise)
    services.move_application(hired, ApplicationState.INTERVIEW, actor=employer, note="周三")
    services.move_application(hired, ApplicationState.OFFER, actor=employer)
    services.answer_offer(hired, actor=hired.applicant, accept=True)

    figures = selectors.talent_figures(park)

    assert [
        (row["category"], row["postings"], row["applications"], row["hires"]) for row in figures
    ] == [("editing", 1, 2, 1)]


def test_publishing_an_event_tells_the_followers_of_its_organiser_who_asked(park):
    told = UserFactory()
    quiet = UserFactory()
    services.follow(told, park)
    services.follow(quiet, park, notify=False)

    event = EventFactory(owner=park, published=True)

    assert list(Notification.objects.values_list("recipient", "kind", "url")) == [
        (told.pk, "jobs.followed_event", f"/events/{event.pk}/")
    ]


def test_a_part_published_later_tells_the_followers_of_its_event():
    from cloudpark.events import services as event_services
    from tests.factories import PartFactory

    event = EventFactory(published=True)
    follower = UserFactory()
    services.follow(follower, event)
    part = PartFactory(parent=event)

    event_services.publish_event(part, actor=None)

    assert list(Notification.objects.filter(recipient=follower).values_list("kind", flat=True)) == [
        "jobs.followed_event"
    ]


def test_a_resume_seen_by_nobody_cannot_be_sent_with_an_application():
    posting = published_posting()
    applicant = ProfileFactory(visibility=enums.ResumeVisibility.PRIVATE).user

    with pytest.raises(DomainError) as refusal:
        services.apply_for(posting, applicant=applicant, consent=True)

    assert ("seen by nobody" in str(refusal.value), Application.objects.count()) == (True, 0)


def test_postings_left_in_the_one_step_review_get_their_case_at_the_parks_review(park):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("cloudpark.jobs.migrations.0003_open_cases_for_postings_in_review")
    posting = JobPostingFactory(enterprise=EnterpriseFactory(park=park))
    JobPosting.objects.filter(pk=posting.pk).update(state=PostingState.IN_REVIEW, park=park)
    reviewer = MembershipFactory(organization=park, role=org_enums.Role.REVIEWER).user

    migration.open_cases_for_postings_in_review(apps, None)
    migration.open_cases_for_postings_in_review(apps, None)

    posting.refresh_from_db()
    case = services.case_of(posting)
    assert (case.stage_key, case.reviewing_organization_id, case.due_at is not None) == (
        "park_review",
        park.pk,
        True,
    )
    assert [c.pk for c in review_selectors.cases_awaiting(reviewer, park)] == [case.pk]
    decide(posting, reviewer, Decision.APPROVE)
    assert posting.state == PostingState.PUBLISHED
