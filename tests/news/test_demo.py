"""The demo's news: published through the review, a correction with the request behind it,
a published clarification and one awaiting the chief editor, and disclosure items."""

from collections import Counter
from datetime import date

import pytest

from cloudpark.core.models import AuditEntry
from cloudpark.demo.loader import load_demo
from cloudpark.news import enums, selectors
from cloudpark.news.models import (
    Article,
    Clarification,
    Correction,
    CorrectionRequest,
    DisclosureItem,
)
from cloudpark.notifications.models import Notification
from cloudpark.reviews.models import ReviewCase

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 30)


def test_the_demo_tells_the_news_story(demo):
    forum = Article.objects.get(title__startswith="2021中国网络媒体论坛开幕")
    correction = Correction.objects.get(article=forum)
    request = CorrectionRequest.objects.get(article=forum)
    waiting = CorrectionRequest.objects.get(state=enums.RequestState.RECEIVED)
    assert forum.state == enums.PublicationState.PUBLISHED
    assert "在广州开幕" in forum.body
    assert "opened in Guangzhou" in forum.translation.body
    assert (correction.request, request.state, request.outcome) == (
        request,
        enums.RequestState.ANSWERED,
        enums.RequestOutcome.CORRECTED,
    )
    assert Notification.objects.filter(
        recipient__email="person@demo.cloudpark.cn", kind="news.article_corrected"
    ).exists()
    assert (
        Article.objects.filter(
            park__name="中国（之江）视听创新创业基地", state=enums.PublicationState.PUBLISHED
        ).count()
        == 1
    )
    assert selectors.published_clarifications().get().verdict == enums.Verdict.FALSE
    assert selectors.public_disclosures().count() == DisclosureItem.objects.count() == 2
    in_review = Clarification.objects.get(state=enums.PublicationState.IN_REVIEW)
    case = ReviewCase.objects.get(pk=in_review.review_case_id)
    assert (case.reviewing_organization.name, case.stage_key) == (
        "浙江省广播电视局",
        "chief_editor",
    )
    assert waiting.organization.name == "中国（之江）视听创新创业基地"
    assert Article.objects.filter(state=enums.PublicationState.DRAFT).count() == 2
    assert Article.objects.filter(is_repost=True).get().source_name


def test_the_demo_loads_its_news_once(demo):
    count = Article.objects.count()

    load_demo(today=TODAY)

    assert Article.objects.count() == count


def test_every_news_write_is_in_the_audit_log(demo):
    actions = Counter(
        AuditEntry.objects.filter(action__startswith="news.").values_list("action", flat=True)
    )
    assert actions == {
        "news.channel.opened": 6,
        "news.article.drafted": Article.objects.count(),
        "news.article.submitted": Article.objects.count() - 2,
        "news.article.passed_on": 2,
        "news.article.published": Article.objects.count() - 2,
        "news.article.corrected": 1,
        "news.request.filed": 2,
        "news.request.taken": 1,
        "news.request.answered": 1,
        "news.clarification.drafted": 2,
        "news.clarification.submitted": 2,
        "news.clarification.published": 1,
        "news.disclosure.drafted": 2,
        "news.disclosure.submitted": 2,
        "news.disclosure.published": 2,
        "news.article.attachment_added": 1,
    }
