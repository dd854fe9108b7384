"""The platform search index: written by the capabilities' saves, read with their rules."""

import dataclasses
import importlib
import random
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import connection
from django.db.models import Value
from django.db.models.functions import Concat
from django.utils import timezone

from cloudpark.core import search as tokens
from cloudpark.news import services as news_services
from cloudpark.orgs.enums import ParkStatus
from cloudpark.search import engine, registry, selectors
from cloudpark.search.models import SearchDocument, number_of
from tests.factories import news as news_factories
from tests.factories.orgs import EnterpriseFactory, ParkFactory
from tests.factories.programs import PolicyFactory, ProgrammeFactory, admin_of

pytestmark = pytest.mark.django_db


def found(query, **kwargs):
    results = selectors.search(query, **kwargs)
    return {(document.kind, document.object_id) for document in results.page.object_list}


def test_every_capability_registers_its_kinds():
    assert set(registry.kinds()) >= {
        "news",
        "policy",
        "programme",
        "enterprise",
        "park",
        "event",
        "filing",
        "work",
    }


def test_a_published_article_is_found_and_a_withdrawn_one_is_gone():
    channel = news_factories.ChannelFactory()
    draft = news_factories.draft(channel, title="之江影视基地开放日")
    assert ("news", draft.pk) not in found("影视")
    assert not SearchDocument.objects.filter(kind="news", object_id=draft.pk).exists()

    article = news_factories.published(channel, title="之江影视基地开放日")
    assert ("news", article.pk) in found("影视")
    assert ("news", article.pk) in found("基地开放")

    news_services.withdraw_article(article, actor=admin_of(channel.organization), reason="过时")
    assert ("news", article.pk) not in found("影视")
    assert not SearchDocument.objects.filter(kind="news", object_id=article.pk).exists()


def test_an_unpublished_policy_hides_its_programmes():
    policy = PolicyFactory(title="影视产业扶持政策", is_published=True)
    programme = ProgrammeFactory(policy=policy, title="影视精品扶持计划", is_published=True)
    assert {("policy", policy.pk), ("programme", programme.pk)} <= found("影视")

    policy.is_published = False
    policy.save()
    assert found("影视") == set()


def _private(organization, object_id, title):
    """A news document only ``organization``'s members may find (no kind writes one yet)."""
    SearchDocument(
        kind="news",
        object_id=object_id,
        title=title,
        organization_id=organization.pk,
        title_text=tokens.shadow_text(title),
        scope=engine.scope_tokens("news", organization.pk),
    ).save()
    return ("news", object_id)


def test_a_private_document_is_found_only_by_its_organisation():
    own, other = EnterpriseFactory(name="甲乙丙丁"), EnterpriseFactory(name="戊己庚辛")
    private = _private(own, 999_999, "甲乙影视")
    assert private not in found("甲乙")
    assert private not in found("甲乙", organization_ids=(other.pk,))
    assert private in found("甲乙", organization_ids=(own.pk,))
    assert ("enterprise", own.pk) in found("甲乙", organization_ids=(other.pk,))


def test_each_audience_finds_the_public_and_its_own_organisations_documents():
    first, second, third = (EnterpriseFactory(name=f"机构{n}") for n in "一二三")
    public = ("enterprise", EnterpriseFactory(name="湘湖动漫公开").pk)
    of_first = _private(first, 900_001, "湘湖动漫甲")
    of_second = _private(second, 900_002, "湘湖动漫乙")
    of_third = _private(third, 900_003, "湘湖动漫丙")
    audiences = {
        "anonymous": (),
        "member of one": (first.pk,),
        "member of two": (first.pk, second.pk),
        "member of none of them": (EnterpriseFactory(name="机构四").pk,),
    }
    expected = {
        "anonymous": {public},
        "member of one": {public, of_first},
        "member of two": {public, of_first, of_second},
        "member of none of them": {public},
    }
    for audience, organization_ids in audiences.items():
        results = selectors.search("湘湖动漫", organization_ids=organization_ids)
        assert found("湘湖动漫", organization_ids=organization_ids) == expected[audience]
        assert results.total == len(expected[audience]), audience
        news = {facet.key: facet.count for facet in results.facets}.get("news", 0)
        assert news == len(expected[audience]) - 1, audience
        narrowed = found("湘湖动漫", kind="news", organization_ids=organization_ids)
        assert narrowed == expected[audience] - {public}, audience
    assert of_third not in found("湘湖动漫", organization_ids=(first.pk, second.pk))


def test_a_document_carries_the_tokens_of_its_audience():
    assert engine.scope_tokens("news") == "_kindnews"
    assert engine.scope_tokens("news", 7) == "_kindnews _audprivate _audorg7"


def test_no_query_finds_a_scope_token():
    own = EnterpriseFactory(name="甲乙丙丁")
    _private(own, 999_998, "甲乙影视")
    for query in ("kindnews", "kind", "_kindnews", "audprivate", "aud", "_audorg", "audorg"):
        assert selectors.search(query, organization_ids=(own.pk,)).total == 0, query


def test_an_exited_park_leaves_the_index():
    park = ParkFactory(name="白马湖数字文化园区")
    assert ("park", park.pk) in found("园区")
    park.status = ParkStatus.EXITED
    park.save()
    assert ("park", park.pk) not in found("园区")


def test_facets_count_each_kind_and_filter():
    ParkFactory(name="文创园区一号")
    EnterpriseFactory(name="园区运营公司")
    EnterpriseFactory(name="园区服务公司")
    results = selectors.search("园区")
    counts = {facet.key: facet.count for facet in results.facets}
    assert counts == {"park": 1, "enterprise": 2}
    assert results.total == 3
    assert not results.capped
    only = selectors.search("园区", kind="enterprise")
    assert {document.kind for document in only.page.object_list} == {"enterprise"}
    assert len(only.page.object_list) == 2


def test_counts_stop_at_the_cap(monkeypatch):
    monkeypatch.setitem(selectors.CAPS, connection.vendor, (2, 1))
    for number in range(4):
        EnterpriseFactory(name=f"影视公司{number}")
    results = selectors.search("影视")
    assert results.capped
    assert results.total == 2
    assert selectors.count_label(results.total, results.capped) == "2+"
    assert [(facet.count, facet.capped) for facet in results.facets] == [(1, True)]
    assert selectors.count_label(10_000, True) == "10,000+"


def test_the_title_weighs_more_and_the_newer_first():
    old = EnterpriseFactory(name="长兴数字科技", description="做影视后期")
    titled = EnterpriseFactory(name="长兴影视科技")
    ranked = [doc.object_id for doc in selectors.search("影视").page.object_list]
    assert ranked.index(titled.pk) < ranked.index(old.pk)
    now = timezone.now().timestamp()
    rows = [(1, 1.0, now - 900 * 86400), (2, 1.0, now), (3, 1.0, None)]
    assert selectors.rank(rows, now) == [2, 3, 1]


def test_highlighting_escapes_markup_and_marks_the_query():
    terms = selectors.tokens.query_terms("园区")
    marked = selectors.highlight('<script>alert("x")</script>文化产业园区 & 园区', terms)
    assert "<script>" not in marked
    assert "&lt;script&gt;" in marked
    assert "&amp;" in marked
    assert marked.count("<mark>园区</mark>") == 2
    joined = selectors.highlight("文化园区", selectors.tokens.query_terms("化园区"))
    assert joined == "文<mark>化园区</mark>"
    assert selectors.highlight("Park <b>", selectors.tokens.query_terms("park")) == (
        "<mark>Park</mark> &lt;b&gt;"
    )


def test_reindex_rebuilds_every_document():
    park = ParkFactory(name="良渚文化园区")
    SearchDocument.objects.all().delete()
    call_command("reindex")
    assert ("park", park.pk) in found("园区")


def test_a_query_without_terms_finds_nothing():
    ParkFactory(name="良渚文化园区")
    results = selectors.search("!!! ，。")
    assert results.total == 0
    assert list(results.page.object_list) == []


# Recall: whatever piece of a title is asked for, the index finds it, as a substring scan does.

CHARACTERS = "影视园区公司文化产业数字动漫网络剧汉服之江白马湖"


def _titles(seed, count=25):
    generator = random.Random(seed)
    return [
        "".join(generator.choice(CHARACTERS) for _ in range(generator.randint(2, 9)))
        for _ in range(count)
    ]


@pytest.mark.parametrize("seed", range(6))
def test_recall_matches_a_substring_scan(seed):
    titles = _titles(seed)
    parks = [ParkFactory(name=title) for title in titles]
    generator = random.Random(seed + 100)
    queries = set()
    for title in generator.sample(titles, 8):
        start = generator.randrange(len(title))
        queries.add(title[start : start + generator.randint(1, 4)])
    for query in queries:
        expected = {("park", park.pk) for park in parks if query in park.name}
        results = selectors.search(query, kind="park")
        ids = list(results.page.paginator.object_list)
        hits = {
            (document.kind, document.object_id)
            for document in SearchDocument.objects.filter(pk__in=ids)
        }
        assert hits == expected, query
        assert results.total == len(expected)


def test_a_later_migrate_keeps_the_index_and_its_triggers():
    park = ParkFactory(name="湘湖数字园区")
    # A migration runs in its own transaction; this test's has deferred foreign-key checks
    # waiting, which PostgreSQL will not let a table change wait behind.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    engine.ensure_index()
    ParkFactory(name="湘湖影视园区")

    assert ("park", park.pk) in found("湘湖")
    assert len(found("湘湖")) == 2


def test_a_rebuild_refills_the_index_from_the_documents():
    park = ParkFactory(name="湘湖数字园区")
    engine.rebuild()

    assert found("数字") == {("park", park.pk)}


def test_a_document_id_carries_its_kind():
    park = ParkFactory(name="湘湖数字园区")
    enterprise = EnterpriseFactory(name="湘湖数字传媒")
    documents = SearchDocument.objects.filter(object_id__in=[park.pk, enterprise.pk])
    numbers = {document.kind: number_of(document.pk) for document in documents}
    assert numbers == {"park": registry.get("park").number, "enterprise": 4}
    later = SearchDocument.objects.get(kind="enterprise", object_id=enterprise.pk)
    assert later.pk > SearchDocument.objects.get(kind="park", object_id=park.pk).pk


def test_a_kind_numbered_twice_is_refused():
    park = registry.get("park")
    with pytest.raises(ValueError, match="already has the number"):
        registry.register(dataclasses.replace(park, key="campus"))
    with pytest.raises(ValueError, match="1 to 31"):
        registry.register(dataclasses.replace(park, key="campus", number=32))
    assert "campus" not in registry.kinds()


def test_a_rare_kind_among_common_matches_is_counted_apart(monkeypatch):
    monkeypatch.setitem(selectors.CAPS, connection.vendor, (3, 2))
    for number in range(6):
        EnterpriseFactory(name=f"影视公司{number}")
    ParkFactory(name="影视园区")  # the newest, and alone of its kind

    results = selectors.search("影视")

    assert (results.total, results.capped) == (3, True)
    facets = {facet.key: (facet.count, facet.capped) for facet in results.facets}
    # The park is counted exactly, although the total's scan may have stopped before it.
    assert facets == {"enterprise": (2, True), "park": (1, False)}


def test_the_candidates_are_the_newest_matches_when_the_count_stops_at_its_cap(monkeypatch):
    # On PostgreSQL the candidates' ids come from the count's scan.
    monkeypatch.setitem(selectors.CAPS, connection.vendor, (3, 2))
    monkeypatch.setattr(selectors, "CANDIDATES", 2)
    for number in range(4):
        ParkFactory(name=f"影视园区{number}")
    EnterpriseFactory(name="影视传媒")
    ParkFactory(name="数字园区")  # newer, and no match

    results = selectors.search("影视")

    newest = SearchDocument.objects.filter(title__contains="影视").order_by("-pk")[:2]
    assert set(results.page.paginator.object_list) == {document.pk for document in newest}
    assert (results.total, results.capped) == (3, True)
    parks = selectors.search("影视", kind="park")
    newest_parks = SearchDocument.objects.filter(kind="park", title__contains="影视").order_by(
        "-pk"
    )
    assert set(parks.page.paginator.object_list) == {document.pk for document in newest_parks[:2]}


def test_the_renumbering_migration_puts_the_kind_into_old_ids():
    park = ParkFactory(name="湘湖数字园区")
    enterprise = EnterpriseFactory(name="湘湖影视传媒")
    # Ids as they were written before the kind was in them.
    SearchDocument.objects.filter(kind="park").update(id=5)
    SearchDocument.objects.filter(kind="enterprise").update(id=6)
    migration = importlib.import_module("cloudpark.search.migrations.0002_kind_in_document_ids")

    migration.renumber(django_apps, SimpleNamespace(connection=connection))

    ids = dict(SearchDocument.objects.values_list("kind", "id"))
    assert ids == {"park": 5 * 32 + 5, "enterprise": 6 * 32 + 4}
    assert found("湘湖") == {("park", park.pk), ("enterprise", enterprise.pk)}
    assert selectors.search("湘湖", kind="park").total == 2


def test_the_scope_migration_rewrites_every_scope_and_keeps_the_audiences():
    park = ParkFactory(name="湘湖数字园区")
    own = EnterpriseFactory(name="湘湖影视传媒")
    private = _private(own, 999_997, "湘湖数字影视")
    # Scopes as they were written before, with a NOT for the private audience.
    SearchDocument.objects.filter(organization__isnull=True).update(
        scope=Concat(Value("kind"), "kind", Value(" audpublic"))
    )
    SearchDocument.objects.filter(organization=own).update(
        scope=Value(f"kindnews audprivate audorg{own.pk}")
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    migration = importlib.import_module("cloudpark.search.migrations.0003_unweighted_scope_tokens")

    migration.rewrite(django_apps, SimpleNamespace(connection=connection))

    for document in SearchDocument.objects.all():
        assert document.scope == engine.scope_tokens(document.kind, document.organization_id)
    assert found("湘湖") == {("park", park.pk), ("enterprise", own.pk)}
    assert found("湘湖", organization_ids=(own.pk,)) == {
        ("park", park.pk),
        ("enterprise", own.pk),
        private,
    }
    assert found("数字", kind="park") == {("park", park.pk)}
    later = ParkFactory(name="湘湖影视园区")  # the triggers were made again
    assert found("湘湖", kind="park") == {("park", park.pk), ("park", later.pk)}
