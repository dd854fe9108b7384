"""Factories for news. Channels are rows; articles, their review, corrections and requests
are made by the real services, so that an object has the history the platform gives it."""

from datetime import date

import factory

from cloudpark.news import enums, services
from cloudpark.news.models import Channel
from cloudpark.reviews import enums as review_enums
from cloudpark.reviews import services as review_services
from tests.factories.orgs import GovernmentBodyFactory
from tests.factories.programs import admin_of


class ChannelFactory(factory.django.DjangoModelFactory):
    """A one-stage department news channel of a government body."""

    class Meta:
        model = Channel

    organization = factory.SubFactory(GovernmentBodyFactory)
    kind = enums.ChannelKind.DEPARTMENT_NEWS
    slug = factory.Sequence(lambda n: f"channel-{n}")
    name = factory.Sequence(lambda n: f"工作动态{n}")
    name_en = factory.Sequence(lambda n: f"Department news {n}")
    review_stages = 1


ARTICLE = {
    "title": "园区举办网络视听创作交流会",
    "subtitle": "三十余家企业参加",
    "author": "李明",
    "editor": "王芳",
    "body": "<p>交流会于周五举行，共有三十二家企业参加。</p><p>会上发布了年度扶持计划。</p>",
}


def draft(channel, *, actor=None, **values):
    return services.draft_article(
        channel, actor=actor or admin_of(channel.organization), **{**ARTICLE, **values}
    )


def approved(publication, *, actor):
    """A submitted article, clarification or disclosure item taken by ``actor`` through
    every stage of its review to the approval that publishes it."""
    case = services.case_of(publication)
    while case.is_open:
        last = case.flow.is_last_for(case, case.stage_key)
        case = review_services.decide(
            case,
            actor=actor,
            stage_key=case.stage_key,
            decision=review_enums.Decision.APPROVE if last else review_enums.Decision.ADVANCE,
        )
    publication.refresh_from_db()
    return publication


def published(channel, *, actor=None, **values):
    """An article drafted, submitted and approved through every stage of its channel."""
    editor = actor or admin_of(channel.organization)
    article = services.submit_article(draft(channel, actor=editor, **values), actor=editor)
    return approved(article, actor=editor)


CLARIFICATION = {
    "title": "关于“园区停止招商”的说明",
    "title_en": "On the claim that the park has stopped admitting enterprises",
    "claim": "网传某园区即日起停止一切招商。",
    "claim_en": "A post says the park has stopped admitting enterprises.",
    "first_appeared_in": "某短视频平台",
    "first_appeared_on": date(2026, 3, 2),
    "verdict": enums.Verdict.FALSE,
    "facts": "园区招商工作正常进行。",
    "facts_en": "The park admits enterprises as usual.",
    "category": "parks",
}
SOURCES = [
    {"title": "园区管委会公告", "issuing_unit": "园区管委会", "url": "https://example.cn/n/1"}
]
DISCLOSURE = {
    "index_number": "11330100-2026-00012",
    "issuing_body": "杭州市文化广电旅游局",
    "document_number": "杭文广旅〔2026〕12号",
    "issued_on": date(2026, 4, 1),
    "subject_category": "culture_media",
    "title": "关于开展网络视听精品创作扶持的通知",
}


def clarification_in_review(organization, *, actor=None, sources=SOURCES, **values):
    editor = actor or admin_of(organization)
    clarification = services.draft_clarification(
        organization, actor=editor, sources=sources, **{**CLARIFICATION, **values}
    )
    return services.submit_clarification(clarification, actor=editor)


def published_clarification(organization, *, actor=None, **values):
    """A clarification drafted, submitted and approved by its organisation's chief editor."""
    editor = actor or admin_of(organization)
    return approved(clarification_in_review(organization, actor=editor, **values), actor=editor)


def disclosure_in_review(channel, *, actor=None, **values):
    editor = actor or admin_of(channel.organization)
    item = services.draft_disclosure(channel, actor=editor, **{**DISCLOSURE, **values})
    return services.submit_disclosure(item, actor=editor)


def published_disclosure(channel, *, actor=None, **values):
    """A disclosure item drafted, submitted and approved through its channel's review."""
    editor = actor or admin_of(channel.organization)
    return approved(disclosure_in_review(channel, actor=editor, **values), actor=editor)


CORRECTION = {
    "kind": enums.CorrectionKind.CORRECTION,
    "wrong": "共有三十二家企业参加。",
    "wrong_en": "Thirty-two enterprises took part.",
    "right": "共有二十三家企业参加。",
    "right_en": "Twenty-three enterprises took part.",
}


def request_for(article, **values):
    return services.file_request(
        article=article,
        **{
            "remedy": enums.Remedy.CORRECTION,
            "reason": "参会企业数量有误。",
            "requester_name": "张三",
            "requester_email": "zhang@example.cn",
            **values,
        },
    )
