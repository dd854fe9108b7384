"""The editorial review of what an organisation publishes, declared for the review engine:
articles, clarifications and disclosure items go through the same stages.

1. ``first_reading``: a reviewer of the publishing organisation reads the piece and passes
   it on. Only channels set to two stages have it; for the others the engine skips it. A
   clarification belongs to no channel and has none.
2. ``chief_editor``: the chief editor of the publishing organisation (who holds the right to
   decide) approves, and the piece is published, or returns or rejects it.

An approval publishes the piece: an article keeps its first revision and goes to its
channel's subscribers; an approval in a channel closed meanwhile, or of a clarification that
has lost its sources, is refused.
"""

from django.utils.translation import gettext_lazy as _

from cloudpark.news import services
from cloudpark.news.enums import PUBLICATION_TRANSITIONS, PublicationState
from cloudpark.news.models import Article, Clarification, DisclosureItem
from cloudpark.orgs.enums import Capability
from cloudpark.reviews import flows
from cloudpark.reviews.enums import ReviewEvent


def editorial_stages(publisher, *, reads_first=None):
    """The stages of a review by the publishing organisation ``publisher(subject)``: a first
    reading for the subjects ``reads_first(subject)`` holds of (none without it), then the
    chief editor."""

    def first_readers(case):
        return publisher(case.subject) if reads_first(case.subject) else None

    def chief_editors(case):
        return publisher(case.subject)

    first_reading = flows.Stage(
        services.FIRST_READING, _("First reading"), reviewers=first_readers, deadline_days=3
    )
    chief_editor = flows.Stage(
        services.CHIEF_EDITOR,
        _("Chief editor"),
        reviewers=chief_editors,
        capability=Capability.DECIDE,
        deadline_days=3,
    )
    return (first_reading, chief_editor) if reads_first is not None else (chief_editor,)


def _channel_publisher(subject):
    return subject.channel.organization


def _channel_in_two_stages(subject):
    return subject.channel.review_stages == 2


def editorial_consumer(model, actions, *, prepare, complete=None, withdrawal_notice):
    """What the engine's events make of a publication: ``actions`` maps each event to the
    audit code written on it; the approval publishes, after ``prepare`` (which may refuse)
    and before ``complete``."""
    states = {
        ReviewEvent.SUBMITTED: PublicationState.IN_REVIEW,
        ReviewEvent.RESUBMITTED: PublicationState.IN_REVIEW,
        ReviewEvent.ADVANCED: PublicationState.IN_REVIEW,
        ReviewEvent.APPROVED: PublicationState.PUBLISHED,
        ReviewEvent.RETURNED: PublicationState.RETURNED,
        ReviewEvent.REJECTED: PublicationState.REJECTED,
        ReviewEvent.WITHDRAWN: PublicationState.WITHDRAWN,
    }
    events = {event: flows.Outcome(states[event], action) for event, action in actions.items()}
    events[ReviewEvent.APPROVED] = flows.Outcome(
        PublicationState.PUBLISHED,
        actions[ReviewEvent.APPROVED],
        prepare=prepare,
        complete=complete,
    )
    return flows.Consumer(
        model=model,
        transitions=PUBLICATION_TRANSITIONS,
        events=events,
        withdrawal_notice=withdrawal_notice,
    )


def _titled(case, subject):
    return {"title": subject.title}


ARTICLE_FLOW = flows.register(
    flows.Flow(
        key=Article.review_flow_key,
        label=_("Article"),
        stages=editorial_stages(_channel_publisher, reads_first=_channel_in_two_stages),
        applicants=lambda case: services.editors_of(case.subject.channel.organization),
        consumer=editorial_consumer(
            Article,
            {
                ReviewEvent.SUBMITTED: services.ARTICLE_SUBMITTED,
                ReviewEvent.RESUBMITTED: services.ARTICLE_RESUBMITTED,
                ReviewEvent.ADVANCED: services.ARTICLE_PASSED_ON,
                ReviewEvent.APPROVED: services.ARTICLE_PUBLISHED,
                ReviewEvent.RETURNED: services.ARTICLE_RETURNED,
                ReviewEvent.REJECTED: services.ARTICLE_REJECTED,
                ReviewEvent.WITHDRAWN: services.ARTICLE_WITHDRAWN,
            },
            prepare=services.prepare_article_publication,
            complete=services.publish_approved_article,
            withdrawal_notice=flows.Notice(services.WITHDRAWN_NOTICE, params=_titled),
        ),
    )
)

CLARIFICATION_FLOW = flows.register(
    flows.Flow(
        key=Clarification.review_flow_key,
        label=_("Clarification"),
        stages=editorial_stages(lambda clarification: clarification.organization),
        applicants=lambda case: services.editors_of(case.subject.organization),
        consumer=editorial_consumer(
            Clarification,
            {
                ReviewEvent.SUBMITTED: services.CLARIFICATION_SUBMITTED,
                ReviewEvent.RESUBMITTED: services.CLARIFICATION_RESUBMITTED,
                ReviewEvent.APPROVED: services.CLARIFICATION_PUBLISHED,
                ReviewEvent.RETURNED: services.CLARIFICATION_RETURNED,
                ReviewEvent.REJECTED: services.CLARIFICATION_REJECTED,
                ReviewEvent.WITHDRAWN: services.CLARIFICATION_WITHDRAWN,
            },
            prepare=services.prepare_clarification_publication,
            withdrawal_notice=flows.Notice(services.CLARIFICATION_WITHDRAWN_NOTICE, params=_titled),
        ),
    )
)

DISCLOSURE_FLOW = flows.register(
    flows.Flow(
        key=DisclosureItem.review_flow_key,
        label=_("Disclosure item"),
        stages=editorial_stages(_channel_publisher, reads_first=_channel_in_two_stages),
        applicants=lambda case: services.editors_of(case.subject.channel.organization),
        consumer=editorial_consumer(
            DisclosureItem,
            {
                ReviewEvent.SUBMITTED: services.DISCLOSURE_SUBMITTED,
                ReviewEvent.RESUBMITTED: services.DISCLOSURE_RESUBMITTED,
                ReviewEvent.ADVANCED: services.DISCLOSURE_PASSED_ON,
                ReviewEvent.APPROVED: services.DISCLOSURE_PUBLISHED,
                ReviewEvent.RETURNED: services.DISCLOSURE_RETURNED,
                ReviewEvent.REJECTED: services.DISCLOSURE_REJECTED,
                ReviewEvent.WITHDRAWN: services.DISCLOSURE_WITHDRAWN,
            },
            prepare=services.prepare_disclosure_publication,
            withdrawal_notice=flows.Notice(services.DISCLOSURE_WITHDRAWN_NOTICE, params=_titled),
        ),
    )
)
