"""Reads of the copyright register. A page or the API starts here, from what the enterprise
or the institution's member may see; anything else is a 404."""

from django.db.models import Count, Q, Sum
from django.http import Http404
from django.utils import timezone

from cloudpark.copyright import enums
from cloudpark.copyright.models import Licence, LicensingRequest, Pledge, Work
from cloudpark.finance import selectors as finance_selectors
from cloudpark.orgs import selectors as org_selectors

LICENCE_RELATED = ("work__enterprise", "licensee")
PLEDGE_RELATED = ("work__enterprise", "pledgee__organization")
REQUEST_RELATED = ("work__enterprise", "requester", "licence")


def _get(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# Works -------------------------------------------------------------------------------------


def works_of(enterprise):
    return Work.objects.filter(enterprise=enterprise).select_related("enterprise")


def works_for_user(user):
    """The works of every enterprise ``user`` belongs to: what the API takes as an id."""
    return Work.objects.filter(enterprise__in=org_selectors.enterprises_user_belongs_to(user))


def get_work_for(enterprise, pk):
    return _get(works_of(enterprise), pk)


def offered_works():
    """Registered works their holders offer for licensing: the public list."""
    return (
        Work.objects.filter(
            offered_for_licensing=True, registration_state=enums.RegistrationState.REGISTERED
        )
        .select_related("enterprise")
        .order_by("enterprise__name", "title", "pk")
    )


def get_offered_work(pk):
    return _get(offered_works(), pk)


def filter_works(works, *, category=None, query=None, registration_state=None):
    if category:
        works = works.filter(category=category)
    if registration_state:
        works = works.filter(registration_state=registration_state)
    if query:
        works = works.filter(
            Q(title__icontains=query)
            | Q(title_en__icontains=query)
            | Q(registration_number__icontains=query)
            | Q(software_registration_number__icontains=query)
        )
    return works


def encumbrances_of(work):
    """The work's licences and pledges, for its holder's page and the public page (a
    would-be licensee sees what is already granted, not the fees)."""
    return {
        "licences": list(work.licences.select_related("licensee").order_by("-starts_on", "-id")),
        "pledges": list(
            work.pledges.select_related("pledgee__organization").order_by("-starts_on", "-id")
        ),
    }


# Licences and pledges ----------------------------------------------------------------------


def licences_of(enterprise):
    """The licences granted on the enterprise's works."""
    return Licence.objects.filter(work__enterprise=enterprise).select_related(*LICENCE_RELATED)


def get_licence_for(enterprise, pk):
    return _get(licences_of(enterprise), pk)


def pledges_of(enterprise):
    return Pledge.objects.filter(work__enterprise=enterprise).select_related(*PLEDGE_RELATED)


def get_pledge_for(enterprise, pk):
    return _get(pledges_of(enterprise), pk)


def pledge_by_number(user, number):
    """The pledge registered under ``number``, for a person who acts for a financial
    institution; None when there is none (or the person acts for none)."""
    number = (number or "").strip()
    if not number or not finance_selectors.institution_ids_of(user):
        return None
    return Pledge.objects.select_related(*PLEDGE_RELATED).filter(number=number).first()


# Licensing requests ------------------------------------------------------------------------


def requests_of(enterprise):
    """Requests the enterprise sent or received."""
    return LicensingRequest.objects.filter(
        Q(requester=enterprise) | Q(work__enterprise=enterprise)
    ).select_related(*REQUEST_RELATED)


def get_request_for(enterprise, pk):
    return _get(requests_of(enterprise), pk)


# The zone's overview -----------------------------------------------------------------------


def overview():
    """Counts for the government's read-only overview: works by category and registration
    state, licences (exclusive or not) and pledges in force with their secured amount."""
    today = timezone.localdate()
    by_category = {
        row["category"]: row["count"]
        for row in Work.objects.values("category").annotate(count=Count("id"))
    }
    by_state = {
        row["registration_state"]: row["count"]
        for row in Work.objects.values("registration_state").annotate(count=Count("id"))
    }
    licences = Licence.objects.aggregate(
        total=Count("id"),
        exclusive=Count("id", filter=Q(exclusive=True)),
        current=Count("id", filter=Q(starts_on__lte=today, ends_on__gte=today)),
        fees=Sum("fee"),
    )
    pledges = Pledge.objects.filter(state=enums.PledgeState.ACTIVE).aggregate(
        total=Count("id"), amount=Sum("amount")
    )
    requests = {
        row["state"]: row["count"]
        for row in LicensingRequest.objects.values("state").annotate(count=Count("id"))
    }
    return {
        "categories": [
            (label, by_category.get(value, 0)) for value, label in enums.WorkCategory.choices
        ],
        "states": [
            (label, by_state.get(value, 0)) for value, label in enums.RegistrationState.choices
        ],
        "works": sum(by_category.values()),
        "licences": licences,
        "pledges": pledges,
        "requests": [
            (label, requests.get(value, 0)) for value, label in enums.RequestState.choices
        ],
    }


def enterprises_with_works():
    """Per holder: works, licences and pledges in force, for the government's export."""
    return (
        Work.objects.values("enterprise__name")
        .annotate(
            works=Count("id", distinct=True),
            registered=Count(
                "id",
                filter=Q(registration_state=enums.RegistrationState.REGISTERED),
                distinct=True,
            ),
            licences=Count("licences", distinct=True),
            pledges=Count(
                "pledges", filter=Q(pledges__state=enums.PledgeState.ACTIVE), distinct=True
            ),
        )
        .order_by("enterprise__name")
    )
