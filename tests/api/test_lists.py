"""What the public list endpoints share: the columns they read, the filter sets they skip."""

import pytest
from django.urls import reverse
from rest_framework import serializers
from rest_framework.test import APIClient

from cloudpark.api.bases.serializers import AccreditedBaseSerializer
from cloudpark.api.directory.serializers import EnterprisePublicSerializer
from cloudpark.api.lists import shown_columns
from cloudpark.orgs.models import Park
from tests.factories import EnterpriseFactory, ParkFactory


@pytest.fixture
def api():
    return APIClient()


def test_the_columns_shown_follow_nested_serializers_and_dotted_sources():
    enterprise = shown_columns(EnterprisePublicSerializer)
    accreditation = shown_columns(AccreditedBaseSerializer)

    # The category and region: their ids, shown from the reference rows (``reference_row``).
    assert {"name", "category", "region", "park"} <= set(enterprise)
    assert not any(column.startswith(("category__", "region__")) for column in enterprise)
    assert {"park", "park__name", "park__region", "decided_by"} <= set(accreditation)
    assert "decided_by__name" not in accreditation


class ParkWithAMethod(serializers.ModelSerializer):
    shown = serializers.SerializerMethodField()

    class Meta:
        model = Park
        fields = ["id", "shown"]

    def get_shown(self, park) -> str:
        return park.name


class ParkWithItsRegionAsText(serializers.ModelSerializer):
    region = serializers.StringRelatedField()

    class Meta:
        model = Park
        fields = ["id", "region"]


@pytest.mark.parametrize("serializer_class", [ParkWithAMethod, ParkWithItsRegionAsText])
def test_a_field_that_may_read_any_column_keeps_every_column(serializer_class):
    assert shown_columns(serializer_class) is None


def test_the_enterprise_list_reads_its_page_in_one_query_after_the_total(
    api, db, django_assert_num_queries
):
    park = ParkFactory()
    for number in range(3):
        EnterpriseFactory(name=f"列表企业{number}", park=park)

    api.get(reverse("api:enterprise-list"))  # the categories and regions, read once and kept

    # The total: the parks' stored totals, then the enterprises in no park counted.
    with django_assert_num_queries(3):
        response = api.get(reverse("api:enterprise-list"))

    rows = response.json()["results"]
    assert [row["name"] for row in rows] == ["列表企业0", "列表企业1", "列表企业2"]
    assert {row["park"] for row in rows} == {park.pk}
    assert all(row["category"]["code"] and row["region"]["code"] for row in rows)


def test_the_reference_rows_shown_follow_a_region_renamed_at_once(api, db):
    enterprise = EnterpriseFactory(name="列表企业")
    api.get(reverse("api:enterprise-list"))
    region = enterprise.region
    region.name_en = "Renamed district"
    region.save()

    row = api.get(reverse("api:enterprise-list")).json()["results"][0]

    assert row["region"] == {
        "code": region.code,
        "level": region.level,
        "name": region.name,
        "name_en": "Renamed district",
    }
    assert row["category"]["code"] == enterprise.category.code


def test_a_list_without_filter_parameters_lists_what_a_filter_left_empty_lists(api, db):
    EnterpriseFactory(name="甲企业")
    EnterpriseFactory(name="乙企业")
    url = reverse("api:enterprise-list")

    bare = api.get(url).json()
    with_empty_filter = api.get(url, {"q": "", "category": ""}).json()

    assert bare == with_empty_filter
    assert bare["count"] == 2
