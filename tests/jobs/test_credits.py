"""Verified credits from the awards (creators of an awarded work) and the filings (writer,
director or lead actor of a filed drama), matched by the account's name and an active
membership of the organisation on record, and shown on the résumé with their source linked."""

import pytest
from django.urls import reverse

from cloudpark.awards.models import Credit as EntryCredit
from cloudpark.jobs import credits
from cloudpark.orgs import enums as org_enums
from tests.factories import MembershipFactory, UserFactory
from tests.factories.awards import final_scheme
from tests.factories.filings import approved_planning, draft_planning, filing_world

pytestmark = pytest.mark.django_db


def _member(organization, name, *, active=True):
    user = UserFactory(name=name)
    MembershipFactory(
        user=user, organization=organization, role=org_enums.Role.STAFF, is_active=active
    )
    return user


def test_a_creator_of_an_awarded_work_gets_a_credit_linked_to_the_results():
    scheme, (first, _second) = final_scheme()
    EntryCredit.objects.create(entry=first, name="王导", role="导演")
    director = _member(first.submitter, "王导")
    namesake = UserFactory(name="王导")
    former = _member(first.submitter, "王导", active=False)

    found = credits.credits_for(director)

    assert [(credit.source, credit.title) for credit in found] == [
        ("awards.creator", first.display_title)
    ]
    assert "导演" in found[0].detail
    assert found[0].url in {
        reverse("public:award_results", args=[scheme.pk]),
        *(
            reverse("public:award_certificate", args=[number])
            for number in first.certificates.values_list("number", flat=True)
        ),
    }
    assert credits.credits_for(namesake) == []
    assert credits.credits_for(former) == []


def test_a_work_not_awarded_gives_no_credit():
    _scheme, (_first, second) = final_scheme()
    EntryCredit.objects.create(entry=second, name="陈编", role="编导")
    second.state = "not_awarded"
    second.save(update_fields=["state"])

    assert credits.credits_for(_member(second.submitter, "陈编")) == []


def test_the_crew_of_an_approved_filing_gets_credits():
    world = filing_world()
    filing = approved_planning(world)
    writer = _member(world.enterprise, "林一鸣")
    director = _member(world.enterprise, "周以安")

    found = credits.credits_for(writer) + credits.credits_for(director)

    assert [(credit.source, credit.title, credit.detail) for credit in found] == [
        ("filings.crew", filing.display_title, "Writer"),
        ("filings.crew", filing.display_title, "Director"),
    ]


def test_a_draft_filing_or_a_stranger_of_the_same_name_gets_no_credit():
    world = filing_world()
    draft_planning(world)

    assert credits.credits_for(_member(world.enterprise, "林一鸣")) == []
    assert credits.credits_for(UserFactory(name="周以安")) == []


def test_an_account_without_a_name_matches_nothing():
    world = filing_world()
    approved_planning(world)

    assert credits.credits_for(_member(world.enterprise, "")) == []


def test_the_resume_links_each_credit_to_its_source(client):
    _scheme, (first, _second) = final_scheme()
    EntryCredit.objects.create(entry=first, name="王导", role="导演")
    director = _member(first.submitter, "王导")
    client.force_login(director)

    page = client.get(reverse("individual:job_resume")).content.decode()

    [credit] = credits.credits_for(director)
    assert f'href="{credit.url}"' in page
