"""Every write endpoint that takes a related id resolves it among what the caller may use:
another organisation's object is refused exactly as an id that does not exist, and nothing
is written."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cloudpark.bases.models import Declaration
from cloudpark.events.models import Event
from cloudpark.orgs import enums as org_enums
from cloudpark.programs.models import Application, Policy, Programme, PublicNotice
from tests.factories import (
    AccreditationRoundFactory,
    EnterpriseFactory,
    EventFactory,
    GovernmentBodyFactory,
    MembershipFactory,
    PolicyFactory,
    ProgrammeFactory,
)
from tests.factories.bases import DECLARED

pytestmark = pytest.mark.django_db

UNKNOWN_ID = 987_654


def _admin_of(organization):
    return MembershipFactory(organization=organization, role=org_enums.Role.ADMIN).user


def _other_body():
    return GovernmentBodyFactory(name="宁波市文化广电旅游局", name_en="Ningbo Culture Bureau")


def policy_owner(world):
    body = {
        "title": "若干意见",
        "issuer_name": "办公厅",
        "issued_on": "2026-01-05",
        "full_text": "全文",
    }
    return "api:policy-list", "owner", body, _other_body(), Policy


def programme_policy(world):
    body = {
        "title": "视听企业宣传推广服务",
        "programme_type": "publicity",
        "budget": "0",
        "opens_at": "2026-01-01T00:00:00+08:00",
        "closes_at": "2027-12-31T23:59:00+08:00",
    }
    return "api:programme-list", "policy", body, PolicyFactory(owner=_other_body()), Programme


def notice_programme(world):
    other = ProgrammeFactory(policy=PolicyFactory(owner=_other_body()))
    return "api:notice-list", "programme", {"title": "拟扶持名单公示"}, other, PublicNotice


def application_programme(world):
    unpublished = ProgrammeFactory(policy=PolicyFactory(owner=_other_body()), is_published=False)
    return "api:application-list", "programme", {}, unpublished, Application


def application_enterprise(world):
    body = {"programme": ProgrammeFactory(policy=PolicyFactory(owner=world["government"])).pk}
    other = EnterpriseFactory(park=world["other_park"])
    return "api:application-list", "enterprise", body, other, Application


def declaration_park(world):
    body = {
        "round": AccreditationRoundFactory().pk,
        **{key: str(value) for key, value in DECLARED.items()},
    }
    return "api:base-declaration-list", "park", body, world["other_park"], Declaration


def event_owner(world):
    return "api:event-list", "owner", _event_body(), world["other_park"], Event


def event_parent(world):
    other = EventFactory(owner=world["other_park"])
    return "api:event-list", "parent", _event_body(), other, Event


def _event_body():
    return {
        "kind": "forum",
        "title": "之江视听论坛",
        "starts_at": "2030-05-20T09:00:00+08:00",
        "ends_at": "2030-05-20T17:30:00+08:00",
        "city": "杭州",
    }


# (the case, whose administrator calls)
CASES = [
    (policy_owner, "government"),
    (programme_policy, "government"),
    (notice_programme, "government"),
    (application_programme, "enterprise"),
    (application_enterprise, "enterprise"),
    (declaration_park, "park"),
    (event_owner, "park"),
    (event_parent, "park"),
]


def _invalid(field, pk):
    return {field: [f'Invalid pk "{pk}" - object does not exist.']}


@pytest.mark.parametrize(("case", "caller"), CASES, ids=[case.__name__ for case, _ in CASES])
def test_another_organisations_id_is_refused_as_an_unknown_one(
    park, other_park, government, enterprise, case, caller
):
    world = {"park": park, "other_park": other_park, "government": government}
    world["enterprise"] = enterprise
    url, field, body, other, model = case(world)
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_authenticate(_admin_of(world[caller]))
    before = model.objects.count()

    theirs = api.post(reverse(url), {**body, field: other.pk}, format="json")
    unknown = api.post(reverse(url), {**body, field: UNKNOWN_ID}, format="json")

    assert (theirs.status_code, theirs.json()) == (400, _invalid(field, other.pk))
    assert (unknown.status_code, unknown.json()) == (400, _invalid(field, UNKNOWN_ID))
    assert model.objects.count() == before
