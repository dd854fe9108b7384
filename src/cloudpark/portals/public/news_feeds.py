"""News feeds: Atom and RSS for every channel and language and for all channels together,
and the corrections feed.

An item's guid is its permalink, which corrections do not change; its update date is the
article's revision date, which a correction moves, so that readers fetch it again. Django
sets ``Last-Modified`` from the newest update and ``conditional_page`` answers a reader whose
copy is current with a 304. A browser (which asks for HTML first) is shown the feed's items
as a page with the feed's address to copy, rendered on the server: an XSLT stylesheet would
leave the rendering to the browser, whose output the strict CSP refuses in part.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.cache import patch_vary_headers
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import conditional_page

from cloudpark.news import enums, selectors

FEED_ITEMS = 30


def _prefers_html(request):
    accept = request.headers.get("Accept", "")
    return "text/html" in accept and "xml" not in accept.split(",")[0]


class ReadableFeed(Feed):
    """A feed a browser shows as a page (see the module's docstring)."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        if _prefers_html(request):
            generator = self.get_feed(self.get_object(request, *args, **kwargs), request)
            response = render(
                request,
                "news/public/feed_page.html",
                {
                    "title": generator.feed["title"],
                    "feed": generator.feed,
                    "items": generator.items,
                    "feed_url": request.build_absolute_uri(),
                },
            )
        else:
            response = super().__call__(request, *args, **kwargs)
        patch_vary_headers(response, ["Accept"])
        return response


class NewsFeed(ReadableFeed):
    """The published articles of one channel in one language, or of every channel."""

    def get_object(self, request, slug=None, language=None):
        channel = selectors.get_public_channel(slug) if slug else None
        if language is not None and language not in enums.Language.values:
            raise Http404
        return {"channel": channel, "language": language}

    def title(self, obj):
        channel = obj["channel"]
        return str(channel.display_name if channel else _("News and information"))

    def link(self, obj):
        channel = obj["channel"]
        if channel is None:
            return reverse("public:news_index")
        return reverse("public:news_channel", args=[channel.slug])

    def description(self, obj):
        return str(_("Published articles, updated when corrected."))

    def get_feed(self, obj, request):
        # One Feed instance serves every request: the language goes on the generated feed.
        generator = super().get_feed(obj, request)
        if obj["language"]:
            generator.feed["language"] = obj["language"]
        return generator

    def items(self, obj):
        return selectors.published_articles(channel=obj["channel"], language=obj["language"])[
            :FEED_ITEMS
        ]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or Truncator(strip_tags(item.body)).chars(200)

    def item_link(self, item):
        return reverse("public:news_article", args=[item.pk])

    def item_guid(self, item):
        return self.item_link(item)

    def item_guid_is_permalink(self, item):
        return True

    def item_author_name(self, item):
        return item.author

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_on_feed

    def item_categories(self, item):
        return item.tags


class RssNewsFeed(NewsFeed):
    feed_type = Rss201rev2Feed


class CorrectionsFeed(ReadableFeed):
    """Every correction as it is published, newest first."""

    def title(self):
        return str(_("Corrections"))

    def link(self):
        return reverse("public:news_corrections")

    def description(self):
        return str(_("Corrections of our articles, in both languages."))

    def items(self):
        return selectors.corrections_feed_items()

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.article.title}"

    def item_description(self, item):
        return f"{item.display_wrong} → {item.display_right}"

    def item_link(self, item):
        return f"{reverse('public:news_article', args=[item.article_id])}#correction-{item.pk}"

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at


def feed(view):
    return conditional_page(view)


urlpatterns = [
    path("news/feed/atom/", feed(NewsFeed()), name="news_feed_atom"),
    path("news/feed/rss/", feed(RssNewsFeed()), name="news_feed_rss"),
    path(
        "news/channels/<slug:slug>/<str:language>/atom/",
        feed(NewsFeed()),
        name="news_channel_atom",
    ),
    path(
        "news/channels/<slug:slug>/<str:language>/rss/",
        feed(RssNewsFeed()),
        name="news_channel_rss",
    ),
    path("news/corrections/atom/", feed(CorrectionsFeed()), name="news_corrections_atom"),
]
