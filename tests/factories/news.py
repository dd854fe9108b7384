"""Factories for news. Channels are rows; articles, their review, corrections and requests
are made by the real services, so that an object has the history the platform gives it."""

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


def published(channel, *, actor=None, **values):
    """An article drafted, submitted and approved through every stage of its channel."""
    editor = actor or admin_of(channel.organization)
    article = services.submit_article(draft(channel, actor=editor, **values), actor=editor)
    case = services.case_of(article)
    while case.is_open:
        last = case.flow.is_last_for(case, case.stage_key)
        case = review_services.decide(
            case,
            actor=editor,
            stage_key=case.stage_key,
            decision=review_enums.Decision.APPROVE if last else review_enums.Decision.ADVANCE,
        )
    article.refresh_from_db()
    return article


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
