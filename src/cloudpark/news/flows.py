"""The editorial review of an article, declared for the review engine.

1. ``first_reading``: a reviewer of the publishing organisation reads the article and passes
   it on. Only channels set to two stages have it; for the others the engine skips it.
2. ``chief_editor``: the chief editor of the publishing organisation (who holds the right to
   decide) approves, and the article is published, or returns or rejects it.

An approval publishes the article and keeps its first revision; an approval in a channel
closed meanwhile is refused.
"""

from django.utils.translation import gettext_lazy as _

from cloudpark.news import services
from cloudpark.news.enums import ARTICLE_TRANSITIONS, ArticleState
from cloudpark.news.models import Article
from cloudpark.orgs.enums import Capability
from cloudpark.reviews import flows
from cloudpark.reviews.enums import ReviewEvent


def first_readers(case):
    channel = case.subject.channel
    return channel.organization if channel.review_stages == 2 else None


def chief_editors(case):
    return case.subject.channel.organization


def _withdrawal_params(case, article):
    return {"title": article.title}


ARTICLE_FLOW = flows.register(
    flows.Flow(
        key=Article.review_flow_key,
        label=_("Article"),
        stages=(
            flows.Stage(
                services.FIRST_READING,
                _("First reading"),
                reviewers=first_readers,
                deadline_days=3,
            ),
            flows.Stage(
                services.CHIEF_EDITOR,
                _("Chief editor"),
                reviewers=chief_editors,
                capability=Capability.DECIDE,
                deadline_days=3,
            ),
        ),
        applicants=lambda case: services.editors_of(case.subject.channel.organization),
        consumer=flows.Consumer(
            model=Article,
            transitions=ARTICLE_TRANSITIONS,
            events={
                ReviewEvent.SUBMITTED: flows.Outcome(
                    ArticleState.IN_REVIEW, services.ARTICLE_SUBMITTED
                ),
                ReviewEvent.RESUBMITTED: flows.Outcome(
                    ArticleState.IN_REVIEW, services.ARTICLE_RESUBMITTED
                ),
                ReviewEvent.ADVANCED: flows.Outcome(
                    ArticleState.IN_REVIEW, services.ARTICLE_PASSED_ON
                ),
                ReviewEvent.APPROVED: flows.Outcome(
                    ArticleState.PUBLISHED,
                    services.ARTICLE_PUBLISHED,
                    prepare=services.check_channel_open,
                    complete=services.publish_approved_article,
                ),
                ReviewEvent.RETURNED: flows.Outcome(
                    ArticleState.RETURNED, services.ARTICLE_RETURNED
                ),
                ReviewEvent.REJECTED: flows.Outcome(
                    ArticleState.REJECTED, services.ARTICLE_REJECTED
                ),
                ReviewEvent.WITHDRAWN: flows.Outcome(
                    ArticleState.WITHDRAWN, services.ARTICLE_WITHDRAWN
                ),
            },
            withdrawal_notice=flows.Notice(services.WITHDRAWN_NOTICE, params=_withdrawal_params),
        ),
    )
)
