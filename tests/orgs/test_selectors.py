import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import Http404
from django.urls import reverse
from django.utils import translation

from cloudpark.orgs import enums, selectors, services
from cloudpark.orgs.models import Organization
from tests.factories import (
    EnterpriseFactory,
    GovernmentBodyFactory,
    OtherOrganizationFactory,
    ParkFactory,
)

pytestmark = pytest.mark.django_db


def pks(queryset):
    return sorted(queryset.values_list("pk", flat=True))


@pytest.fixture
def hierarchy(park, other_park):
    """Province above city above district; the city oversees ``park``, the district a third
    park; a body of another province oversees ``other_park``."""
    district_park = ParkFactory(name="西湖区影视基地")
    province = GovernmentBodyFactory(level=enums.GovernmentLevel.PROVINCIAL)
    city = GovernmentBodyFactory(parent=province, jurisdiction=[park])
    district = GovernmentBodyFactory(
        parent=city, level=enums.GovernmentLevel.DISTRICT, jurisdiction=[district_park]
    )
    elsewhere = GovernmentBodyFactory(jurisdiction=[other_park])
    return {
        "province": province,
        "city": city,
        "district": district,
        "elsewhere": elsewhere,
        "district_park": district_park,
    }


def test_a_government_cares_for_its_and_its_subordinates_parks(hierarchy, park, other_park):
    district_park = hierarchy["district_park"]

    cared_for = {
        level: pks(selectors.parks_in_care_of(hierarchy[level]))
        for level in ("province", "city", "district", "elsewhere")
    }

    assert cared_for == {
        "province": sorted([park.pk, district_park.pk]),
        "city": sorted([park.pk, district_park.pk]),
        "district": [district_park.pk],
        "elsewhere": [other_park.pk],
    }


def test_a_government_given_as_a_plain_organisation_cares_for_the_same_parks(hierarchy, park):
    organization = Organization.objects.get(pk=hierarchy["city"].pk)

    cared_for = pks(selectors.parks_in_care_of(organization))

    assert cared_for == sorted([park.pk, hierarchy["district_park"].pk])


def test_the_subtree_of_a_government_lists_the_bodies_below(hierarchy):
    subtree = selectors.government_subtree(hierarchy["province"])

    assert subtree == {hierarchy[level].pk for level in ("province", "city", "district")}


def test_the_subtree_is_read_once_until_a_body_changes(hierarchy, django_assert_num_queries):
    province, district = hierarchy["province"], hierarchy["district"]
    selectors.government_subtree(province)

    read_again = Organization.objects.get(pk=province.pk).as_government

    with django_assert_num_queries(0):
        kept = selectors.government_subtree(read_again)
    added = GovernmentBodyFactory(parent=district)
    moved = GovernmentBodyFactory()
    moved.parent = hierarchy["city"]
    moved.save()
    renewed = selectors.government_subtree(Organization.objects.get(pk=province.pk).as_government)

    assert added.pk not in kept
    assert renewed == kept | {added.pk, moved.pk}


def test_parks_in_care_of_other_kinds(park, enterprise):
    cared_for = [
        pks(selectors.parks_in_care_of(park)),
        pks(selectors.parks_in_care_of(enterprise)),
        pks(selectors.parks_in_care_of(OtherOrganizationFactory())),
        pks(selectors.parks_in_care_of(None)),
    ]

    assert cared_for == [[park.pk], [], [], []]


def test_enterprises_in_care_of_each_kind(hierarchy, park, other_park, enterprise):
    elsewhere = EnterpriseFactory(park=other_park)
    in_district = EnterpriseFactory(park=hierarchy["district_park"])
    EnterpriseFactory()  # in no park

    cared_for = {
        "enterprise": pks(selectors.enterprises_in_care_of(enterprise)),
        "park": pks(selectors.enterprises_in_care_of(park)),
        "other park": pks(selectors.enterprises_in_care_of(other_park)),
        "city": pks(selectors.enterprises_in_care_of(hierarchy["city"])),
        "district": pks(selectors.enterprises_in_care_of(hierarchy["district"])),
        "other": pks(selectors.enterprises_in_care_of(OtherOrganizationFactory())),
        "none": pks(selectors.enterprises_in_care_of(None)),
    }

    assert cared_for == {
        "enterprise": [enterprise.pk],
        "park": [enterprise.pk],
        "other park": [elsewhere.pk],
        "city": sorted([enterprise.pk, in_district.pk]),
        "district": [in_district.pk],
        "other": [],
        "none": [],
    }


def test_a_released_enterprise_leaves_its_parks_care(park, government, enterprise, user):
    services.release_enterprise(enterprise, actor=user)

    cared_for = (
        pks(selectors.enterprises_in_care_of(park)),
        pks(selectors.enterprises_in_care_of(government)),
    )

    assert cared_for == ([], [])


def test_get_enterprise_for_returns_an_enterprise_in_care(government, enterprise):
    found = selectors.get_enterprise_for(government, enterprise.pk)

    assert (found.pk, found.park.name) == (enterprise.pk, "之江文化产业园")


@pytest.mark.parametrize("looker", ["park", "government"])
def test_get_enterprise_for_hides_another_parks_enterprise(request, looker, other_park):
    organization = request.getfixturevalue(looker)
    stranger = EnterpriseFactory(park=other_park)

    with pytest.raises(Http404):
        selectors.get_enterprise_for(organization, stranger.pk)


@pytest.mark.parametrize("pk", ["abc", None, 10**9])
def test_get_enterprise_for_turns_bad_ids_into_404(park, enterprise, pk):
    with pytest.raises(Http404):
        selectors.get_enterprise_for(park, pk)


def test_get_park_for_hides_parks_outside_the_jurisdiction(government, other_park):
    with pytest.raises(Http404):
        selectors.get_park_for(government, other_park.pk)


def test_organization_cares_for(government, park, other_park, enterprise):
    answers = [
        selectors.organization_cares_for(park, enterprise),
        selectors.organization_cares_for(other_park, enterprise),
        selectors.organization_cares_for(government, park),
        selectors.organization_cares_for(government, other_park),
        selectors.organization_cares_for(government, enterprise),
        selectors.organization_cares_for(enterprise, enterprise),
        selectors.organization_cares_for(enterprise, park),
        selectors.organization_cares_for(None, park),
        selectors.organization_cares_for(park, None),
    ]

    assert answers == [True, False, True, False, True, True, False, False, False]


def test_memberships_of_lists_active_memberships_only(park, other_park, member):
    person = member(park, role="staff")
    person.memberships.create(organization=other_park, role="admin", is_active=False)

    memberships = selectors.memberships_of(person)

    assert [(m.organization.pk, m.role) for m in memberships] == [(park.pk, "staff")]


def test_memberships_of_reads_each_organisation_as_its_kind_in_one_query(
    member, django_assert_num_queries
):
    organizations = [
        GovernmentBodyFactory(),
        ParkFactory(),
        EnterpriseFactory(),
        OtherOrganizationFactory(),
    ]
    person = member(organizations[0])
    for organization in organizations[1:]:
        person.memberships.create(organization=organization, role="staff")

    with django_assert_num_queries(1):
        kinds = {
            type(selectors.organization_as_kind(m.organization))
            for m in selectors.memberships_of(person)
        }
        again = selectors.organization_as_kind(
            selectors.organization_as_kind(selectors.memberships_of(person)[0].organization)
        )

    assert kinds == {type(organization) for organization in organizations}
    assert type(again) is not Organization


def test_an_anonymous_or_missing_user_has_no_memberships():
    memberships = [selectors.memberships_of(AnonymousUser()), selectors.memberships_of(None)]

    assert memberships == [[], []]


def test_the_public_park_list_puts_the_highest_level_first(client):
    # Alphabetically "municipal" < "national" < "provincial" < "unrated"; by rank it is the
    # other way round for the first three.
    for name, level in [
        ("甲市级园区", enums.ParkLevel.MUNICIPAL),
        ("乙省级园区", enums.ParkLevel.PROVINCIAL),
        ("丙未评级园区", enums.ParkLevel.UNRATED),
        ("丁国家级基地", enums.ParkLevel.NATIONAL),
    ]:
        ParkFactory(name=name, level=level)

    response = client.get(reverse("public:park_list"))

    levels = [park.level for park in response.context["rows"]]
    assert levels == ["national", "provincial", "municipal", "unrated"]


def test_parks_in_name_order_are_read_from_the_index_on_kind_and_name(park, other_park):
    """Among a million organisations the parks are a few dozen: the park lists must find
    them through the index on kind and name, not by walking every organisation's name."""
    EnterpriseFactory.create_batch(3, park=park)
    queryset = selectors.public_parks().order_by("name", "pk")[:25]
    assert pks(queryset) == sorted([park.pk, other_park.pk])
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
        else:
            cursor.execute("EXPLAIN " + sql, params)
            plan = " ".join(row[0] for row in cursor.fetchall())
    assert "kind" in plan
    assert "orgs_organization_name " not in plan + " "


def test_list_rows_are_named_from_the_kept_names_in_the_active_language(park):
    enterprise = EnterpriseFactory(park=park)
    rows = list(selectors.enterprise_list_rows(selectors.directory_enterprises()))

    with translation.override("en"):
        named = selectors.name_list_rows(rows)

    assert [(row.pk, row.category_name, row.park_name, row.region_name) for row in named] == [
        (
            enterprise.pk,
            enterprise.category.name_en,
            park.name_en,
            enterprise.region.name_en,
        )
    ]


def test_a_care_list_row_is_named_without_its_region(park):
    EnterpriseFactory(park=park)
    rows = list(selectors.enterprise_list_rows(selectors.directory_enterprises(park)))

    (row,) = selectors.name_list_rows(rows, park)

    assert (row.park_name, hasattr(row, "region_name")) == (park.display_name, False)
