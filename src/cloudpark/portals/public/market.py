"""The public list of live needs and offers, filtered by kind, park or district and price,
and a page per post with its contact masked; the list downloads as Excel."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cloudpark.market import exports, selectors
from cloudpark.portals.base import ListMixin
from cloudpark.portals.shared.market import PostFilterForm


class PostListView(ListMixin, TemplateView):
    template_name = "market/public/post_list.html"
    rows_template_name = "market/_post_rows.html"
    filter_form_class = PostFilterForm
    paginate_by = 20

    def get_queryset(self):
        return selectors.filter_posts(selectors.live_posts(), **self.filters()).order_by(
            "-published_at", "-pk"
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Supply and demand"), **kwargs)

    def export(self, queryset):
        return exports.export_posts(queryset)


class PostDetailView(TemplateView):
    template_name = "market/public/post_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        post = selectors.get_public_post(self.kwargs["pk"])
        context.update(post=post, title=post.display_title, contact=selectors.masked_contact(post))
        return context


urlpatterns = [
    path("market/", PostListView.as_view(), name="market_post_list"),
    path("market/<int:pk>/", PostDetailView.as_view(), name="market_post_detail"),
]
