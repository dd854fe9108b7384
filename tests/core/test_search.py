"""CJK bigram search, proven on the database the suite runs on (SQLite FTS5 or PostgreSQL).

Run both: ``pytest tests/core`` and
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/cloudpark pytest tests/core --create-db``.
"""

import pytest
from django.db import connection

from cloudpark.core import search
from cloudpark.orgs import services
from cloudpark.orgs.models import Enterprise, Organization, Park
from tests.factories import EnterpriseFactory, OtherOrganizationFactory, ParkFactory, UserFactory


def names(queryset):
    return sorted(organization.name for organization in queryset)


def found(query):
    return names(search.search(Organization.objects.all(), query))


@pytest.fixture
def directory(db):
    """Four organisations; only their own names and English names are searchable."""
    return {
        "film_park": ParkFactory(name="之江影视园区", name_en="Zhijiang Film Park"),
        "culture_park": ParkFactory(name="西湖文化园区", name_en="West Lake Culture Park"),
        "film_company": EnterpriseFactory(
            name="杭州影视传媒有限公司", name_en="Hangzhou Film Media Co., Ltd."
        ),
        "university": OtherOrganizationFactory(name="浙江大学", name_en="Zhejiang University"),
    }


# Tokens ---------------------------------------------------------------------------------------


def test_document_tokens_are_characters_then_pairs_of_each_cjk_run():
    tokens = search.document_tokens("之江影视园区")

    assert tokens == ["之", "江", "影", "视", "园", "区", "之江", "江影", "影视", "视园", "园区"]


def test_document_tokens_lower_case_words_and_drop_repeats_and_punctuation():
    tokens = search.document_tokens("园区·园区", "Film-Park_2024, FILM")

    assert tokens == ["园", "区", "园区", "film", "park", "2024"]


def test_document_tokens_normalise_full_width_text():
    tokens = search.document_tokens("ＺＨＩＪＩＡＮＧ　影视")

    assert tokens == ["影", "视", "影视", "zhijiang"]


def test_shadow_text_joins_the_tokens_with_spaces():
    text = search.shadow_text("影视", None, "Film")

    assert text == "影 视 影视 film"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("影视", [("影视", False)]),
        ("影视园区", [("影视", False), ("视园", False), ("园区", False)]),
        ("影", [("影", False)]),
        ("影 园区", [("影", False), ("园区", False)]),
        ("Zhi 园区", [("园区", False), ("zhi", True)]),
        ("ＦＩＬＭ　ｐａｒｋ", [("film", True), ("park", True)]),
        ('NOT "影视" OR *', [("影视", False), ("not", True), ("or", True)]),
        ("园区 园区", [("园区", False)]),
        ("", []),
        ("  ·，。!  ", []),
    ],
)
def test_query_terms(query, expected):
    terms = search.query_terms(query)

    assert terms == expected


# On the database --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("影视", ["之江影视园区", "杭州影视传媒有限公司"]),
        ("园区", ["之江影视园区", "西湖文化园区"]),
        ("影视园区", ["之江影视园区"]),
        ("文化园", ["西湖文化园区"]),
        ("影", ["之江影视园区", "杭州影视传媒有限公司"]),
        ("湖", ["西湖文化园区"]),
        ("大学", ["浙江大学"]),
        ("电影", []),
        ("zhi", ["之江影视园区"]),
        ("Zhe", ["浙江大学"]),
        ("film", ["之江影视园区", "杭州影视传媒有限公司"]),
        ("film 园区", ["之江影视园区"]),
        ("ｆｉｌｍ", ["之江影视园区", "杭州影视传媒有限公司"]),
        ("　影视　", ["之江影视园区", "杭州影视传媒有限公司"]),
        ("ＨＡＮＧＺＨＯＵ", ["杭州影视传媒有限公司"]),
        ('NOT "影视" OR *', []),
        ("parks", []),
    ],
)
def test_search_finds_exactly_the_matching_organisations(directory, query, expected):
    result = found(query)

    assert result == expected


def test_an_empty_query_leaves_the_queryset_alone(directory):
    queryset = Organization.objects.all()

    result = search.search(queryset, "  ")

    assert result is queryset


def test_search_on_a_kind_returns_only_that_kind(directory):
    parks = names(search.search(Park.objects.all(), "影视"))
    enterprises = names(search.search(Enterprise.objects.all(), "影视"))

    assert (parks, enterprises) == (["之江影视园区"], ["杭州影视传媒有限公司"])


def test_an_enterprise_is_found_by_its_credit_code(directory):
    code = directory["film_company"].credit_code

    result = [found(code), found(code[:8].lower())]

    assert result == [["杭州影视传媒有限公司"], ["杭州影视传媒有限公司"]]


def test_renaming_through_the_service_updates_the_results(directory):
    actor = UserFactory()

    services.update_enterprise(directory["film_company"], actor=actor, name="杭州数字出版有限公司")

    assert (found("影视"), found("出版")) == (["之江影视园区"], ["杭州数字出版有限公司"])


def test_saving_only_the_name_updates_the_results(directory):
    park = directory["culture_park"]
    park.name = "西湖影视基地"

    park.save(update_fields=["name"])

    assert (found("影视"), found("园区")) == (
        ["之江影视园区", "杭州影视传媒有限公司", "西湖影视基地"],
        ["之江影视园区"],
    )


def test_deleting_removes_from_the_results(directory):
    directory["university"].delete()
    directory["film_company"].delete()

    assert (found("大学"), found("影视")) == ([], ["之江影视园区"])


@pytest.mark.postgres
def test_postgres_database_splits_cjk_text_into_tokens(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('simple'::regconfig, %s)::text", ["影 视 影视 film"])
        vector = cursor.fetchone()[0]

    assert vector == "'film':4 '影':1 '影视':3 '视':2"


def prepared_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.postgres
def test_a_search_is_planned_for_its_words_every_time(directory):
    """A connection prepares what it runs often, but not a statement that searches text: a
    plan kept for one word would be used for every other."""
    park = directory["film_park"]
    for query in ["影视", "园区", "文化", "杭州", "大学", "影视", "园区", "公司"]:
        found(query)
        list(Organization.objects.filter(pk=park.pk).values_list("name_en", flat=True))

    statements = prepared_statements()
    assert [statement for statement in statements if "@@" in statement] == []
    assert any('SELECT "orgs_organization"."name_en"' in statement for statement in statements)


@pytest.mark.postgres
def test_a_connection_opened_again_leaves_searches_unprepared_once(db):
    connection.close()
    connection.ensure_connection()
    connection.close()
    connection.ensure_connection()

    assert connection.execute_wrappers.count(search._unprepared_search) == 1
