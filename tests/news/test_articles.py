import pytest
from django.db import IntegrityError

from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.models import AppendOnlyError, AuditEntry
from cloudpark.news import enums, services
from cloudpark.news.models import Article, Delivery, Revision
from cloudpark.notifications.models import Notification
from cloudpark.reviews import enums as review_enums
from cloudpark.reviews import services as review_services
from tests.factories import UserFactory
from tests.factories.news import ARTICLE, draft, published

pytestmark = pytest.mark.django_db


def test_the_transition_table_refuses_every_pair_not_in_it():
    allowed = {
        (enums.PublicationState.DRAFT, enums.PublicationState.IN_REVIEW),
        (enums.PublicationState.DRAFT, enums.PublicationState.WITHDRAWN),
        (enums.PublicationState.IN_REVIEW, enums.PublicationState.RETURNED),
        (enums.PublicationState.IN_REVIEW, enums.PublicationState.PUBLISHED),
        (enums.PublicationState.IN_REVIEW, enums.PublicationState.REJECTED),
        (enums.PublicationState.IN_REVIEW, enums.PublicationState.WITHDRAWN),
        (enums.PublicationState.RETURNED, enums.PublicationState.IN_REVIEW),
        (enums.PublicationState.RETURNED, enums.PublicationState.WITHDRAWN),
        (enums.PublicationState.PUBLISHED, enums.PublicationState.WITHDRAWN),
    }

    found = {
        (state, target)
        for state, targets in enums.PUBLICATION_TRANSITIONS.items()
        for target in targets
    }

    assert found == allowed


def test_the_request_table_refuses_every_pair_not_in_it():
    found = {
        (state, target)
        for state, targets in enums.REQUEST_TRANSITIONS.items()
        for target in targets
    }

    assert found == {
        (enums.RequestState.RECEIVED, enums.RequestState.IN_HANDLING),
        (enums.RequestState.RECEIVED, enums.RequestState.ANSWERED),
        (enums.RequestState.IN_HANDLING, enums.RequestState.ANSWERED),
    }


def test_a_body_is_sanitised_on_save(channel, editor):
    body = (
        '<p onclick="steal()">Hello <script>alert(1)</script><b>world</b></p>'
        '<a href="javascript:alert(1)">x</a><img src="x.png" onerror="alert(2)">'
        '<style>p{}</style><iframe src="https://evil.example"></iframe>'
    )

    article = draft(channel, actor=editor, body=body)

    assert article.body == (
        '<p>Hello <b>world</b></p><a rel="noopener noreferrer">x</a><img src="x.png">'
    )


def test_an_edit_is_sanitised_too(channel, editor):
    article = draft(channel, actor=editor)

    services.update_article(article, actor=editor, body="<p>新的</p><script>x()</script>")

    assert Article.objects.get(pk=article.pk).body == "<p>新的</p>"


def test_a_body_of_only_markup_is_refused(channel, editor):
    with pytest.raises(DomainError) as refused:
        draft(channel, actor=editor, body="<script>alert(1)</script>")

    assert (refused.value.field, Article.objects.count()) == ("body", 0)


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("source_name", "A repost must name the source."),
        ("original_author", "A repost must name the original author."),
        ("original_title", "A repost must name the original title."),
    ],
)
def test_a_repost_without_its_source_is_refused(channel, editor, missing, message):
    repost = {
        "is_repost": True,
        "source_name": "新华网",
        "original_author": "赵一",
        "original_title": "原标题",
    }
    repost[missing] = ""

    with pytest.raises(DomainError) as refused:
        draft(channel, actor=editor, **repost)

    assert (refused.value.field, str(refused.value), Article.objects.count()) == (
        missing,
        message,
        0,
    )


def test_the_database_refuses_a_repost_without_its_source(channel, editor):
    article = draft(channel, actor=editor)

    with pytest.raises(IntegrityError):
        Article.objects.filter(pk=article.pk).update(is_repost=True)


def test_a_park_news_article_names_its_park(park_channel, park):
    article = draft(park_channel)

    assert article.park_id == park.pk


def test_an_english_version_is_linked_as_a_translation(channel, editor):
    chinese = draft(channel, actor=editor)

    english = services.draft_article(
        channel,
        actor=editor,
        original=chinese,
        title="Park hosts an online video forum",
        author="Li Ming",
        editor="Wang Fang",
        body="<p>Thirty-two enterprises took part.</p>",
    )

    assert (english.language, chinese.translation, english.original) == ("en", english, chinese)


def test_a_second_english_version_is_refused(channel, editor):
    chinese = draft(channel, actor=editor)
    services.draft_article(channel, actor=editor, original=chinese, **ARTICLE)

    with pytest.raises(DomainError):
        services.draft_article(channel, actor=editor, original=chinese, **ARTICLE)


def test_a_one_stage_channel_goes_straight_to_the_chief_editor(channel, editor):
    article = services.submit_article(draft(channel, actor=editor), actor=editor)

    case = services.case_of(article)
    assert (article.state, case.stage_key) == (enums.PublicationState.IN_REVIEW, "chief_editor")


def test_a_two_stage_channel_starts_with_the_first_reading(park_channel):
    article = draft(park_channel)

    article = services.submit_article(article, actor=article.created_by)

    assert services.case_of(article).stage_key == "first_reading"


def test_approval_publishes_and_keeps_the_first_revision(channel, editor):
    article = published(channel, actor=editor)

    revision = Revision.objects.get(article=article)
    assert (article.state, article.published_at == article.revised_at, revision.number) == (
        enums.PublicationState.PUBLISHED,
        True,
        1,
    )
    assert (revision.title, revision.body) == (article.title, article.body)


def test_publication_is_sent_to_subscribers_and_remembered(channel, editor):
    reader = UserFactory()
    services.subscribe(channel, user=reader)
    services.subscribe(channel, email="Reader@Example.cn")

    article = published(channel, actor=editor)

    assert set(Delivery.objects.filter(article=article).values_list("user", "email")) == {
        (reader.pk, ""),
        (None, "reader@example.cn"),
    }
    assert Notification.objects.get(recipient=reader).kind == services.NEW_ARTICLE_NOTICE


def test_a_published_article_is_not_edited_but_corrected(channel, editor):
    article = published(channel, actor=editor)

    with pytest.raises(TransitionNotAllowed):
        services.update_article(article, actor=editor, title="改")

    assert Article.objects.get(pk=article.pk).title == ARTICLE["title"]


def test_a_returned_article_is_edited_and_resubmitted(channel, editor):
    article = services.submit_article(draft(channel, actor=editor), actor=editor)
    case = services.case_of(article)
    review_services.decide(
        case,
        actor=editor,
        stage_key=case.stage_key,
        decision=review_enums.Decision.RETURN,
        comment="标题太长。",
    )
    article.refresh_from_db()

    services.update_article(article, actor=editor, title="交流会举行")
    article = services.submit_article(article, actor=editor)

    assert (article.state, article.title, services.case_of(article).round) == (
        enums.PublicationState.IN_REVIEW,
        "交流会举行",
        2,
    )


def test_withdrawing_a_published_article_keeps_it_on_record(channel, editor):
    article = published(channel, actor=editor)

    article = services.withdraw_article(article, actor=editor, reason="已过时")

    assert (article.state, Revision.objects.filter(article=article).count()) == (
        enums.PublicationState.WITHDRAWN,
        1,
    )
    assert AuditEntry.objects.filter(action=services.ARTICLE_WITHDRAWN).count() == 1


def test_withdrawing_an_article_in_review_closes_its_case(channel, editor):
    article = services.submit_article(draft(channel, actor=editor), actor=editor)

    article = services.withdraw_article(article, actor=editor)

    assert (article.state, services.case_of(article).state) == (
        enums.PublicationState.WITHDRAWN,
        review_enums.CaseState.WITHDRAWN,
    )


def test_a_closed_channel_takes_no_new_article(channel, editor):
    services.update_channel(channel, actor=editor, is_open=False)

    with pytest.raises(DomainError):
        draft(channel, actor=editor)

    assert Article.objects.count() == 0


def test_a_revision_is_never_changed_nor_deleted(channel, editor):
    revision = Revision.objects.get(article=published(channel, actor=editor))

    revision.title = "改"
    with pytest.raises(AppendOnlyError):
        revision.save()
    with pytest.raises(AppendOnlyError):
        revision.delete()
    with pytest.raises(AppendOnlyError):
        Revision.objects.filter(pk=revision.pk).update(title="改")

    assert Revision.objects.get(pk=revision.pk).title == ARTICLE["title"]
