"""The platform search page: one query across news, policies, programmes, the directory,
events, the filing archive and award-winning works, with a count per kind."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cloudpark.core import links
from cloudpark.search import selectors

# The public page of each kind's objects; a work is shown on its scheme's results. Named
# links (``search.<kind>.public``), so that the API gives the same addresses.
PAGES = {
    "news": "public:news_article",
    "policy": "public:policy_detail",
    "programme": "public:programme_detail",
    "enterprise": "public:enterprise_detail",
    "park": "public:park_detail",
    "event": "public:event_detail",
    "filing": "public:filing_title",
    "work": "public:award_results",
}


def _builder(route):
    def build(document):
        return reverse(route, args=[document.page_id or document.object_id])

    return build


for _kind, _route in PAGES.items():
    links.register(f"search.{_kind}.public", _builder(_route))


def page_of(document):
    try:
        return links.url(f"search.{document.kind}.public", document)
    except LookupError:
        return ""


class SearchView(TemplateView):
    template_name = "search/public/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:100]
        kind = self.request.GET.get("kind", "")
        results = None
        if query:
            results = selectors.search(
                query,
                kind=kind,
                organization_ids=selectors.organizations_seen_by(self.request.user),
                page=self.request.GET.get("page") or 1,
            )
            labels = {facet.key: facet.label for facet in results.facets}
            for document in results.page.object_list:
                document.url = page_of(document)
                document.kind_label = labels.get(document.kind, document.kind)
                document.title_marked = selectors.highlight(document.display_title, results.terms)
                document.excerpt_marked = selectors.highlight(
                    document.display_excerpt, results.terms
                )
        context.update(
            title=_("Search"),
            search_query=query,
            results=results,
            total_label=(selectors.count_label(results.total, results.capped) if results else ""),
        )
        return context


urlpatterns = [
    path("search/", SearchView.as_view(), name="search"),
]
