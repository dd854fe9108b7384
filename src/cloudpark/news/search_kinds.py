"""What the platform search finds of the news: published articles, in their own language."""

from django.utils.translation import gettext_lazy as _

from cloudpark.news import enums, selectors
from cloudpark.news.models import Article
from cloudpark.search import registry


def _document(article):
    return registry.Document(
        title=article.title,
        body=article.summary or article.body,
        extra=(article.subtitle, article.body, article.source_name),
        published_at=article.published_at,
        language="en" if article.language == enums.Language.ENGLISH else "zh",
    )


registry.register(
    registry.Kind(
        key="news",
        number=1,
        label=_("News"),
        model=Article,
        queryset=selectors.published_articles,
        document=_document,
    )
)
