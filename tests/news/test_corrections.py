from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError
from django.utils import timezone

from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.models import AppendOnlyError, AuditEntry
from cloudpark.news import enums, selectors, services
from cloudpark.news.models import Article, Correction, Revision
from cloudpark.notifications.models import Notification
from tests.factories import UserFactory
from tests.factories.news import ARTICLE, CORRECTION, draft, published, request_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(channel, editor):
    return published(channel, actor=editor)


def test_a_correction_with_a_new_text_keeps_a_revision_and_moves_the_date(article, editor):
    before = article.revised_at
    new_body = ARTICLE["body"].replace("三十二", "二十三")

    correction = services.correct_article(article, actor=editor, body=new_body, **CORRECTION)

    article.refresh_from_db()
    assert (article.body, correction.revision.number, correction.revision.body) == (
        new_body,
        2,
        new_body,
    )
    assert article.revised_at > before
    assert AuditEntry.objects.filter(action=services.ARTICLE_CORRECTED).count() == 1


def test_what_changed_between_revisions_is_readable(article, editor):
    services.correct_article(
        article, actor=editor, body=ARTICLE["body"].replace("三十二", "二十三"), **CORRECTION
    )

    _older, _newer, changes = selectors.revision_changes(article, 2)

    assert [(c.kind, c.text) for c in changes if c.kind != "same"] == [
        ("removed", "交流会于周五举行，共有三十二家企业参加。"),
        ("added", "交流会于周五举行，共有二十三家企业参加。"),
    ]


@pytest.mark.parametrize("missing", ["wrong", "wrong_en", "right", "right_en"])
def test_a_correction_in_one_language_is_refused(article, editor, missing):
    values = {**CORRECTION, missing: "  "}

    with pytest.raises(DomainError) as refused:
        services.correct_article(article, actor=editor, body="<p>改</p>", **values)

    article.refresh_from_db()
    assert (refused.value.field, Correction.objects.count(), article.body) == (
        missing,
        0,
        ARTICLE["body"],
    )
    assert "both languages" in str(refused.value)


def test_the_database_refuses_a_correction_in_one_language(article):
    with pytest.raises(IntegrityError):
        Correction.objects.create(article=article, kind="correction", wrong="错", right="对")


def test_a_draft_is_not_corrected(channel, editor):
    article = draft(channel, actor=editor)

    with pytest.raises(TransitionNotAllowed):
        services.correct_article(article, actor=editor, **CORRECTION)


def test_a_correction_is_never_changed_nor_deleted(article, editor):
    correction = services.correct_article(article, actor=editor, **CORRECTION)

    correction.kind = enums.CorrectionKind.APOLOGY
    with pytest.raises(AppendOnlyError):
        correction.save()
    with pytest.raises(AppendOnlyError):
        correction.delete()
    with pytest.raises(AppendOnlyError):
        Correction.objects.filter(pk=correction.pk).update(right="x")
    with pytest.raises(AppendOnlyError):
        Correction.objects.all().delete()

    assert Correction.objects.get(pk=correction.pk).kind == enums.CorrectionKind.CORRECTION


def test_everyone_sent_the_article_is_told_of_the_correction(channel, editor):
    reader = UserFactory()
    services.subscribe(channel, user=reader)
    services.subscribe(channel, email="subscriber@example.cn")
    article = published(channel, actor=editor)
    mail.outbox.clear()

    services.correct_article(article, actor=editor, **CORRECTION)

    notice = Notification.objects.get(recipient=reader, kind=services.CORRECTED_NOTICE)
    assert notice.params["right"] == CORRECTION["right"]
    assert notice.url == f"/news/{article.pk}/"


def test_a_correction_shows_on_both_language_versions(article, editor, channel):
    english = services.draft_article(channel, actor=editor, original=article, **ARTICLE)
    correction = services.correct_article(article, actor=editor, **CORRECTION)

    shown = list(selectors.corrections_shown_on(english))

    assert shown == [correction]


def test_the_ledger_counts_the_year(article, editor):
    request = request_for(article)
    services.take_request(request, actor=editor)
    services.correct_article(article, actor=editor, request=request, **CORRECTION)
    services.answer_request(
        request, actor=editor, outcome=enums.RequestOutcome.CORRECTED, answer="已更正。"
    )

    figures = selectors.yearly_figures(timezone.localdate().year)

    assert (figures["requests"], figures["answered"], figures["open"], figures["late"]) == (
        1,
        1,
        0,
        0,
    )
    assert dict(figures["outcomes"])[enums.RequestOutcome.CORRECTED.label] == 1
    assert dict(figures["corrections"])[enums.CorrectionKind.CORRECTION.label] == 1
    assert figures["average_days"] == 0.0


def test_an_article_keeps_its_revisions_in_order(article, editor):
    services.correct_article(article, actor=editor, body="<p>第二版</p>", **CORRECTION)
    services.correct_article(article, actor=editor, body="<p>第三版</p>", **CORRECTION)

    assert list(Revision.objects.filter(article=article).values_list("number", flat=True)) == [
        1,
        2,
        3,
    ]
    assert Article.objects.get(pk=article.pk).body == "<p>第三版</p>"


def test_a_feed_update_date_moves_with_each_correction(article, editor):
    Article.objects.filter(pk=article.pk).update(revised_at=timezone.now() - timedelta(days=1))
    article.refresh_from_db()
    before = article.updated_on_feed

    services.correct_article(article, actor=editor, **CORRECTION)

    article.refresh_from_db()
    assert article.updated_on_feed > before


def test_one_correction_puts_both_language_versions_right(article, editor, channel):
    english = published(
        channel, actor=editor, original=article, title="Forum", body="<p>Thirty-two.</p>"
    )

    services.correct_article(
        article,
        actor=editor,
        body="<p>共有二十三家企业参加。</p>",
        translation_body="<p>Twenty-three.</p>",
        **CORRECTION,
    )

    english.refresh_from_db()
    assert (english.body, english.revisions.count(), english.revised_at is not None) == (
        "<p>Twenty-three.</p>",
        2,
        True,
    )
    assert list(selectors.corrections_shown_on(english)) == list(article.corrections.all())
