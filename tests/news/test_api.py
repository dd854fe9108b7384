"""The news endpoints apply the same rules as the pages."""

from datetime import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cloudpark.news import enums, services
from cloudpark.news.models import (
    Article,
    Clarification,
    Correction,
    CorrectionRequest,
    DisclosureItem,
)
from tests.factories import ChannelFactory, GovernmentBodyFactory, UserFactory
from tests.factories.news import (
    ARTICLE,
    CLARIFICATION,
    CORRECTION,
    DISCLOSURE,
    SOURCES,
    approved,
    clarification_in_review,
    disclosure_in_review,
    published,
    published_clarification,
    published_disclosure,
    request_for,
)
from tests.factories.programs import admin_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    client = APIClient()
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def article(channel, editor):
    return published(channel, actor=editor)


def test_published_articles_are_public_with_their_corrections(api, article, editor):
    correction = services.correct_article(article, actor=editor, **CORRECTION)

    listed = api.get(reverse("api:news-article-list"), {"channel": article.channel.slug})
    detail = api.get(reverse("api:news-article-detail", args=[article.pk]))

    assert [row["id"] for row in listed.json()["results"]] == [article.pk]
    assert [row["id"] for row in detail.json()["corrections"]] == [correction.pk]
    assert datetime.fromisoformat(detail.json()["updated"]) == (
        Article.objects.get(pk=article.pk).revised_at
    )


def test_an_editor_drafts_submits_and_a_chief_publishes(api, channel, editor):
    api.force_authenticate(editor)

    created = api.post(
        reverse("api:news-editor-article-list"),
        {**ARTICLE, "channel": channel.pk, "body": "<p>正文<script>x()</script></p>"},
        format="json",
    )
    pk = created.json()["id"]
    submitted = api.post(reverse("api:news-editor-article-submit", args=[pk]))

    assert (created.status_code, created.json()["body"]) == (201, "<p>正文</p>")
    assert submitted.json()["state"] == enums.PublicationState.IN_REVIEW


def test_a_repost_without_its_source_is_a_400(api, channel, editor):
    api.force_authenticate(editor)

    response = api.post(
        reverse("api:news-editor-article-list"),
        {**ARTICLE, "channel": channel.pk, "is_repost": True},
        format="json",
    )

    assert (response.status_code, response.json()["detail"]) == (
        400,
        "A repost must name the source.",
    )
    assert Article.objects.count() == 0


def test_another_organisations_channel_is_refused_as_missing(api, editor):
    other = ChannelFactory(organization=GovernmentBodyFactory())
    api.force_authenticate(editor)

    response = api.post(
        reverse("api:news-editor-article-list"), {**ARTICLE, "channel": other.pk}, format="json"
    )

    assert response.status_code == 400
    assert "does not exist" in str(response.json()["channel"])


def test_another_organisations_article_is_a_404(api, article):
    api.force_authenticate(admin_of(GovernmentBodyFactory()))

    response = api.post(reverse("api:news-editor-article-withdraw", args=[article.pk]))

    assert response.status_code == 404


def test_a_correction_in_one_language_is_a_400(api, article, editor):
    api.force_authenticate(editor)

    response = api.post(
        reverse("api:news-editor-article-correct", args=[article.pk]),
        {**CORRECTION, "wrong_en": ""},
        format="json",
    )

    assert response.status_code == 400
    assert Correction.objects.count() == 0


def test_anyone_files_a_request_and_follows_it(api, article):
    filed = api.post(
        reverse("api:news-request-list"),
        {
            "article": article.pk,
            "remedy": "correction",
            "reason": "人数有误。",
            "requester_name": "张三",
            "requester_email": "zhang@example.cn",
        },
        format="json",
    )
    number = filed.json()["tracking_number"]

    found = api.post(
        reverse("api:news-request-status"),
        {"tracking_number": number, "contact": "zhang@example.cn"},
        format="json",
    )

    assert (filed.status_code, found.json()["state"]) == (201, "received")
    assert CorrectionRequest.objects.get().tracking_number == number


def test_a_request_without_contact_is_a_400(api, article):
    response = api.post(
        reverse("api:news-request-list"),
        {"article": article.pk, "remedy": "deletion", "reason": "x", "requester_name": "张三"},
        format="json",
    )

    assert response.status_code == 400
    assert CorrectionRequest.objects.count() == 0


def test_an_editor_answers_a_request(api, article, editor):
    request = request_for(article)
    api.force_authenticate(editor)

    api.post(reverse("api:news-editor-request-take", args=[request.pk]))
    response = api.post(
        reverse("api:news-editor-request-answer", args=[request.pk]),
        {"outcome": "declined", "answer": "原文无误。"},
        format="json",
    )

    assert (response.json()["state"], response.json()["handler"]) == ("answered", str(editor))


def test_someone_else_does_not_see_the_requests(api, article):
    request_for(article)
    api.force_authenticate(UserFactory())

    response = api.get(reverse("api:news-editor-request-list"))

    assert response.json()["results"] == []


def test_clarifications_are_filtered_by_verdict(api, government, editor):
    published_clarification(government, actor=editor)

    response = api.get(reverse("api:news-clarification-list"), {"verdict": "false"})

    assert [row["sources"][0]["issuing_unit"] for row in response.json()["results"]] == [
        "园区管委会"
    ]


def test_the_schema_lists_the_news_endpoints(api):
    response = api.get(reverse("api:schema"), {"format": "json"})

    paths = response.json()["paths"]
    assert {
        "/api/v1/news/articles/",
        "/api/v1/news/requests/",
        "/api/v1/news/requests/status/",
        "/api/v1/news/editor/articles/{id}/correct/",
        "/api/v1/news/editor/requests/{id}/answer/",
        "/api/v1/news/editor/clarifications/{id}/submit/",
        "/api/v1/news/editor/disclosure/{id}/withdraw/",
    } <= set(paths)


# Clarifications and disclosure items, as editors write them -----------------------------------

CLARIFICATION_BODY = {**CLARIFICATION, "first_appeared_on": "2026-03-02"}
DISCLOSURE_BODY = {**DISCLOSURE, "issued_on": "2026-04-01"}


@pytest.fixture
def disclosure_channel(government):
    return ChannelFactory(organization=government, kind=enums.ChannelKind.DISCLOSURE)


def test_an_editor_drafts_edits_and_submits_a_clarification(api, government, editor):
    api.force_authenticate(editor)

    created = api.post(
        reverse("api:news-editor-clarification-list"),
        {**CLARIFICATION_BODY, "organization": government.pk, "sources": SOURCES},
        format="json",
    )
    pk = created.json()["id"]
    edited = api.patch(
        reverse("api:news-editor-clarification-detail", args=[pk]),
        {"verdict": enums.Verdict.MISLEADING},
        format="json",
    )
    submitted = api.post(reverse("api:news-editor-clarification-submit", args=[pk]))

    assert (created.status_code, created.json()["state"]) == (201, enums.PublicationState.DRAFT)
    assert [row["issuing_unit"] for row in edited.json()["sources"]] == ["园区管委会"]
    assert (submitted.status_code, submitted.json()["state"]) == (
        200,
        enums.PublicationState.IN_REVIEW,
    )
    assert submitted.json()["verdict"] == enums.Verdict.MISLEADING
    assert services.case_of(Clarification.objects.get(pk=pk)).is_open


def test_a_clarification_without_a_source_is_refused_at_the_field(api, government, editor):
    api.force_authenticate(editor)
    created = api.post(
        reverse("api:news-editor-clarification-list"),
        {**CLARIFICATION_BODY, "organization": government.pk},
        format="json",
    )
    pk = created.json()["id"]

    response = api.post(reverse("api:news-editor-clarification-submit", args=[pk]))

    assert (response.status_code, response.json()) == (
        400,
        {"detail": "Name at least one source of the facts.", "field": "sources"},
    )
    assert Clarification.objects.get(pk=pk).state == enums.PublicationState.DRAFT


def test_a_source_without_its_issuing_unit_is_refused_at_the_field(api, government, editor):
    api.force_authenticate(editor)

    response = api.post(
        reverse("api:news-editor-clarification-list"),
        {
            **CLARIFICATION_BODY,
            "organization": government.pk,
            "sources": [{"title": "公告", "issuing_unit": ""}],
        },
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()["sources"]["0"]) == ["issuing_unit"]
    assert Clarification.objects.count() == 0


def test_a_clarification_for_another_organisation_is_refused_at_its_field(api, editor):
    api.force_authenticate(editor)

    response = api.post(
        reverse("api:news-editor-clarification-list"),
        {**CLARIFICATION_BODY, "organization": GovernmentBodyFactory().pk},
        format="json",
    )

    assert response.status_code == 400
    assert "does not exist" in str(response.json()["organization"])
    assert Clarification.objects.count() == 0


def test_another_organisations_clarification_is_a_404(api, government, editor):
    clarification = clarification_in_review(government, actor=editor)
    api.force_authenticate(admin_of(GovernmentBodyFactory()))

    retrieved = api.get(reverse("api:news-editor-clarification-detail", args=[clarification.pk]))
    withdrawn = api.post(reverse("api:news-editor-clarification-withdraw", args=[clarification.pk]))

    assert (retrieved.status_code, withdrawn.status_code) == (404, 404)
    assert Clarification.objects.get(pk=clarification.pk).state == (
        enums.PublicationState.IN_REVIEW
    )


def test_a_clarification_in_review_is_not_changed_but_withdrawn(api, government, editor):
    clarification = clarification_in_review(government, actor=editor)
    api.force_authenticate(editor)

    edited = api.patch(
        reverse("api:news-editor-clarification-detail", args=[clarification.pk]),
        {"title": "改过的标题"},
        format="json",
    )
    withdrawn = api.post(reverse("api:news-editor-clarification-withdraw", args=[clarification.pk]))

    assert edited.status_code == 400
    assert withdrawn.json()["state"] == enums.PublicationState.WITHDRAWN
    assert Clarification.objects.get(pk=clarification.pk).title == CLARIFICATION["title"]
    assert not services.case_of(clarification).is_open


def test_the_editors_list_shows_their_own_clarifications_in_every_state(api, government, editor):
    draft = services.draft_clarification(government, actor=editor, **CLARIFICATION)
    published = published_clarification(government, actor=editor)
    published_clarification(GovernmentBodyFactory())
    api.force_authenticate(editor)

    response = api.get(reverse("api:news-editor-clarification-list"))

    assert {(row["id"], row["state"]) for row in response.json()["results"]} == {
        (draft.pk, enums.PublicationState.DRAFT),
        (published.pk, enums.PublicationState.PUBLISHED),
    }


def test_an_editor_drafts_edits_and_submits_a_disclosure_item(api, editor, disclosure_channel):
    api.force_authenticate(editor)

    created = api.post(
        reverse("api:news-editor-disclosure-list"),
        {**DISCLOSURE_BODY, "channel": disclosure_channel.pk},
        format="json",
    )
    pk = created.json()["id"]
    edited = api.patch(
        reverse("api:news-editor-disclosure-detail", args=[pk]),
        {"title_en": "A notice on support for online audiovisual works"},
        format="json",
    )
    submitted = api.post(reverse("api:news-editor-disclosure-submit", args=[pk]))

    assert (created.status_code, created.json()["channel"]) == (201, disclosure_channel.slug)
    assert edited.json()["title_en"] == "A notice on support for online audiovisual works"
    assert submitted.json()["state"] == enums.PublicationState.IN_REVIEW
    assert approved(DisclosureItem.objects.get(pk=pk), actor=editor).state == (
        enums.PublicationState.PUBLISHED
    )


def test_a_disclosure_item_without_its_document_number_is_refused_at_the_field(
    api, editor, disclosure_channel
):
    api.force_authenticate(editor)

    response = api.post(
        reverse("api:news-editor-disclosure-list"),
        {**DISCLOSURE_BODY, "channel": disclosure_channel.pk, "document_number": " "},
        format="json",
    )

    assert (response.status_code, response.json()) == (
        400,
        {
            "detail": "A disclosure item must give its document number.",
            "field": "document_number",
        },
    )
    assert DisclosureItem.objects.count() == 0


def test_a_disclosure_item_goes_only_in_a_disclosure_channel(api, channel, editor):
    api.force_authenticate(editor)

    response = api.post(
        reverse("api:news-editor-disclosure-list"),
        {**DISCLOSURE_BODY, "channel": channel.pk},
        format="json",
    )

    assert response.status_code == 400
    assert "does not exist" in str(response.json()["channel"])
    assert DisclosureItem.objects.count() == 0


def test_an_index_number_used_in_the_channel_is_refused(api, editor, disclosure_channel):
    services.draft_disclosure(disclosure_channel, actor=editor, **DISCLOSURE)
    api.force_authenticate(editor)

    response = api.post(
        reverse("api:news-editor-disclosure-list"),
        {**DISCLOSURE_BODY, "channel": disclosure_channel.pk},
        format="json",
    )

    assert response.status_code == 400
    assert "Index number already exists" in response.json()["detail"]
    assert DisclosureItem.objects.count() == 1


def test_another_organisations_disclosure_item_is_a_404(api, editor, disclosure_channel):
    item = disclosure_in_review(disclosure_channel, actor=editor)
    api.force_authenticate(admin_of(GovernmentBodyFactory()))

    edited = api.patch(
        reverse("api:news-editor-disclosure-detail", args=[item.pk]),
        {"title": "改过的标题"},
        format="json",
    )
    withdrawn = api.post(reverse("api:news-editor-disclosure-withdraw", args=[item.pk]))

    assert (edited.status_code, withdrawn.status_code) == (404, 404)
    assert DisclosureItem.objects.get(pk=item.pk).state == enums.PublicationState.IN_REVIEW


def test_a_published_disclosure_item_is_withdrawn_off_the_site(api, editor, disclosure_channel):
    item = published_disclosure(disclosure_channel, actor=editor)
    api.force_authenticate(editor)

    withdrawn = api.post(reverse("api:news-editor-disclosure-withdraw", args=[item.pk]))
    listed = api.get(reverse("api:news-disclosure-list"))

    assert withdrawn.json()["state"] == enums.PublicationState.WITHDRAWN
    assert listed.json()["results"] == []


API_LISTS = [
    ("api:news-channel-list", False, 2),
    ("api:news-article-list", False, 7),
    ("api:news-correction-list", False, 2),
    ("api:news-clarification-list", False, 3),
    ("api:news-disclosure-list", False, 2),
    ("api:news-editor-article-list", True, 7),
    ("api:news-editor-request-list", True, 2),
    ("api:news-editor-clarification-list", True, 5),
    ("api:news-editor-disclosure-list", True, 2),
]


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(("name", "signed_in", "queries"), API_LISTS)
def test_the_lists_query_count_does_not_grow_with_rows(
    api,
    news_with,
    editor,
    django_assert_num_queries,
    rows,
    name,
    signed_in,
    queries,
):
    news_with(rows)
    if signed_in:
        api.force_authenticate(editor)

    with django_assert_num_queries(queries):
        response = api.get(reverse(name))

    assert response.status_code == 200
