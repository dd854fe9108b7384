"""The public objection form: signed and specific, bound to a judged work while the results
are on notice, followed with a tracking reference, answered by the organisers; the contact
shows in full only to them."""

import pytest
from django.urls import reverse

from cloudpark.awards import enums, services
from cloudpark.awards.models import Objection
from cloudpark.core.errors import DomainError
from tests.factories import EnterpriseFactory, MembershipFactory
from tests.factories.awards import eligible_entry, open_scheme, published_scheme
from tests.factories.programs import admin_of

pytestmark = pytest.mark.django_db

SIGNED = {
    "name": "赵强",
    "organization_name": "某市融媒体中心",
    "contact": "13812345678",
    "text": "该片播出日期与推荐表所填不一致，请核实。",
    "evidence": "该台2022年3月节目单第12页，播出日期为3月5日。",
}


def test_a_public_objection_is_signed_specific_and_gets_a_reference():
    _scheme, (first, _second) = published_scheme()

    objection = services.raise_objection(first, public=True, **SIGNED)

    assert objection.reference.startswith("YY")
    assert len(objection.reference) == len("YY2026-ABCDEFGH")
    assert (objection.organization_name, objection.scores_seen["final"]["rank"]) == (
        "某市融媒体中心",
        1,
    )


@pytest.mark.parametrize("field", ["name", "organization_name", "contact", "text", "evidence"])
def test_a_public_objection_missing_a_part_is_refused_at_its_field(field):
    _scheme, (first, _second) = published_scheme()

    with pytest.raises(DomainError) as refusal:
        services.raise_objection(first, public=True, **{**SIGNED, field: "  "})

    assert refusal.value.field == field
    assert Objection.objects.count() == 0


def test_a_work_never_judged_cannot_be_objected_to():
    scheme = open_scheme()
    entry = eligible_entry(scheme, EnterpriseFactory())

    with pytest.raises(DomainError):
        services.raise_objection(entry, public=True, **SIGNED)

    assert Objection.objects.count() == 0


def test_anyone_objects_through_the_public_form_and_follows_the_answer(client):
    scheme, (first, _second) = published_scheme()
    results = client.get(reverse("public:award_results", args=[scheme.pk]))
    assert reverse("public:award_objection_create", args=[first.pk]) in results.content.decode()

    sent = client.post(reverse("public:award_objection_create", args=[first.pk]), SIGNED)

    objection = Objection.objects.get()
    assert sent.status_code == 302
    assert sent.url == reverse("public:award_objection_filed", args=[objection.reference])
    filed = client.get(sent.url)
    assert objection.reference in filed.content.decode()

    services.answer_objection(
        objection, actor=admin_of(scheme.owner), upheld=False, answer="经核实，播出日期无误。"
    )
    status = client.get(
        reverse("public:award_objection_status"),
        {"reference": objection.reference.lower(), "contact": SIGNED["contact"]},
    )
    page = status.content.decode()
    found = page[page.index('id="objection-status"') :]
    assert "经核实，播出日期无误。" in found
    assert "138****5678" in found
    assert SIGNED["contact"] not in found.split("</dl>")[0]


def test_the_reference_alone_shows_nothing(client):
    _scheme, (first, _second) = published_scheme()
    objection = services.raise_objection(first, public=True, **SIGNED)

    wrong = client.get(
        reverse("public:award_objection_status"),
        {"reference": objection.reference, "contact": "13900000000"},
    )
    stranger = client.get(reverse("public:award_objection_filed", args=[objection.reference]))

    assert wrong.status_code == 404
    assert stranger.status_code == 302


def test_an_objection_missing_its_evidence_is_shown_on_the_form_and_nothing_is_saved(client):
    _scheme, (first, _second) = published_scheme()

    response = client.post(
        reverse("public:award_objection_create", args=[first.pk]), {**SIGNED, "evidence": ""}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["evidence"]
    assert Objection.objects.count() == 0


def test_the_form_is_not_there_once_the_list_is_final_or_before_results(client):
    scheme, (first, _second) = published_scheme()
    services.raise_objection(first, public=True, **SIGNED).delete()
    scheme.state = enums.SchemeState.FINAL
    scheme.save(update_fields=["state"])

    response = client.get(reverse("public:award_objection_create", args=[first.pk]))

    assert response.status_code == 404


def test_only_the_organisers_with_the_right_see_the_contact_in_full(client):
    scheme, (first, _second) = published_scheme()
    services.raise_objection(first, public=True, **SIGNED)
    staff = MembershipFactory(organization=scheme.owner, role="staff").user

    client.force_login(admin_of(scheme.owner))
    manager_page = client.get(reverse("government:award_scheme_detail", args=[scheme.pk]))
    client.force_login(staff)
    staff_page = client.get(reverse("government:award_scheme_detail", args=[scheme.pk]))

    assert SIGNED["contact"] in manager_page.content.decode()
    assert SIGNED["contact"] not in staff_page.content.decode()
    assert "138****5678" in staff_page.content.decode()
