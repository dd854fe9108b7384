"""A scheme's window, categories, quotas and rubric change after it is set up, while entries
are taken; once judging has started each change is refused and nothing is written."""

from datetime import timedelta

import pytest
from django.urls import reverse

from cloudpark.awards import enums, services
from cloudpark.awards.models import Category, CategoryQuota, Criterion, Scheme
from cloudpark.core.errors import DomainError
from tests.factories import EnterpriseFactory, MembershipFactory
from tests.factories.awards import drafted_entry, judging, open_scheme
from tests.factories.programs import admin_of

pytestmark = pytest.mark.django_db


def _quotas(category):
    return dict(CategoryQuota.objects.filter(category=category).values_list("level", "quota"))


def test_an_open_scheme_changes_its_window_quotas_and_rubric():
    scheme = open_scheme()
    owner = admin_of(scheme.owner)
    category = scheme.categories.get(code="DOC")
    criterion = scheme.criteria.first()

    services.update_scheme(
        scheme, actor=owner, entries_close_on=scheme.entries_close_on + timedelta(days=5)
    )
    services.update_category(
        category, actor=owner, name="纪录片", quotas={"first": 1, "second": 2, "third": 4}
    )
    services.update_criterion(criterion, actor=owner, name="思想性", weight="0.5")
    services.add_criterion(scheme, actor=owner, name="传播力", weight="0.2")

    scheme.refresh_from_db()
    criterion.refresh_from_db()
    assert _quotas(category) == {"first": 1, "second": 2, "third": 4}
    assert (criterion.name, str(criterion.weight)) == ("思想性", "0.50")
    assert scheme.criteria.count() == 4
    assert scheme.state == enums.SchemeState.OPEN


def test_once_judging_has_started_every_change_is_refused_and_nothing_is_written():
    scheme = open_scheme()
    owner = admin_of(scheme.owner)
    category = scheme.categories.get(code="DOC")
    criterion = scheme.criteria.first()
    judging(scheme)
    before = (
        Scheme.objects.get(pk=scheme.pk).entries_close_on,
        _quotas(category),
        Criterion.objects.get(pk=criterion.pk).weight,
        Category.objects.filter(scheme=scheme).count(),
    )

    refusals = []
    for change in (
        lambda: services.update_scheme(
            scheme, actor=owner, entries_close_on=scheme.entries_close_on + timedelta(days=5)
        ),
        lambda: services.update_category(category, actor=owner, name="纪录片", quotas={"first": 9}),
        lambda: services.update_criterion(criterion, actor=owner, name="思想性", weight="9"),
        lambda: services.add_category(
            scheme, actor=owner, code="NEW", name="新", quotas={"first": 1}
        ),
        lambda: services.remove_criterion(criterion, actor=owner),
    ):
        with pytest.raises(DomainError) as refusal:
            change()
        refusals.append(str(refusal.value))

    assert all("Judging has started" in message for message in refusals)
    assert (
        Scheme.objects.get(pk=scheme.pk).entries_close_on,
        _quotas(category),
        Criterion.objects.get(pk=criterion.pk).weight,
        Category.objects.filter(scheme=scheme).count(),
    ) == before


def test_a_window_that_would_leave_an_entry_outside_is_refused():
    scheme = open_scheme()
    entry = drafted_entry(scheme, EnterpriseFactory())

    with pytest.raises(DomainError) as refusal:
        services.update_scheme(
            scheme,
            actor=admin_of(scheme.owner),
            eligible_from=entry.broadcast_on + timedelta(days=1),
        )

    assert refusal.value.field == "eligible_from"
    assert "would fall outside the window" in str(refusal.value)
    assert Scheme.objects.get(pk=scheme.pk).eligible_from == scheme.eligible_from


@pytest.mark.parametrize(
    ("quotas", "field"),
    [({}, "quotas"), ({"first": 0}, "quotas"), ({"first": 1, "awarded": 2}, "quotas")],
)
def test_bad_quotas_are_refused_and_the_old_ones_kept(quotas, field):
    scheme = open_scheme()
    category = scheme.categories.get(code="DOC")
    before = _quotas(category)

    with pytest.raises(DomainError) as refusal:
        services.update_category(
            category, actor=admin_of(scheme.owner), name="纪录片", quotas=quotas
        )

    assert refusal.value.field == field
    assert _quotas(category) == before


@pytest.mark.parametrize("weight", ["0", "-1", "abc", "NaN"])
def test_a_bad_weight_is_refused_at_its_field(weight):
    scheme = open_scheme()
    criterion = scheme.criteria.first()

    with pytest.raises(DomainError) as refusal:
        services.update_criterion(
            criterion, actor=admin_of(scheme.owner), name="思想性", weight=weight
        )

    assert refusal.value.field == "weight"
    assert Criterion.objects.get(pk=criterion.pk).weight == criterion.weight


def test_a_category_with_entries_is_not_removed():
    scheme = open_scheme()
    entry = drafted_entry(scheme, EnterpriseFactory())

    with pytest.raises(DomainError):
        services.remove_category(entry.category, actor=admin_of(scheme.owner))
    services.remove_category(scheme.categories.get(code="SV"), actor=admin_of(scheme.owner))

    assert list(scheme.categories.values_list("code", flat=True)) == ["DOC"]


def test_the_organisers_change_a_category_from_the_scheme_page(client):
    scheme = open_scheme()
    category = scheme.categories.get(code="DOC")
    client.force_login(admin_of(scheme.owner))

    page = client.get(reverse("government:award_scheme_detail", args=[scheme.pk]))
    form = client.get(reverse("government:award_category_edit", args=[category.pk]))
    sent = client.post(
        reverse("government:award_category_edit", args=[category.pk]),
        {"name": "纪录片", "name_en": "Documentary", "quota_first": "3", "quota_second": "5"},
    )

    assert reverse("government:award_category_edit", args=[category.pk]) in page.content.decode()
    assert form.status_code == 200
    assert sent.status_code == 302
    assert _quotas(category) == {"first": 3, "second": 5}


def test_a_refused_change_is_shown_on_the_form(client):
    scheme = open_scheme()
    criterion = scheme.criteria.first()
    judging(scheme)
    client.force_login(admin_of(scheme.owner))

    response = client.post(
        reverse("government:award_criterion_edit", args=[criterion.pk]),
        {"name": "思想性", "name_en": "", "weight": "0.9"},
    )

    assert response.status_code == 200
    assert "Judging has started" in response.content.decode()
    assert Criterion.objects.get(pk=criterion.pk).weight == criterion.weight


def test_the_scheme_edit_page_keeps_the_code_and_changes_the_window(client):
    scheme = open_scheme()
    client.force_login(admin_of(scheme.owner))
    form = client.get(reverse("government:award_scheme_edit", args=[scheme.pk]))
    data = {
        name: str(value)
        for name, value in form.context["form"].initial.items()
        if name in form.context["form"].fields
    }

    sent = client.post(
        reverse("government:award_scheme_edit", args=[scheme.pk]),
        {**data, "entries_close_on": "2099-01-31"},
    )

    assert "code" not in form.context["form"].fields
    assert sent.status_code == 302
    assert Scheme.objects.get(pk=scheme.pk).entries_close_on.isoformat() == "2099-01-31"


def test_another_bodys_category_is_not_found(client):
    scheme = open_scheme()
    client.force_login(admin_of(MembershipFactory().organization))

    response = client.get(
        reverse("government:award_category_edit", args=[scheme.categories.first().pk])
    )

    assert response.status_code in {403, 404}
