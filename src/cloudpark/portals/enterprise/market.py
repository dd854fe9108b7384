"""The enterprise portal's supply and demand: its needs and offers, the other enterprises'
posts that fit them (and the venue or equipment offers that fit its dramas' shooting dates),
with the reasons, and its introductions on both sides."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from cloudpark.core import audit
from cloudpark.core.errors import DomainError
from cloudpark.market import exports, selectors, services
from cloudpark.market.forms import CloseForm, DeclineForm, IntroductionForm, PostForm
from cloudpark.portals.base import EnterpriseMixin, ListMixin, ServiceFormMixin
from cloudpark.portals.shared.market import IntroductionFilterForm


class PostListView(EnterpriseMixin, ListMixin, TemplateView):
    permission_required = "market.view_market"
    template_name = "market/enterprise/post_list.html"
    rows_template_name = "market/enterprise/_post_rows.html"
    title = _("Supply and demand")

    def get_queryset(self):
        return selectors.posts_of(self.organization).order_by("-created_at", "-id")


class PostCreateView(EnterpriseMixin, ServiceFormMixin, FormView):
    permission_required = "market.manage_market"
    template_name = "market/enterprise/post_form.html"
    form_class = PostForm
    title = _("New need or offer")
    success_message = _("The post is saved as a draft. Publish it to show it to the zone.")

    def get_initial(self):
        return {
            "park": self.organization.park_id,
            "contact_name": self.organization.contact_name,
            "contact_phone": self.organization.contact_mobile,
        }

    def perform(self, form):
        return services.save_post(self.organization, actor=self.request.user, values=form.values())

    def get_success_url(self, result):
        return reverse("enterprise:market_post_detail", args=[result.pk])


class PostEditView(PostCreateView):
    title = _("Change the post")
    success_message = _("The post is saved.")

    def get_post(self):
        return selectors.get_post_for(self.organization, self.kwargs["pk"])

    def get_initial(self):
        return PostForm.initial_for(self.get_post())

    def perform(self, form):
        return services.save_post(
            self.organization, actor=self.request.user, values=form.values(), post=self.get_post()
        )


class PostDetailView(EnterpriseMixin, TemplateView):
    permission_required = "market.view_market"
    template_name = "market/enterprise/post_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        post = selectors.get_post_for(self.organization, self.kwargs["pk"])
        context.update(
            post=post,
            title=post.display_title,
            matches=selectors.matches_for_post(post),
            introductions=list(selectors.introductions_of(self.organization).filter(post=post)),
            can_manage=self.request.user.has_perm("market.manage_market", self.organization),
            history=audit.history_of(post),
        )
        return context


class PostActionView(EnterpriseMixin, View):
    permission_required = "market.manage_market"
    http_method_names = ["post"]
    service = None
    done = ""

    def post(self, request, pk):
        post = selectors.get_post_for(self.organization, pk)
        try:
            self.service(post, actor=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, self.done)
        return redirect("enterprise:market_post_detail", pk=post.pk)


class PostPublishView(PostActionView):
    service = staticmethod(services.publish_post)
    done = _("The post is published.")


class PostCloseView(PostActionView):
    service = staticmethod(services.close_post)
    done = _("The post is closed.")


class MatchListView(EnterpriseMixin, TemplateView):
    permission_required = "market.view_market"
    template_name = "market/enterprise/match_list.html"
    title = _("Matches")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            matches=selectors.matches_for(self.organization),
            can_manage=self.request.user.has_perm("market.manage_market", self.organization),
            **kwargs,
        )


class IntroductionProposeView(EnterpriseMixin, ServiceFormMixin, FormView):
    permission_required = "market.manage_market"
    template_name = "market/enterprise/introduction_form.html"
    form_class = IntroductionForm
    title = _("Propose an introduction")
    success_message = _("The introduction is proposed; the other enterprise has been told.")

    def get_post(self):
        return selectors.get_public_post(self.kwargs["post_pk"])

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["own_posts"] = selectors.live_posts().filter(enterprise=self.organization)
        return kwargs

    def get_initial(self):
        user = self.request.user
        return {
            "contact_name": user.name,
            "contact_phone": user.mobile,
            "contact_email": user.email,
        }

    def get_context_data(self, **kwargs):
        post = self.get_post()
        return super().get_context_data(post=post, contact=selectors.masked_contact(post), **kwargs)

    def perform(self, form):
        return services.propose_introduction(
            self.get_post(), self.organization, actor=self.request.user, values=form.values()
        )

    def get_success_url(self, result):
        return reverse("enterprise:market_introduction_detail", args=[result.pk])


class IntroductionListView(EnterpriseMixin, ListMixin, TemplateView):
    permission_required = "market.view_market"
    template_name = "market/enterprise/introduction_list.html"
    rows_template_name = "market/enterprise/_introduction_rows.html"
    filter_form_class = IntroductionFilterForm
    title = _("Introductions")

    def get_queryset(self):
        return selectors.filter_introductions(
            selectors.introductions_of(self.organization), **self.filters()
        ).order_by("-created_at", "-id")

    def export(self, queryset):
        return exports.export_introductions(queryset)


class IntroductionDetailView(EnterpriseMixin, TemplateView):
    permission_required = "market.view_market"
    template_name = "market/enterprise/introduction_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        introduction = selectors.get_introduction_for(self.organization, self.kwargs["pk"])
        is_owner = introduction.post.enterprise_id == self.organization.pk
        contact = (
            services.reveal_contact(introduction, self.organization, actor=self.request.user)
            if introduction.contacts_shown
            else None
        )
        context.update(
            introduction=introduction,
            title=introduction.post.display_title,
            is_owner=is_owner,
            other=introduction.proposer if is_owner else introduction.post.enterprise,
            contact=contact,
            can_manage=self.request.user.has_perm("market.manage_market", self.organization),
            close_form=CloseForm(),
            decline_form=DeclineForm(),
            history=audit.history_of(introduction),
        )
        return context


class IntroductionActionView(EnterpriseMixin, View):
    permission_required = "market.manage_market"
    http_method_names = ["post"]
    done = ""

    def act(self, introduction, request):
        raise NotImplementedError

    def post(self, request, pk):
        introduction = selectors.get_introduction_for(self.organization, pk)
        try:
            self.act(introduction, request)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, self.done)
        return redirect("enterprise:market_introduction_detail", pk=introduction.pk)


class IntroductionAcceptView(IntroductionActionView):
    done = _("The introduction is accepted: each side now sees the other's contact.")

    def act(self, introduction, request):
        services.accept_introduction(introduction, self.organization, actor=request.user)


class IntroductionDeclineView(IntroductionActionView):
    done = _("The introduction is declined.")

    def act(self, introduction, request):
        form = DeclineForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        services.decline_introduction(
            introduction, self.organization, actor=request.user, reason=reason
        )


class IntroductionWithdrawView(IntroductionActionView):
    done = _("The introduction is withdrawn.")

    def act(self, introduction, request):
        services.withdraw_introduction(introduction, self.organization, actor=request.user)


class IntroductionCloseView(IntroductionActionView):
    done = _("The introduction is closed.")

    def act(self, introduction, request):
        form = CloseForm(request.POST)
        if not form.is_valid():
            raise DomainError(_("Give the deal value as an amount in yuan."), field="deal_value")
        services.close_introduction(
            introduction,
            self.organization,
            actor=request.user,
            deal_value=form.cleaned_data["deal_value"],
            reason=form.cleaned_data["reason"],
        )


urlpatterns = [
    path("market/", PostListView.as_view(), name="market_post_list"),
    path("market/posts/new/", PostCreateView.as_view(), name="market_post_create"),
    path("market/posts/<int:pk>/", PostDetailView.as_view(), name="market_post_detail"),
    path("market/posts/<int:pk>/edit/", PostEditView.as_view(), name="market_post_edit"),
    path("market/posts/<int:pk>/publish/", PostPublishView.as_view(), name="market_post_publish"),
    path("market/posts/<int:pk>/close/", PostCloseView.as_view(), name="market_post_close"),
    path("market/matches/", MatchListView.as_view(), name="market_match_list"),
    path(
        "market/propose/<int:post_pk>/",
        IntroductionProposeView.as_view(),
        name="market_introduction_propose",
    ),
    path("market/introductions/", IntroductionListView.as_view(), name="market_introduction_list"),
    path(
        "market/introductions/<int:pk>/",
        IntroductionDetailView.as_view(),
        name="market_introduction_detail",
    ),
    path(
        "market/introductions/<int:pk>/accept/",
        IntroductionAcceptView.as_view(),
        name="market_introduction_accept",
    ),
    path(
        "market/introductions/<int:pk>/decline/",
        IntroductionDeclineView.as_view(),
        name="market_introduction_decline",
    ),
    path(
        "market/introductions/<int:pk>/withdraw/",
        IntroductionWithdrawView.as_view(),
        name="market_introduction_withdraw",
    ),
    path(
        "market/introductions/<int:pk>/close/",
        IntroductionCloseView.as_view(),
        name="market_introduction_close",
    ),
]
