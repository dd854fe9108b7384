"""The public side of news: channels and articles with their corrections and revisions, the
corrections ledger, the clarification library, disclosure items, and the correction request
entry with its status look-up."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from cloudpark.core.errors import DomainError
from cloudpark.news import enums, forms, selectors, services
from cloudpark.news.models import Channel
from cloudpark.orgs.models import Organization
from cloudpark.portals.base import FileDownloadView, ListMixin, add_domain_error, file_response


class NewsIndexView(ListMixin, TemplateView):
    template_name = "news/public/article_list.html"
    rows_template_name = "news/public/_article_rows.html"
    paginate_by = 20

    def get_queryset(self):
        self.channel = None
        slug = self.kwargs.get("slug")
        if slug:
            self.channel = selectors.get_public_channel(slug)
        language = self.request.GET.get("language")
        return selectors.published_articles(
            channel=self.channel, language=language if language in enums.Language.values else None
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            follows=bool(
                self.channel
                and user.is_authenticated
                and self.channel.subscriptions.filter(user=user).exists()
            ),
            channel=self.channel,
            channels=selectors.public_channels(),
            title=self.channel.display_name if self.channel else _("News and information"),
        )
        return context


class ChannelFollowView(View):
    """A signed-in reader follows a channel (its new articles, and their corrections, come to
    them as notifications and e-mails), or stops following it."""

    http_method_names = ["post"]

    def post(self, request, slug):
        if not request.user.is_authenticated:
            return redirect_to_login(reverse("public:news_channel", args=[slug]))
        channel = selectors.get_public_channel(slug)
        if request.POST.get("follow") == "no":
            services.unsubscribe(channel, user=request.user)
            messages.success(request, _("You no longer follow this channel."))
        else:
            services.subscribe(channel, user=request.user)
            messages.success(
                request, _("You follow this channel: new articles and corrections come to you.")
            )
        return redirect(reverse("public:news_channel", args=[slug]))


class ArticleView(TemplateView):
    template_name = "news/public/article_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = selectors.get_published_article(self.kwargs["pk"])
        corrections = list(selectors.corrections_shown_on(article))
        context.update(
            article=article,
            title=article.title,
            translation=selectors.translation_of(article),
            under_headline=[
                c for c in corrections if c.placement == enums.Placement.UNDER_HEADLINE
            ],
            at_end=[c for c in corrections if c.placement == enums.Placement.ARTICLE_END],
            revisions=selectors.revisions_of(article),
            correction_markup=[_correction_markup(article, c, self.request) for c in corrections],
        )
        return context


def _correction_markup(article, correction, request):
    return {
        "@context": "https://schema.org",
        "@type": "CorrectionComment",
        "text": f"{correction.display_wrong} → {correction.display_right}",
        "datePublished": correction.published_at.isoformat(),
        "correctedWork": request.build_absolute_uri(
            reverse("public:news_article", args=[article.pk])
        ),
    }


class CoverView(View):
    def get(self, request, pk):
        article = selectors.get_published_article(pk)
        if not article.cover_image or article.state != enums.PublicationState.PUBLISHED:
            raise Http404
        content_type = mimetypes.guess_type(article.cover_image.name)[0]
        return file_response(
            article.cover_image,
            content_type=content_type or "application/octet-stream",
            as_attachment=False,
        )


class AttachmentView(FileDownloadView):
    def get_file_object(self):
        return selectors.get_public_attachment(self.kwargs["pk"])


class RevisionView(TemplateView):
    template_name = "news/public/revision_changes.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = selectors.get_published_article(self.kwargs["pk"])
        older, newer, changes = selectors.revision_changes(article, self.kwargs["number"])
        context.update(
            article=article,
            older=older,
            newer=newer,
            changes=changes,
            title=_("What changed in %(title)s") % {"title": article.title},
        )
        return context


class CorrectionsLedgerView(ListMixin, TemplateView):
    template_name = "news/public/corrections.html"
    rows_template_name = "news/public/_correction_rows.html"

    def get_year(self):
        year = self.request.GET.get("year", "")
        return (
            int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else timezone.localdate().year
        )

    def get_queryset(self):
        return selectors.corrections_ledger(year=self.get_year())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=_("Corrections"), figures=selectors.yearly_figures(self.get_year()))
        return context


def _publishers():
    return Organization.objects.filter(pk__in=Channel.objects.values("organization_id")).order_by(
        "name"
    )


class RequestCreateView(FormView):
    """The correction request entry: on an article, or for the whole site."""

    template_name = "news/public/request_form.html"
    form_class = forms.RequestForm

    def dispatch(self, request, *args, **kwargs):
        pk = self.kwargs.get("pk")
        self.article = selectors.get_published_article(pk) if pk else None
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["article"] = self.article
        kwargs["publishers"] = _publishers()
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(article=self.article, title=_("Ask for a correction"))
        return context

    def form_valid(self, form):
        values = form.service_values()
        try:
            request = services.file_request(
                article=self.article,
                requester=self.request.user,
                **values,
            )
        except DomainError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        self.request.session["news_request_filed"] = request.tracking_number
        return redirect(reverse("public:news_request_filed", args=[request.tracking_number]))


class RequestFiledView(TemplateView):
    """Shows the tracking number once, to whoever has just filed the request."""

    template_name = "news/public/request_filed.html"

    def get(self, request, *args, **kwargs):
        if request.session.get("news_request_filed") != self.kwargs["number"]:
            return redirect(reverse("public:news_request_status"))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(number=self.kwargs["number"], title=_("Request received"))
        return context


class RequestStatusView(FormView):
    template_name = "news/public/request_status.html"
    form_class = forms.StatusLookupForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.GET:
            kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        found = None
        if form.is_bound and form.is_valid():
            found = selectors.get_request_status(
                form.cleaned_data["number"], form.cleaned_data["contact"]
            )
        return self.render_to_response(
            self.get_context_data(form=form, found=found, title=_("Follow a request"))
        )


class ClarificationListView(ListMixin, TemplateView):
    template_name = "news/public/clarification_list.html"
    rows_template_name = "news/public/_clarification_rows.html"
    filter_form_class = forms.ClarificationFilterForm

    def get_queryset(self):
        return selectors.published_clarifications(**self.filters())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Clarifications")
        return context


class ClarificationView(TemplateView):
    template_name = "news/public/clarification_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        clarification = selectors.get_published_clarification(self.kwargs["pk"])
        url = self.request.build_absolute_uri(
            reverse("public:news_clarification", args=[clarification.pk])
        )
        context.update(
            clarification=clarification,
            title=clarification.display_title,
            claim_review={
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": url,
                "claimReviewed": clarification.display_claim,
                "datePublished": clarification.published_at.date().isoformat(),
                "author": {
                    "@type": "Organization",
                    "name": clarification.organization.display_name,
                },
                "itemReviewed": {
                    "@type": "Claim",
                    "datePublished": clarification.first_appeared_on.isoformat(),
                    "firstAppearance": {
                        "@type": "CreativeWork",
                        "name": clarification.first_appeared_in,
                    },
                },
                "reviewRating": {
                    "@type": "Rating",
                    "alternateName": str(clarification.get_verdict_display()),
                },
            },
        )
        return context


class DisclosureListView(ListMixin, TemplateView):
    template_name = "news/public/disclosure_list.html"
    rows_template_name = "news/_disclosure_rows.html"

    def get_queryset(self):
        return selectors.public_disclosures(category=self.request.GET.get("category") or None)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Government information disclosure")
        return context


urlpatterns = [
    path("news/", NewsIndexView.as_view(), name="news_index"),
    path("news/channels/<slug:slug>/", NewsIndexView.as_view(), name="news_channel"),
    path("news/channels/<slug:slug>/follow/", ChannelFollowView.as_view(), name="news_follow"),
    path("news/<int:pk>/", ArticleView.as_view(), name="news_article"),
    path("news/<int:pk>/cover/", CoverView.as_view(), name="news_cover"),
    path("news/attachments/<int:pk>/", AttachmentView.as_view(), name="news_attachment"),
    path("news/<int:pk>/revisions/<int:number>/", RevisionView.as_view(), name="news_revision"),
    path(
        "news/<int:pk>/correction-request/",
        RequestCreateView.as_view(),
        name="news_article_request",
    ),
    path("news/corrections/", CorrectionsLedgerView.as_view(), name="news_corrections"),
    path("news/correction-request/", RequestCreateView.as_view(), name="news_request"),
    path(
        "news/correction-request/status/", RequestStatusView.as_view(), name="news_request_status"
    ),
    path(
        "news/correction-request/<str:number>/",
        RequestFiledView.as_view(),
        name="news_request_filed",
    ),
    path("news/clarifications/", ClarificationListView.as_view(), name="news_clarifications"),
    path("news/clarifications/<int:pk>/", ClarificationView.as_view(), name="news_clarification"),
    path("news/disclosure/", DisclosureListView.as_view(), name="news_disclosure"),
]
