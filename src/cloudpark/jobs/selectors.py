"""Reads of talent and jobs. Every object a page or the API shows comes from here, starting
from what the person or the acting organisation may see; anything else is a 404."""

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from cloudpark.core import privacy, search
from cloudpark.events import enums as event_enums
from cloudpark.events.models import Event
from cloudpark.jobs import enums, matching
from cloudpark.jobs.enums import ApplicationState, PostingState, ResumeVisibility
from cloudpark.jobs.models import Application, Follow, JobPosting, Profile
from cloudpark.orgs import selectors as org_selectors

POSTING_RELATED = ("enterprise", "park", "city", "district")
APPLICATION_RELATED = (
    "posting__enterprise",
    "posting__park",
    "posting__city",
    "posting__district",
    "applicant",
)


def _get(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# Postings ----------------------------------------------------------------------------------


def open_postings():
    """Published postings still valid today: an expired one leaves by this condition alone."""
    return JobPosting.objects.filter(
        state=PostingState.PUBLISHED, valid_until__gte=timezone.localdate()
    ).select_related(*POSTING_RELATED)


def filter_postings(
    queryset,
    *,
    query="",
    category="",
    city=None,
    district=None,
    salary_from=None,
    experience="",
    education="",
    nature="",
    park=None,
):
    if query:
        queryset = search.search(queryset, query)
    if category:
        queryset = queryset.filter(category=category)
    if city:
        queryset = queryset.filter(city=city)
    if district:
        queryset = queryset.filter(district=district)
    if salary_from:
        # A range reaching the wish fits it: 8-13K fits a wish of 10K.
        queryset = queryset.filter(salary_max__gte=salary_from)
    if experience:
        queryset = queryset.filter(experience=experience)
    if education:
        queryset = queryset.filter(education=education)
    if nature:
        queryset = queryset.filter(nature=nature)
    if park:
        queryset = queryset.filter(park=park)
    return queryset


def get_public_posting(pk):
    return _get(open_postings(), pk)


def postings_of(enterprise):
    return JobPosting.objects.filter(enterprise=enterprise).select_related(*POSTING_RELATED)


def get_posting_for(enterprise, pk):
    return _get(postings_of(enterprise), pk)


def postings_for_park(park):
    """Postings of the park's enterprises that the park sees: in review or past it."""
    return (
        JobPosting.objects.filter(park=park)
        .exclude(state=PostingState.DRAFT)
        .select_related(*POSTING_RELATED)
    )


def get_posting_for_park(park, pk):
    return _get(postings_for_park(park), pk)


def posting_cities():
    """The cities and districts that open postings are in, for the list's filter."""
    return open_postings().values_list("city", "district").distinct()


# Résumés -----------------------------------------------------------------------------------


def profile_of(user):
    if user is None or not user.is_authenticated:
        return None
    return (
        Profile.objects.filter(user=user)
        .select_related("user", "city", "district")
        .prefetch_related("education_rows", "experience_rows", "work_rows")
        .first()
    )


def open_profiles():
    """Résumés open to every enterprise of the zone whose owners accept automated ranking."""
    return Profile.objects.filter(
        visibility=ResumeVisibility.OPEN, automated_ranking=True, user__is_active=True
    ).select_related("user", "city", "district")


def masked_name(name):
    return privacy.mask_name(name)


def masked_contact(resume):
    return {
        "name": privacy.mask_name(resume.get("name", "")),
        "email": privacy.mask_email(resume.get("email", "")),
        "mobile": privacy.mask_phone(resume.get("mobile", "")),
    }


def suggested_candidates(posting, *, limit=10):
    """Open résumés that fit ``posting``, best first, each with its reasons; people who
    applied already are left out (they are in the applications)."""
    applied = Application.objects.filter(posting=posting).values("applicant_id")
    profiles = (
        open_profiles()
        .exclude(user_id__in=applied)
        .exclude(user__memberships__organization_id=posting.enterprise_id)
    )
    return matching.ranked(
        (profile, matching.match(profile, posting)) for profile in profiles[:500]
    )[:limit]


def suggested_postings(user, *, limit=10):
    """Open postings that fit ``user``'s résumé, best first, with the reasons. Nothing for a
    person without a résumé."""
    profile = profile_of(user)
    if profile is None:
        return []
    applied = Application.objects.filter(applicant=user).values("posting_id")
    candidates = open_postings().exclude(pk__in=applied)
    if profile.categories:
        candidates = candidates.filter(category__in=profile.categories)
    return matching.ranked(
        (posting, matching.match(profile, posting)) for posting in candidates[:500]
    )[:limit]


# Applications ------------------------------------------------------------------------------


def applications_of(user):
    if user is None or not user.is_authenticated:
        return Application.objects.none()
    return Application.objects.filter(applicant=user).select_related(*APPLICATION_RELATED)


def get_application_of(user, pk):
    return _get(applications_of(user), pk)


def applications_to(enterprise):
    return Application.objects.filter(posting__enterprise=enterprise).select_related(
        *APPLICATION_RELATED
    )


def get_application_for(enterprise, pk):
    return _get(applications_to(enterprise), pk)


def filter_applications(queryset, *, posting=None, state=""):
    if posting:
        queryset = queryset.filter(posting=posting)
    if state:
        queryset = queryset.filter(state=state)
    return queryset


def match_reasons(application, profiles=None):
    """Why the candidate fits the posting, from the résumé they gave; none for a person who
    refused automated ranking."""
    profile = (profiles or {}).get(application.applicant_id)
    if profile is None or not profile.automated_ranking:
        return []
    return matching.match(profile, application.posting).reasons


def profiles_by_user(applications):
    """The résumés behind ``applications``, by user id, in one query."""
    ids = {application.applicant_id for application in applications}
    return {
        profile.user_id: profile
        for profile in Profile.objects.filter(user_id__in=ids).select_related("city", "district")
    }


# Follows -----------------------------------------------------------------------------------


def follows_of(user):
    if user is None or not user.is_authenticated:
        return Follow.objects.none()
    return Follow.objects.filter(user=user).select_related("organization", "event")


def get_follow_of(user, pk):
    return _get(follows_of(user), pk)


def follow_of(user, *, organization=None, event=None):
    if user is None or not user.is_authenticated:
        return None
    if organization is not None:
        return Follow.objects.filter(user=user, organization_id=organization.pk).first()
    return Follow.objects.filter(user=user, event_id=event.pk).first()


def feed_of(user, *, limit=30):
    """What the people and places ``user`` follows have published: open postings and public
    events, newest first, as ``(when, kind, object)``."""
    follows = list(Follow.objects.filter(user=user).values_list("kind", "organization", "event"))
    enterprises = [org for kind, org, _e in follows if kind == enums.FollowKind.ENTERPRISE]
    parks = [org for kind, org, _e in follows if kind == enums.FollowKind.PARK]
    events = [event for kind, _o, event in follows if kind == enums.FollowKind.EVENT]
    postings = open_postings().filter(Q(enterprise__in=enterprises) | Q(park__in=parks))[:limit]
    public_events = (
        Event.objects.filter(status__in=event_enums.PUBLIC_STATUSES)
        .filter(
            Q(owner__in=parks) | Q(owner__in=enterprises) | Q(pk__in=events) | Q(parent__in=events)
        )
        .order_by("-starts_at")[:limit]
    )
    items = [(posting.published_at, "posting", posting) for posting in postings]
    items += [(event.created_at, "event", event) for event in public_events]
    items.sort(key=lambda item: item[0], reverse=True)
    return items[:limit]


# Figures -----------------------------------------------------------------------------------


def talent_figures(organization):
    """Counts by category for the enterprises a park or government body looks after:
    postings published, applications, hires. Counts only, never a person."""
    enterprises = org_selectors.enterprises_in_care_of(organization)
    # Published at some time, open, expired or closed since.
    postings = JobPosting.objects.filter(
        org_selectors.among(enterprises), published_at__isnull=False
    )
    applications = Application.objects.filter(posting__in=postings)
    posting_counts = dict(
        postings.values("category").annotate(n=Count("pk")).values_list("category", "n")
    )
    application_counts = dict(
        applications.values("posting__category")
        .annotate(n=Count("pk"))
        .values_list("posting__category", "n")
    )
    hire_counts = dict(
        applications.filter(state=ApplicationState.HIRED)
        .values("posting__category")
        .annotate(n=Count("pk"))
        .values_list("posting__category", "n")
    )
    rows = []
    for category in enums.JobCategory:
        if category.value not in posting_counts:
            continue
        rows.append(
            {
                "category": category,
                "label": category.label,
                "postings": posting_counts[category.value],
                "applications": application_counts.get(category.value, 0),
                "hires": hire_counts.get(category.value, 0),
            }
        )
    return rows
