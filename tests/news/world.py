"""News objects of the portal tests' world, and the news pages of the permission matrix.

Each government body and park of the world has a channel with a draft and a published
article, a correction request about the published one, a draft clarification and a draft
disclosure item.
"""

from cloudpark.news import enums, services
from tests.factories import ChannelFactory
from tests.factories.news import DISCLOSURE, draft, published, request_for
from tests.factories.programs import admin_of

NEWS_OBJECTS = ("draft", "article", "request", "clarification", "disclosure")


def _objects_of(organization):
    editor = admin_of(organization)
    channel = ChannelFactory(organization=organization)
    article = published(channel, actor=editor)
    return {
        "draft": draft(channel, actor=editor),
        "article": article,
        "request": request_for(article),
        "clarification": services.draft_clarification(
            organization,
            actor=editor,
            title="关于网传消息的说明",
            claim="网传某活动取消。",
            first_appeared_in="某社交平台",
            first_appeared_on="2026-05-01",
            verdict="false",
            facts="活动如期举行。",
            category="events",
        ),
        "disclosure": services.draft_disclosure(
            ChannelFactory(organization=organization, kind=enums.ChannelKind.DISCLOSURE),
            actor=editor,
            **DISCLOSURE,
        ),
    }


def news_world(world):
    objects = {}
    for portal in ("government", "park"):
        own = _objects_of(getattr(world, portal))
        other = _objects_of(getattr(world, f"other_{portal}"))
        objects.update({(portal, key): value for key, value in own.items()})
        objects.update({(f"other_{portal}", key): value for key, value in other.items()})
    return objects


def news_pages(portal):
    """The editors' news pages of ``portal``."""
    from tests.portals.pages import STAFF, Page

    def page(name, key=None):
        if key is None:
            return Page(f"{portal}:{name}", portal, role_without_right=STAFF)
        return Page(
            f"{portal}:{name}",
            portal,
            own=lambda w: [w.news[(portal, key)].pk],
            other=lambda w: [w.news[(f"other_{portal}", key)].pk],
            role_without_right=STAFF,
        )

    return [
        page("news_article_list"),
        page("news_article_create"),
        page("news_article_detail", "draft"),
        page("news_article_edit", "draft"),
        page("news_article_correct", "article"),
        page("news_article_translate", "draft"),
        page("news_article_files", "draft"),
        page("news_request_list"),
        page("news_request_detail", "request"),
        page("news_clarification_list"),
        page("news_clarification_create"),
        page("news_clarification_detail", "clarification"),
        page("news_clarification_edit", "clarification"),
        page("news_disclosure_list"),
        page("news_disclosure_create"),
        page("news_disclosure_detail", "disclosure"),
        page("news_disclosure_edit", "disclosure"),
    ]


# Every news page that takes a POST is refused to staff, as the page itself is.
NEWS_POSTS = {
    f"{portal}:{name}": "staff"
    for portal in ("government", "park")
    for name in (
        "news_article_create",
        "news_article_detail",
        "news_article_edit",
        "news_article_correct",
        "news_article_translate",
        "news_article_files",
        "news_request_detail",
        "news_clarification_create",
        "news_clarification_detail",
        "news_clarification_edit",
        "news_disclosure_create",
        "news_disclosure_detail",
        "news_disclosure_edit",
    )
}
