"""Writes of talent and jobs: postings and their park review (on the review engine,
``jobs.flows``), résumés, applications with
their consent and masked contact, the erasure of résumés, follows. Pages, the API, the admin,
commands and the demo all come here.

Every transition runs in one transaction on a locked row, checks the transition tables in
``jobs.enums``, writes one audit entry and notifies the other side; e-mails leave once the
transaction has committed (``notifications.notify``).
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.core import audit, links
from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.services import apply_changes, locked, validated
from cloudpark.core.states import check_transition
from cloudpark.events import enums as event_enums
from cloudpark.events.models import Event
from cloudpark.jobs import credits, enums, reference
from cloudpark.jobs.enums import ApplicationState, PostingState
from cloudpark.jobs.models import (
    Application,
    Follow,
    JobPosting,
    ParkJobSettings,
    Profile,
    ProfileEducation,
    ProfileExperience,
    ProfileWork,
)
from cloudpark.notifications import services as notifications
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.models import Organization, Region
from cloudpark.reviews import flows as review_flows
from cloudpark.reviews import services as review_services
from cloudpark.reviews.models import ReviewCase

POSTING_CREATED = audit.register("jobs.posting.created", _("Job posting drafted"))
POSTING_UPDATED = audit.register("jobs.posting.updated", _("Job posting changed"))
POSTING_SUBMITTED = audit.register(
    "jobs.posting.submitted", _("Job posting sent to the park for review")
)
POSTING_RESUBMITTED = audit.register(
    "jobs.posting.resubmitted", _("Job posting sent to the park again after changes")
)
POSTING_READ = audit.register(
    "jobs.posting.read", _("Job posting read by the park and passed on to its decision")
)
POSTING_PUBLISHED = audit.register("jobs.posting.published", _("Job posting published"))
POSTING_RETURNED = audit.register("jobs.posting.returned", _("Job posting returned by the park"))
POSTING_REJECTED = audit.register("jobs.posting.rejected", _("Job posting rejected by the park"))
POSTING_WITHDRAWN = audit.register(
    "jobs.posting.withdrawn", _("Job posting withdrawn from the park's review and closed")
)
POSTING_CLOSED = audit.register("jobs.posting.closed", _("Job posting closed"))
PARK_REVIEW_SET = audit.register(
    "jobs.park.review_set", _("Review of job postings switched on or off")
)
PROFILE_SAVED = audit.register("jobs.profile.saved", _("Résumé saved"))
PROFILE_EXPORTED = audit.register("jobs.profile.exported", _("Résumé exported"))
PROFILE_DELETED = audit.register("jobs.profile.deleted", _("Résumé deleted"))
APPLICATION_SUBMITTED = audit.register(
    "jobs.application.submitted", _("Applied, with consent to give the résumé")
)
APPLICATION_MOVED = audit.register("jobs.application.moved", _("Application moved on"))
INTERVIEW_ACCEPTED = audit.register(
    "jobs.application.interview_accepted", _("Interview accepted by the candidate")
)
OFFER_ANSWERED = audit.register("jobs.application.offer_answered", _("Offer answered"))
APPLICATION_WITHDRAWN = audit.register("jobs.application.withdrawn", _("Application withdrawn"))
CONTACT_REVEALED = audit.register(
    "jobs.application.contact_revealed", _("Candidate's contact details shown")
)
RESUME_ERASED = audit.register("jobs.application.resume_erased", _("Résumé copy erased"))
FOLLOWED = audit.register("jobs.follow.created", _("Followed"))
UNFOLLOWED = audit.register("jobs.follow.removed", _("Unfollowed"))

POSTING_WITHDRAWN_NOTICE = notifications.register(
    "jobs.posting_withdrawn",
    _("%(enterprise)s closed the job posting %(title)s; it no longer awaits your review."),
)
FOLLOWED_POSTED = notifications.register(
    "jobs.followed_posted", _("%(enterprise)s posted a job: %(title)s.")
)
FOLLOWED_EVENT = notifications.register(
    "jobs.followed_event", _("%(organizer)s published an event: %(event)s.")
)
APPLICATION_RECEIVED = notifications.register(
    "jobs.application_received", _("A new application for %(title)s.")
)
APPLICATION_STATE_NOTICE = notifications.register(
    "jobs.application_moved",
    _("Your application for %(title)s at %(enterprise)s: %(state)s. %(note)s"),
)
CANDIDATE_ANSWERED = notifications.register(
    "jobs.candidate_answered", _("A candidate for %(title)s: %(answer)s.")
)

POSTING_FIELDS = (
    "title",
    "category",
    "nature",
    "headcount",
    "salary_min",
    "salary_max",
    "salary_months",
    "experience",
    "education",
    "city",
    "district",
    "skills",
    "description",
    "conditions",
    "benefits",
    "valid_until",
)
# Where discriminatory words are looked for, in the order a form shows the fields.
SCREENED_FIELDS = ("title", "skills", "description", "conditions", "benefits")
PROFILE_FIELDS = (
    "headline",
    "summary",
    "city",
    "district",
    "categories",
    "experience",
    "education",
    "skills",
    "visibility",
    "automated_ranking",
)
EDUCATION_FIELDS = ("school", "degree", "major", "start_year", "end_year")
EXPERIENCE_FIELDS = ("employer", "role", "category", "start_year", "end_year", "description")
WORK_FIELDS = ("title", "role", "year", "link", "description")
MAX_SKILLS = 20
MAX_POSTING_DAYS = 365


def _in_platform_language(label):
    """Notification parameters are stored as text, in the platform's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(label)


def _managers_of(organization):
    return org_selectors.people_with(organization, org_enums.Capability.MANAGE_PROFILE)


def _check_manages(enterprise, actor):
    if not org_selectors.has_capability(actor, enterprise, org_enums.Capability.MANAGE_PROFILE):
        raise DomainError(_t("Only the enterprise's administrators may do this."))


def _clean_skills(value, field="skills"):
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = value.replace("，", ",").replace("、", ",").split(",")
    skills = list(dict.fromkeys(str(skill).strip() for skill in value if str(skill).strip()))
    if len(skills) > MAX_SKILLS:
        raise DomainError(_t("List at most %(count)s skills.") % {"count": MAX_SKILLS}, field=field)
    if any(len(skill) > 30 for skill in skills):
        raise DomainError(_t("A skill is at most 30 characters long."), field=field)
    return skills


def _check_place(city, district):
    if city is not None and city.level != org_enums.RegionLevel.CITY:
        raise DomainError(_t("Choose a city."), field="city")
    if district is not None and (city is None or district.parent_id != city.pk):
        raise DomainError(_t("The district must lie in the city chosen."), field="district")


# Postings ----------------------------------------------------------------------------------


def screen_posting_text(values):
    """Refuse words that limit applicants by sex, ethnicity, household registration, region,
    marital or child-bearing status, or age beyond the law; the words are named back."""
    for name in SCREENED_FIELDS:
        value = values.get(name)
        text = " ".join(value) if isinstance(value, list | tuple) else value
        found = reference.discriminatory_phrases(text)
        if found:
            detail = "; ".join(
                f"{label}: {'、'.join(f'“{word}”' for word in words)}" for label, words in found
            )
            raise DomainError(
                _t("A posting may not limit who can apply (%(detail)s). Remove these words.")
                % {"detail": detail},
                field=name,
            )


def _check_posting(posting):
    if posting.salary_min is None:
        raise DomainError(
            _t("Give the lowest monthly salary: every posting states its pay."),
            field="salary_min",
        )
    if posting.salary_max is None:
        raise DomainError(
            _t("Give the highest monthly salary: every posting states its pay."),
            field="salary_max",
        )
    if posting.salary_min > posting.salary_max:
        raise DomainError(
            _t("The lowest salary (%(low)sK) cannot exceed the highest (%(high)sK).")
            % {"low": posting.salary_min, "high": posting.salary_max},
            field="salary_min",
        )
    if posting.valid_until is None:
        raise DomainError(
            _t("Give the date until which the posting is valid."), field="valid_until"
        )
    _check_place(posting.city if posting.city_id else None, posting.district)
    screen_posting_text({name: getattr(posting, name) for name in SCREENED_FIELDS})
    validated(posting, exclude=["enterprise", "park", "search_text"])


def _check_validity_ahead(posting):
    today = timezone.localdate()
    if posting.valid_until < today:
        raise DomainError(
            _t("The validity date has passed: choose a date from today on."),
            field="valid_until",
        )
    if posting.valid_until > today + timedelta(days=MAX_POSTING_DAYS):
        raise DomainError(
            _t("A posting is valid for at most a year: choose an earlier date."),
            field="valid_until",
        )


def _posting_values(values):
    values = dict(values)
    if "skills" in values:
        values["skills"] = _clean_skills(values["skills"])
    for name in ("valid_until",):
        if isinstance(values.get(name), str):
            try:
                values[name] = date.fromisoformat(values[name])
            except ValueError:
                raise DomainError(_t("Give the date as YYYY-MM-DD."), field=name) from None
    return values


@transaction.atomic
def create_posting(enterprise, *, actor, values):
    """A draft posting of ``enterprise``; everything is checked now, not at publication."""
    _check_manages(enterprise, actor)
    values = _posting_values(values)
    unknown = set(values) - set(POSTING_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    posting = JobPosting(enterprise=enterprise, park=enterprise.park, **values)
    _check_posting(posting)
    _check_validity_ahead(posting)
    posting.save()
    audit.log_action(posting, POSTING_CREATED, actor=actor, data={"title": posting.title})
    return posting


@transaction.atomic
def update_posting(posting, *, actor, values):
    posting = locked(posting)
    _check_manages(posting.enterprise, actor)
    if posting.state not in enums.EDITABLE_POSTING_STATES:
        raise DomainError(_t("Only a draft can be changed; close this posting and post anew."))
    changed = apply_changes(posting, _posting_values(values), allowed=POSTING_FIELDS)
    if not changed:
        return posting
    _check_posting(posting)
    _check_validity_ahead(posting)
    posting.save(update_fields=[*changed, "updated_at"])
    audit.log_action(posting, POSTING_UPDATED, actor=actor, data={"fields": changed})
    return posting


def park_reviews_postings(park):
    if park is None:
        return False
    return ParkJobSettings.objects.filter(park=park, review_postings=True).exists()


def park_review_stages(park):
    """How many stages the park's review of postings has (1 when it has no settings)."""
    if park is None:
        return 1
    return (
        ParkJobSettings.objects.filter(park=park).values_list("review_stages", flat=True).first()
        or 1
    )


@transaction.atomic
def set_park_review(park, *, actor, required, stages=None):
    """Whether ``park`` reviews its enterprises' postings, and in how many ``stages`` (1 or
    2; unchanged when None). Postings already in review finish the review they started."""
    settings_row, _created = ParkJobSettings.objects.select_for_update().get_or_create(park=park)
    stages = settings_row.review_stages if stages is None else stages
    if stages not in (1, 2):
        raise DomainError(_t("A review has one stage or two."), field="review_stages")
    if (settings_row.review_postings, settings_row.review_stages) == (required, stages):
        return settings_row
    settings_row.review_postings = required
    settings_row.review_stages = stages
    settings_row.save(update_fields=["review_postings", "review_stages"])
    audit.log_action(
        park, PARK_REVIEW_SET, actor=actor, data={"required": required, "stages": stages}
    )
    return settings_row


def _notify_followers(posting):
    enterprise = posting.enterprise
    followers = Follow.objects.filter(
        Q(organization_id=enterprise.pk) | Q(organization_id=posting.park_id),
        notify=True,
    ).select_related("user")
    notifications.notify(
        [follow.user for follow in followers],
        FOLLOWED_POSTED,
        params={"enterprise": enterprise.name, "title": posting.title},
        url=links.url("jobs.posting.public", posting.pk),
    )


def posting_flow():
    return review_flows.get(JobPosting.review_flow_key)


def case_of(posting):
    """The park's review of ``posting``, or None when it was never sent to one."""
    if posting.review_case_id is None:
        return None
    return ReviewCase.objects.filter(pk=posting.review_case_id).first()


@transaction.atomic
def publish_posting(posting, *, actor):
    """Publish a draft at once, or send it to its park's review when the park reviews
    postings (``jobs.flows``); a posting the park returned goes back to that review."""
    posting = locked(posting, select_related=["enterprise"])
    _check_manages(posting.enterprise, actor)
    returned = posting.state == PostingState.RETURNED
    park = posting.park if returned else posting.enterprise.park
    reviewed = returned or park_reviews_postings(park)
    target = PostingState.IN_REVIEW if reviewed else PostingState.PUBLISHED
    if not check_transition(
        enums.POSTING_TRANSITIONS,
        posting.state,
        target,
        message=_t("A posting that is %(state)s cannot be published.")
        % {"state": posting.get_state_display()},
    ):
        return posting
    _check_posting(posting)
    _check_validity_ahead(posting)
    posting.park = park
    posting.save(update_fields=["park"])
    if reviewed:
        review_services.submit(
            posting,
            flow=posting_flow(),
            applicant=posting.enterprise,
            actor=actor,
            label=posting.title,
        )
        return JobPosting.objects.select_related("enterprise").get(pk=posting.pk)
    posting.state = PostingState.PUBLISHED
    posting.published_at = timezone.now()
    posting.save(update_fields=["state", "published_at", "updated_at"])
    audit.log_action(
        posting, POSTING_PUBLISHED, actor=actor, data={"valid_until": posting.valid_until}
    )
    _notify_followers(posting)
    return posting


@transaction.atomic
def close_posting(posting, *, actor):
    """Close a posting; one in the park's review (or returned by it) is withdrawn from the
    review, and the reviewers it awaited are told."""
    posting = locked(posting, select_related=["enterprise"])
    _check_manages(posting.enterprise, actor)
    if not check_transition(
        enums.POSTING_TRANSITIONS,
        posting.state,
        PostingState.CLOSED,
        message=_t("This posting cannot be closed."),
    ):
        return posting
    case = case_of(posting)
    if case is not None and case.is_open:
        review_services.withdraw(case, actor=actor)
        return JobPosting.objects.select_related("enterprise").get(pk=posting.pk)
    posting.state = PostingState.CLOSED
    posting.closed_at = timezone.now()
    posting.save(update_fields=["state", "closed_at", "updated_at"])
    audit.log_action(posting, POSTING_CLOSED, actor=actor)
    return posting


# The hooks of ``jobs.flows``. They run inside the engine's transaction, the posting's row
# locked; a ``DomainError`` undoes the engine's step.


def check_publishable(step):
    """A posting the park approves is published only while its validity date is ahead."""
    posting = step.subject
    _check_posting(posting)
    _check_validity_ahead(posting)
    step.fields["published_at"] = timezone.now()
    step.log["valid_until"] = posting.valid_until


def announce_published(step):
    _notify_followers(step.subject)


def stamp_withdrawn(step):
    step.fields["closed_at"] = timezone.now()


def posting_managers(case):
    """Who acts for the enterprise in the park's review: its administrators."""
    return _managers_of(case.subject.enterprise)


def withdrawal_params(case, posting):
    return {"enterprise": posting.enterprise.name, "title": posting.title}


# Résumés -----------------------------------------------------------------------------------


def _region(value, field):
    if value in (None, ""):
        return None
    if isinstance(value, Region):
        return value
    region = Region.objects.filter(pk=value).first()
    if region is None:
        raise DomainError(_t("Choose a place from the list."), field=field)
    return region


def _clean_profile_values(values):
    values = dict(values)
    if "skills" in values:
        values["skills"] = _clean_skills(values["skills"])
    if "categories" in values:
        categories = list(dict.fromkeys(values["categories"] or []))
        if any(category not in enums.JobCategory.values for category in categories):
            raise DomainError(_t("Choose fields from the list."), field="categories")
        values["categories"] = categories
    for name in ("city", "district"):
        if name in values:
            values[name] = _region(values[name], name)
    return values


@transaction.atomic
def save_profile(user, *, actor, values):
    """Create or change ``user``'s résumé. Only the person writes it."""
    if actor is None or actor.pk != user.pk:
        raise DomainError(_t("Only its owner changes a résumé."))
    profile = Profile.objects.select_for_update().filter(user=user).first()
    created = profile is None
    if created:
        profile = Profile(user=user)
    values = _clean_profile_values(values)
    changed = apply_changes(profile, values, allowed=PROFILE_FIELDS)
    if not changed and not created:
        return profile
    _check_place(profile.city, profile.district)
    validated(profile, exclude=["user"])
    profile.save()
    audit.log_action(profile, PROFILE_SAVED, actor=actor, data={"fields": changed})
    return profile


ROWS = {
    "education": (ProfileEducation, EDUCATION_FIELDS),
    "experience": (ProfileExperience, EXPERIENCE_FIELDS),
    "work": (ProfileWork, WORK_FIELDS),
}


def _check_years(row):
    start = getattr(row, "start_year", None)
    end = getattr(row, "end_year", None)
    if start is not None and end is not None and end < start:
        raise DomainError(_t("The end year cannot come before the start year."), field="end_year")


@transaction.atomic
def add_profile_row(profile, kind, *, actor, values):
    """Add an education, experience or work row to the résumé."""
    if actor is None or actor.pk != profile.user_id:
        raise DomainError(_t("Only its owner changes a résumé."))
    model, fields = ROWS[kind]
    unknown = set(values) - set(fields)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    row = model(profile=profile, **values)
    _check_years(row)
    validated(row, exclude=["profile"])
    row.save()
    profile.save(update_fields=["updated_at"])
    audit.log_action(profile, PROFILE_SAVED, actor=actor, data={"added": kind})
    return row


@transaction.atomic
def remove_profile_row(row, *, actor):
    profile = row.profile
    if actor is None or actor.pk != profile.user_id:
        raise DomainError(_t("Only its owner changes a résumé."))
    kind = next(key for key, (model, _fields) in ROWS.items() if isinstance(row, model))
    row.delete()
    audit.log_action(profile, PROFILE_SAVED, actor=actor, data={"removed": kind})


def resume_of(profile):
    """The résumé as data: what an application gives an employer, and what an export holds."""
    user = profile.user
    return {
        "name": user.name,
        "email": user.email,
        "mobile": user.mobile,
        "headline": profile.headline,
        "summary": profile.summary,
        "city": str(profile.city) if profile.city_id else "",
        "district": str(profile.district) if profile.district_id else "",
        "categories": list(profile.categories),
        "experience": profile.experience,
        "education": profile.education,
        "skills": list(profile.skills),
        "education_rows": [
            {name: getattr(row, name) for name in EDUCATION_FIELDS}
            for row in profile.education_rows.all()
        ],
        "experience_rows": [
            {name: getattr(row, name) for name in EXPERIENCE_FIELDS}
            for row in profile.experience_rows.all()
        ],
        "works": [
            {name: getattr(row, name) for name in WORK_FIELDS} for row in profile.work_rows.all()
        ],
        "credits": [
            {
                "source": credit.source,
                "label": str(credit.label),
                "title": str(credit.title),
                "detail": str(credit.detail),
                "on": credit.on.isoformat(),
                "url": credit.url,
            }
            for credit in credits.credits_for(user)
        ],
    }


def export_profile(user, *, actor):
    """Everything the platform holds of ``user``'s job search, as data (PIPL arts. 45, 47)."""
    profile = Profile.objects.filter(user=user).first()
    applications = Application.objects.filter(applicant=user).select_related("posting__enterprise")
    data = {
        "resume": resume_of(profile) if profile else None,
        "visibility": profile.visibility if profile else None,
        "automated_ranking": profile.automated_ranking if profile else None,
        "applications": [
            {
                "posting": application.posting.title,
                "enterprise": application.posting.enterprise.name,
                "state": application.state,
                "applied_at": application.created_at.isoformat(),
                "consent_given_at": application.consent_given_at.isoformat(),
                "consent_text": application.consent_text,
                "resume_given": application.resume,
                "resume_erased_at": (
                    application.resume_erased_at.isoformat()
                    if application.resume_erased_at
                    else None
                ),
            }
            for application in applications
        ],
        "follows": [
            {"kind": follow.kind, "target": str(follow.target), "notify": follow.notify}
            for follow in Follow.objects.filter(user=user).select_related("organization", "event")
        ],
    }
    if profile is not None:
        audit.log_action(profile, PROFILE_EXPORTED, actor=actor)
    return data


def _erase(application, *, actor, reason):
    application.resume = {}
    application.cover_letter = ""
    application.resume_erased_at = timezone.now()
    application.save(update_fields=["resume", "cover_letter", "resume_erased_at", "updated_at"])
    audit.log_action(application, RESUME_ERASED, actor=actor, data={"reason": reason})


@transaction.atomic
def delete_profile(user, *, actor):
    """Delete the résumé and every copy given to employers; open applications are withdrawn."""
    if actor is None or actor.pk != user.pk:
        raise DomainError(_t("Only its owner deletes a résumé."))
    applications = Application.objects.select_for_update().filter(
        applicant=user, resume_erased_at__isnull=True
    )
    for application in applications:
        if application.is_open:
            application.state = ApplicationState.WITHDRAWN
            application.decided_at = timezone.now()
            application.save(update_fields=["state", "decided_at", "updated_at"])
            audit.log_action(application, APPLICATION_WITHDRAWN, actor=actor)
        _erase(application, actor=actor, reason="deleted_by_person")
    deleted, _rows = Profile.objects.filter(user=user).delete()
    audit.log_action(user, PROFILE_DELETED, actor=actor)
    return deleted > 0


# Applications ------------------------------------------------------------------------------


def consent_text(posting):
    """The separate consent (PIPL art. 23) a person gives to apply, naming the employer."""
    return _t(
        "I agree that Cloud Park gives my résumé, contact details included, to %(employer)s "
        "for the post of %(title)s. %(employer)s sees my contact details only once I accept "
        "an interview. The copy is erased %(days)s days after the posting ends, or when I "
        "delete my résumé."
    ) % {
        "employer": posting.enterprise.name,
        "title": posting.title,
        "days": settings.JOB_RESUME_RETENTION_DAYS,
    }


@transaction.atomic
def apply_for(posting, *, applicant, consent, cover_letter=""):
    """Apply for ``posting`` with the résumé, once the person has given separate consent."""
    posting = locked(posting, select_related=["enterprise"])
    if not posting.is_open:
        raise DomainError(_t("This posting no longer takes applications."))
    if not consent:
        raise DomainError(
            _t("Agree to give this employer your résumé: without your consent it cannot be sent."),
            field="consent",
        )
    profile = (
        Profile.objects.filter(user=applicant)
        .prefetch_related("education_rows", "experience_rows", "work_rows")
        .select_related("user", "city", "district")
        .first()
    )
    if profile is None:
        raise DomainError(_t("Fill in your résumé before you apply."))
    if profile.visibility == enums.ResumeVisibility.PRIVATE:
        raise DomainError(
            _t(
                "Your résumé is set to be seen by nobody. Let the employers you apply to see "
                "it, then apply."
            )
        )
    if org_selectors.membership_in(applicant, posting.enterprise) is not None:
        raise DomainError(_t("You cannot apply to an enterprise you belong to."))
    if Application.objects.filter(posting=posting, applicant=applicant).exists():
        raise DomainError(_t("You have already applied for this posting."))
    application = Application.objects.create(
        posting=posting,
        applicant=applicant,
        cover_letter=(cover_letter or "").strip(),
        resume=resume_of(profile),
        consent_given_at=timezone.now(),
        consent_text=consent_text(posting),
    )
    audit.log_action(
        application,
        APPLICATION_SUBMITTED,
        actor=applicant,
        data={"consent": True, "posting": posting.pk},
    )
    notifications.notify(
        _managers_of(posting.enterprise),
        APPLICATION_RECEIVED,
        params={"title": posting.title},
        url=links.url("jobs.application.enterprise", application.pk),
    )
    return application


def _notify_applicant(application, note=""):
    notifications.notify(
        [application.applicant],
        APPLICATION_STATE_NOTICE,
        params={
            "title": application.posting.title,
            "enterprise": application.posting.enterprise.name,
            "state": _in_platform_language(application.get_state_display()),
            "note": note,
        },
        url=links.url("jobs.application.individual", application.pk),
    )


def _notify_employer(application, answer):
    notifications.notify(
        _managers_of(application.posting.enterprise),
        CANDIDATE_ANSWERED,
        params={"title": application.posting.title, "answer": _in_platform_language(answer)},
        url=links.url("jobs.application.enterprise", application.pk),
    )


def _move(application, target, *, actor, message, data=None):
    """Move ``application`` to ``target``; False when it is there already."""
    if not check_transition(
        enums.APPLICATION_TRANSITIONS, application.state, target, message=message
    ):
        return False
    application.state = target
    fields = ["state", "updated_at"]
    if target in enums.FINAL_APPLICATION_STATES:
        application.decided_at = timezone.now()
        fields.append("decided_at")
    application.save(update_fields=fields)
    audit.log_action(
        application, APPLICATION_MOVED, actor=actor, data={"state": target, **(data or {})}
    )
    return True


@transaction.atomic
def mark_viewed(application, *, actor):
    """The employer opened the application: a new one becomes viewed, nothing else moves."""
    application = locked(application, select_related=["posting__enterprise", "applicant"])
    if application.state != ApplicationState.APPLIED:
        return application
    _check_manages(application.posting.enterprise, actor)
    _move(application, ApplicationState.VIEWED, actor=actor, message="")
    _notify_applicant(application)
    return application


@transaction.atomic
def move_application(application, target, *, actor, note=""):
    """The employer's steps: shortlist, invite to an interview, make an offer, decline."""
    application = locked(application, select_related=["posting__enterprise", "applicant"])
    _check_manages(application.posting.enterprise, actor)
    target = ApplicationState(target)
    if target not in enums.EMPLOYER_MOVES:
        raise TransitionNotAllowed(_t("Only the candidate takes this step."))
    note = (note or "").strip()
    if target == ApplicationState.INTERVIEW and not note:
        raise DomainError(_t("Say when and where the interview takes place."), field="note")
    moved = _move(
        application,
        target,
        actor=actor,
        message=_t("An application that is %(state)s cannot become %(target)s.")
        % {"state": application.get_state_display(), "target": target.label},
        data={"note": note} if note else None,
    )
    if moved:
        _notify_applicant(application, note)
    return application


def _check_own(application, actor):
    if actor is None or actor.pk != application.applicant_id:
        raise DomainError(_t("Only the candidate takes this step."))


@transaction.atomic
def accept_interview(application, *, actor):
    """The candidate accepts the interview; from now on the employer may see the contact."""
    application = locked(application, select_related=["posting__enterprise"])
    _check_own(application, actor)
    if application.state != ApplicationState.INTERVIEW:
        raise TransitionNotAllowed(_t("There is no interview to accept."))
    if application.interview_accepted_at is not None:
        return application
    application.interview_accepted_at = timezone.now()
    application.save(update_fields=["interview_accepted_at", "updated_at"])
    audit.log_action(application, INTERVIEW_ACCEPTED, actor=actor)
    _notify_employer(application, _("the interview is accepted"))
    return application


@transaction.atomic
def answer_offer(application, *, actor, accept):
    application = locked(application, select_related=["posting__enterprise"])
    _check_own(application, actor)
    if application.state != ApplicationState.OFFER:
        raise TransitionNotAllowed(_t("There is no offer to answer."))
    target = ApplicationState.HIRED if accept else ApplicationState.DECLINED
    _move(application, target, actor=actor, message="", data={"by": "candidate"})
    audit.log_action(application, OFFER_ANSWERED, actor=actor, data={"accepted": accept})
    _notify_employer(
        application, _("the offer is accepted") if accept else _("the offer is declined")
    )
    return application


@transaction.atomic
def withdraw_application(application, *, actor):
    application = locked(application, select_related=["posting__enterprise"])
    _check_own(application, actor)
    if not check_transition(
        enums.APPLICATION_TRANSITIONS,
        application.state,
        ApplicationState.WITHDRAWN,
        message=_t("An application that is %(state)s cannot be withdrawn.")
        % {"state": application.get_state_display()},
    ):
        return application
    application.state = ApplicationState.WITHDRAWN
    application.decided_at = timezone.now()
    application.save(update_fields=["state", "decided_at", "updated_at"])
    audit.log_action(application, APPLICATION_WITHDRAWN, actor=actor)
    _notify_employer(application, _("the application is withdrawn"))
    return application


def reveal_contact(application, *, actor):
    """The candidate's contact details, for an employer the candidate accepted an interview
    with; every time they are shown is written to the audit log."""
    _check_manages(application.posting.enterprise, actor)
    if not application.contact_revealable:
        raise DomainError(
            _t("The contact details stay hidden until the candidate accepts an interview.")
        )
    resume = application.resume
    contact = {
        "name": resume.get("name", ""),
        "email": resume.get("email", ""),
        "mobile": resume.get("mobile", ""),
    }
    audit.log_action(application, CONTACT_REVEALED, actor=actor, data={"fields": sorted(contact)})
    return contact


def resumes_due_for_erasure(today=None):
    """Applications whose résumé copy has outlived the retention period after its posting ended."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=settings.JOB_RESUME_RETENTION_DAYS)
    return Application.objects.filter(resume_erased_at__isnull=True).filter(
        Q(posting__closed_at__date__lt=cutoff)
        | Q(posting__state=PostingState.PUBLISHED, posting__valid_until__lt=cutoff)
    )


def purge_expired_resumes(today=None):
    """Erase every résumé copy past its retention period; returns how many were erased."""
    count = 0
    for pk in resumes_due_for_erasure(today).values_list("pk", flat=True):
        with transaction.atomic():
            application = Application.objects.select_for_update().get(pk=pk)
            if application.resume_erased_at is None:
                _erase(application, actor=None, reason="retention_period")
                count += 1
    return count


# Follows -----------------------------------------------------------------------------------


def _follow_target(target):
    if isinstance(target, Event):
        if target.status not in event_enums.PUBLIC_STATUSES:
            raise DomainError(_t("This event is not public."))
        return enums.FollowKind.EVENT, {"event": target}
    organization = target if isinstance(target, Organization) else None
    kinds = {
        org_enums.OrganizationKind.ENTERPRISE: enums.FollowKind.ENTERPRISE,
        org_enums.OrganizationKind.PARK: enums.FollowKind.PARK,
    }
    if organization is None or organization.kind not in kinds:
        raise DomainError(_t("Only enterprises, parks and events can be followed."))
    organization = Organization.objects.get(pk=organization.pk)
    return kinds[organization.kind], {"organization": organization}


@transaction.atomic
def follow(user, target, *, notify=True):
    kind, where = _follow_target(target)
    existing = Follow.objects.filter(user=user, **where).first()
    if existing is not None:
        return existing
    created = Follow.objects.create(user=user, kind=kind, notify=notify, **where)
    audit.log_action(created, FOLLOWED, actor=user, data={"kind": kind})
    return created


def notify_event_followers(event):
    """Tell the people who follow ``event``'s organiser (or, for a part, its main event) and
    asked to be told, that it is published. Called by ``events.services.publish_event``."""
    if event.parent_id is not None:
        followers = Follow.objects.filter(event_id=event.parent_id, notify=True)
    else:
        followers = Follow.objects.filter(organization_id=event.owner_id, notify=True)
    users = [follow.user for follow in followers.select_related("user")]
    if not users:
        return []
    return notifications.notify(
        users,
        FOLLOWED_EVENT,
        params={"organizer": event.owner.name, "event": event.title},
        url=links.url("events.event.public", event.pk),
    )


@transaction.atomic
def set_follow_notify(follow_row, *, actor, notify):
    if actor is None or actor.pk != follow_row.user_id:
        raise DomainError(_t("Only the follower changes this."))
    if follow_row.notify != notify:
        follow_row.notify = notify
        follow_row.save(update_fields=["notify", "updated_at"])
    return follow_row


@transaction.atomic
def unfollow(follow_row, *, actor):
    if actor is None or actor.pk != follow_row.user_id:
        raise DomainError(_t("Only the follower changes this."))
    audit.log_action(follow_row, UNFOLLOWED, actor=actor, data={"kind": follow_row.kind})
    follow_row.delete()
