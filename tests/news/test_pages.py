import json
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from cloudpark.news import enums, services
from cloudpark.news.models import Article, Clarification, CorrectionRequest, DisclosureItem
from cloudpark.notifications.models import Notification
from cloudpark.reviews import services as review_services
from tests.factories import ChannelFactory, UserFactory
from tests.factories.news import (
    CLARIFICATION,
    CORRECTION,
    DISCLOSURE,
    SOURCES,
    clarification_in_review,
    published,
    published_clarification,
    request_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(channel, editor):
    return published(channel, actor=editor)


def test_an_article_shows_its_correction_under_the_headline(client, article, editor):
    correction = services.correct_article(
        article, actor=editor, body="<p>共有二十三家企业参加。</p>", **CORRECTION
    )

    response = client.get(reverse("public:news_article", args=[article.pk]))

    html = response.content.decode()
    headline, body = html.index("<h1"), html.index("cp-article-body")
    box = html.index(f'id="correction-{correction.pk}"')
    assert headline < box < body
    assert CORRECTION["right_en"] in html
    assert reverse("public:news_revision", args=[article.pk, 2]) in html
    assert reverse("public:news_article_request", args=[article.pk]) in html


def test_correction_markup_is_a_data_block(client, article, editor):
    services.correct_article(article, actor=editor, **CORRECTION)

    response = client.get(reverse("public:news_article", args=[article.pk]))

    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    assert [json.loads(block)["@type"] for block in blocks] == ["CorrectionComment"]
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_revision_page_shows_what_changed(client, article, editor):
    services.correct_article(
        article, actor=editor, body="<p>共有二十三家企业参加。</p>", **CORRECTION
    )

    response = client.get(reverse("public:news_revision", args=[article.pk, 2]))

    assert "<ins" in response.content.decode()
    assert [c.text for c in response.context["changes"] if c.kind == "added"] == [
        "共有二十三家企业参加。"
    ]


def test_a_draft_is_not_public(client, channel, editor):
    draft = services.draft_article(
        channel, actor=editor, title="草稿", author="李", editor="王", body="<p>x</p>"
    )

    response = client.get(reverse("public:news_article", args=[draft.pk]))

    assert response.status_code == 404


def test_the_ledger_lists_corrections_and_the_years_figures(client, article, editor):
    request = request_for(article)
    services.correct_article(article, actor=editor, request=request, **CORRECTION)

    response = client.get(reverse("public:news_corrections"))

    figures = response.context["figures"]
    assert (figures["requests"], figures["open"], len(response.context["rows"])) == (1, 1, 1)


def test_a_reader_files_a_request_and_gets_a_tracking_number(client, article):
    response = client.post(
        reverse("public:news_article_request", args=[article.pk]),
        {
            "remedy": "correction",
            "reason": "参会企业是二十三家。",
            "requester_name": "张三",
            "requester_email": "zhang@example.cn",
        },
        follow=True,
    )

    request = CorrectionRequest.objects.get()
    assert request.article == article
    assert request.tracking_number in response.content.decode()


def test_a_request_without_contact_details_is_refused_on_the_form(client, article):
    response = client.post(
        reverse("public:news_article_request", args=[article.pk]),
        {"remedy": "correction", "reason": "有误。", "requester_name": "张三"},
    )

    assert response.status_code == 200
    assert "e-mail address or a phone number" in response.content.decode()
    assert CorrectionRequest.objects.count() == 0


def test_the_site_wide_entry_names_the_publisher(client, article, government):
    response = client.post(
        reverse("public:news_request"),
        {
            "organization": government.pk,
            "address": "https://example.cn/somewhere",
            "remedy": "reply",
            "reason": "请允许我们回应。",
            "requester_name": "某公司",
            "requester_phone": "13800000000",
        },
    )

    assert response.status_code == 302
    assert CorrectionRequest.objects.get().organization_id == government.pk


def test_the_status_look_up_needs_the_contact(client, article):
    request = request_for(article)
    url = reverse("public:news_request_status")

    found = client.get(url, {"number": request.tracking_number, "contact": "zhang@example.cn"})
    hidden = client.get(url, {"number": request.tracking_number, "contact": "x@example.cn"})

    assert found.context["found"] == request
    assert hidden.status_code == 404


def test_a_clarification_shows_its_verdict_and_claim_review(client, government, editor):
    clarification = published_clarification(government, actor=editor)

    response = client.get(reverse("public:news_clarification", args=[clarification.pk]))

    html = response.content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    markup = json.loads(block.group(1))
    assert 'id="verdict"' in html
    assert (markup["@type"], markup["reviewRating"]["alternateName"]) == ("ClaimReview", "False")
    assert markup["itemReviewed"]["datePublished"] == "2026-03-02"


def test_the_library_filters_by_verdict(client, government, editor):
    published_clarification(government, actor=editor)

    shown = client.get(reverse("public:news_clarifications"), {"verdict": "false"})
    none = client.get(reverse("public:news_clarifications"), {"verdict": "true"})

    assert (len(shown.context["rows"]), len(none.context["rows"])) == (1, 0)


def test_the_feed_carries_the_corrected_date(client, article, editor):
    Article.objects.filter(pk=article.pk).update(
        published_at=timezone.now() - timedelta(days=2),
        revised_at=timezone.now() - timedelta(days=2),
    )
    url = reverse("public:news_feed_atom")
    before = client.get(url)

    services.correct_article(article, actor=editor, **CORRECTION)
    after = client.get(url)

    assert before["Last-Modified"] != after["Last-Modified"]
    assert after["Content-Type"].startswith("application/atom+xml")
    updated = re.search(r"<entry>.*?<updated>(.*?)</updated>", after.content.decode(), re.S)
    assert updated.group(1)[:10] == timezone.now().date().isoformat()


def test_the_feed_answers_a_current_copy_with_not_modified(client, article):
    url = reverse("public:news_feed_atom")
    first = client.get(url)

    second = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert (first.status_code, second.status_code) == (200, 304)


def test_a_channel_feed_in_english_holds_only_english(client, channel, editor, article):
    english = services.draft_article(
        channel,
        actor=editor,
        original=article,
        title="Forum held",
        author="Li",
        editor="Wang",
        body="<p>Held.</p>",
    )
    services.submit_article(english, actor=editor)
    case = services.case_of(Article.objects.get(pk=english.pk))
    review_services.decide(case, actor=editor, stage_key=case.stage_key, decision="approve")

    response = client.get(reverse("public:news_channel_rss", args=[channel.slug, "en"]))

    xml = response.content.decode()
    assert "<title>Forum held</title>" in xml
    assert article.title not in xml
    assert "<language>en</language>" in xml


def test_a_browser_gets_a_readable_feed(client, article):
    response = client.get(
        reverse("public:news_feed_atom"), HTTP_ACCEPT="text/html,application/xhtml+xml,*/*"
    )

    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert [item["title"] for item in response.context["items"]] == [article.title]
    assert 'id="feed-address"' in response.content.decode()


def test_a_feed_reader_gets_the_feed(client, article):
    response = client.get(reverse("public:news_feed_atom"), HTTP_ACCEPT="application/atom+xml")

    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert "Accept" in response["Vary"].split(", ")


def test_the_corrections_feed_lists_a_correction(client, article, editor):
    services.correct_article(article, actor=editor, **CORRECTION)

    response = client.get(reverse("public:news_corrections_atom"))

    assert f"{CORRECTION['wrong_en']} → {CORRECTION['right_en']}" in response.content.decode()


def test_an_editor_corrects_from_the_portal(client, article, editor):
    client.force_login(editor)

    response = client.post(
        reverse("government:news_article_correct", args=[article.pk]),
        {**CORRECTION, "body": article.body},
    )

    assert response.status_code == 302
    assert article.corrections.get().kind == enums.CorrectionKind.CORRECTION


def test_a_correction_in_one_language_is_refused_on_the_form(client, article, editor):
    client.force_login(editor)

    response = client.post(
        reverse("government:news_article_correct", args=[article.pk]),
        {**CORRECTION, "right_en": "", "body": article.body},
    )

    assert response.status_code == 200
    assert "both languages" in response.content.decode()
    assert article.corrections.count() == 0


def test_an_editor_drafts_and_submits_from_the_portal(client, channel, editor):
    client.force_login(editor)

    client.post(
        reverse("government:news_article_create"),
        {
            "channel": channel.pk,
            "title": "新闻",
            "author": "李",
            "editor": "王",
            "body": "<p>正文<script>x()</script></p>",
        },
    )
    article = Article.objects.get()
    client.post(reverse("government:news_article_detail", args=[article.pk]), {"step": "submit"})

    article.refresh_from_db()
    assert (article.body, article.state) == ("<p>正文</p>", enums.PublicationState.IN_REVIEW)


def test_an_editor_answers_a_request(client, article, editor):
    request = request_for(article)
    client.force_login(editor)

    client.post(reverse("government:news_request_detail", args=[request.pk]), {"step": "take"})
    client.post(
        reverse("government:news_request_detail", args=[request.pk]),
        {"outcome": "declined", "answer": "经核实，原文无误。"},
    )

    request.refresh_from_db()
    assert (request.state, request.handler, request.outcome) == ("answered", editor, "declined")


def test_the_last_modified_header_is_an_http_date(client, article):
    response = client.get(reverse("public:news_feed_rss"))

    assert response["Last-Modified"] == http_date(article.updated_on_feed.timestamp())


def test_a_parks_news_shows_on_its_page(client, park_channel, park):
    article = published(park_channel)

    response = client.get(reverse("public:park_detail", args=[park.pk]))

    assert list(response.context["park_news"]) == [article]
    assert 'id="park-news"' in response.content.decode()


def test_an_editor_writes_the_english_version(client, channel, editor, article):
    client.force_login(editor)

    client.post(
        reverse("government:news_article_translate", args=[article.pk]),
        {"title": "Forum held", "author": "Li Ming", "editor": "Wang Fang", "body": "<p>Held.</p>"},
    )

    english = Article.objects.get(original=article)
    assert (english.language, english.state, english.channel) == ("en", "draft", channel)


def test_the_portal_correction_puts_the_english_version_right_too(client, article, editor):
    english = published(
        article.channel, actor=editor, original=article, title="Forum", body="<p>Thirty-two.</p>"
    )
    client.force_login(editor)

    client.post(
        reverse("government:news_article_correct", args=[article.pk]),
        {**CORRECTION, "body": article.body, "translation_body": "<p>Twenty-three.</p>"},
    )

    english.refresh_from_db()
    assert english.body == "<p>Twenty-three.</p>"


def test_an_editor_adds_a_cover_and_an_attachment_readers_download(client, channel, editor):

    draft = services.draft_article(
        channel, actor=editor, title="草稿", author="李", editor="王", body="<p>正文</p>"
    )
    client.force_login(editor)
    client.post(
        reverse("government:news_article_files", args=[draft.pk]),
        {
            "cover_image": SimpleUploadedFile("cover.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20),
            "attachment": SimpleUploadedFile("通知.pdf", b"%PDF-1.7\nx\n%%EOF\n"),
        },
    )
    services.submit_article(draft, actor=editor)
    case = services.case_of(Article.objects.get(pk=draft.pk))
    review_services.decide(case, actor=editor, stage_key=case.stage_key, decision="approve")
    attachment = draft.attachments.get()
    client.logout()

    cover = client.get(reverse("public:news_cover", args=[draft.pk]))
    download = client.get(reverse("public:news_attachment", args=[attachment.pk]))

    assert (cover.status_code, cover["Content-Type"]) == (200, "image/png")
    assert b"".join(download.streaming_content).startswith(b"%PDF-1.7")


def test_an_attachment_of_a_draft_is_not_public(client, channel, editor):

    draft = services.draft_article(
        channel, actor=editor, title="草稿", author="李", editor="王", body="<p>正文</p>"
    )
    attachment = services.attach_file(
        draft, actor=editor, uploaded=SimpleUploadedFile("a.pdf", b"%PDF-1.7\nx\n%%EOF\n")
    )

    response = client.get(reverse("public:news_attachment", args=[attachment.pk]))

    assert response.status_code == 404


def test_a_clarification_shows_on_the_page_of_the_park_it_concerns(
    client, government, editor, park
):
    clarification = published_clarification(government, actor=editor, organizations=[park])

    response = client.get(reverse("public:park_detail", args=[park.pk]))

    assert list(response.context["park_clarifications"]) == [clarification]


def test_a_reader_follows_a_channel_and_is_told_of_its_corrections(client, channel, editor):
    reader = UserFactory()
    client.force_login(reader)
    client.post(reverse("public:news_follow", args=[channel.slug]), {"follow": "yes"})
    article = published(channel, actor=editor)

    services.correct_article(article, actor=editor, **CORRECTION)

    assert list(Notification.objects.filter(recipient=reader).values_list("kind", flat=True)) == [
        services.CORRECTED_NOTICE,
        services.NEW_ARTICLE_NOTICE,
    ]


def test_a_visitor_is_asked_to_sign_in_to_follow(client, channel):
    response = client.post(reverse("public:news_follow", args=[channel.slug]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert channel.subscriptions.count() == 0


def test_the_editors_home_lists_the_requests_to_answer(client, article, editor):
    request = request_for(article)
    client.force_login(editor)

    response = client.get(reverse("government:home"))

    assert request.tracking_number in response.content.decode()
    assert 'id="news-requests"' in response.content.decode()


def test_the_news_panel_is_registered_with_the_editors_portals():
    from cloudpark.portals import home
    from cloudpark.portals.base import Portal

    assert [portal for portal in Portal if "news.requests" in home._REGISTRY[portal]] == [
        Portal.GOVERNMENT,
        Portal.PARK,
    ]


def test_an_editor_drafts_a_clarification_and_sends_it_for_review(client, government, editor):
    client.force_login(editor)

    response = client.post(
        reverse("government:news_clarification_create"),
        {
            **CLARIFICATION,
            "first_appeared_on": "2026-03-02",
            "sources": "园区管委会公告 | 园区管委会 | https://example.cn/n/1",
        },
    )
    clarification = Clarification.objects.get()
    detail = reverse("government:news_clarification_detail", args=[clarification.pk])
    client.post(detail, {"step": "submit"})

    clarification.refresh_from_db()
    assert response["Location"] == detail
    assert (clarification.state, services.case_of(clarification).stage_key) == (
        enums.PublicationState.IN_REVIEW,
        "chief_editor",
    )
    assert (
        client.get(reverse("public:news_clarification", args=[clarification.pk])).status_code == 404
    )


def test_the_chief_editor_publishes_a_clarification_from_the_review_room(
    client, government, editor
):
    clarification = clarification_in_review(government, actor=editor)
    case = services.case_of(clarification)
    client.force_login(editor)

    queue = client.get(reverse("government:review_list"))
    client.post(
        reverse("government:review_detail", args=[case.pk]),
        {"stage_key": case.stage_key, "round": case.round, "decision": "approve", "confirmed": "1"},
    )

    clarification.refresh_from_db()
    assert clarification.display_title in queue.content.decode()
    assert clarification.state == enums.PublicationState.PUBLISHED
    assert (
        client.get(reverse("public:news_clarification", args=[clarification.pk])).status_code == 200
    )


def test_the_clarification_list_publishes_nothing(client, government, editor):
    clarification = services.draft_clarification(
        government, actor=editor, sources=SOURCES, **CLARIFICATION
    )
    client.force_login(editor)

    response = client.post(
        reverse("government:news_clarification_list"), {"publish": clarification.pk}
    )

    clarification.refresh_from_db()
    assert (response.status_code, clarification.state) == (405, enums.PublicationState.DRAFT)


def test_a_clarification_in_review_is_not_changed_on_its_form(client, government, editor):
    clarification = clarification_in_review(government, actor=editor)
    client.force_login(editor)

    response = client.post(
        reverse("government:news_clarification_edit", args=[clarification.pk]),
        {
            **CLARIFICATION,
            "verdict": "true",
            "first_appeared_on": "2026-03-02",
            "sources": "园区管委会公告 | 园区管委会",
        },
    )

    clarification.refresh_from_db()
    assert response.status_code == 200
    assert "Only a draft" in response.content.decode()
    assert clarification.verdict == enums.Verdict.FALSE


def test_a_disclosure_item_is_published_only_after_the_review(client, government, editor):
    ChannelFactory(organization=government, kind=enums.ChannelKind.DISCLOSURE)
    client.force_login(editor)

    client.post(
        reverse("government:news_disclosure_create"), {**DISCLOSURE, "issued_on": "2026-04-01"}
    )
    item = DisclosureItem.objects.get()
    listed_as_draft = client.get(reverse("public:news_disclosure")).context["rows"]
    client.post(reverse("government:news_disclosure_detail", args=[item.pk]), {"step": "submit"})
    case = services.case_of(DisclosureItem.objects.get())
    review_services.decide(case, actor=editor, stage_key=case.stage_key, decision="approve")

    assert (len(listed_as_draft), DisclosureItem.objects.get().state) == (
        0,
        enums.PublicationState.PUBLISHED,
    )
    assert list(client.get(reverse("public:news_disclosure")).context["rows"]) == [item]
