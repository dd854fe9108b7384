"""News pages mounted in the government and park portals: the organisation's articles, their
review and corrections, the correction requests addressed to it, its clarifications and its
disclosure items. Editors write and submit them here; reviewing them (the chief editor
publishes) happens in the review room."""

from django import forms as django_forms
from django.contrib import messages
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from cloudpark.core import audit
from cloudpark.core.errors import DomainError
from cloudpark.news import enums, forms, selectors, services
from cloudpark.news.models import Article, Channel
from cloudpark.portals import home
from cloudpark.portals.base import ListMixin, Portal, PortalMixin, ServiceFormMixin

EDIT = "news.edit_news"


class NewsMixin(PortalMixin):
    permission_required = EDIT

    def url(self, name, *args):
        return reverse(f"{self.portal}:{name}", args=args)


# Articles -------------------------------------------------------------------------------------


class ArticleListView(NewsMixin, ListMixin, TemplateView):
    template_name = "news/editor/article_list.html"
    rows_template_name = "news/editor/_article_rows.html"
    title = _("News")

    def get_queryset(self):
        return selectors.articles_of(self.organization).order_by("-updated_at", "-pk")


class ArticleCreateForm(forms.ArticleForm):
    channel = django_forms.ModelChoiceField(label=_("Channel"), queryset=Channel.objects.none())

    class Meta(forms.ArticleForm.Meta):
        fields = ["channel", *forms.ArticleForm.Meta.fields]

    def __init__(self, *args, channels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = channels.exclude(kind=enums.ChannelKind.DISCLOSURE)


class ArticleCreateView(NewsMixin, ServiceFormMixin, FormView):
    template_name = "news/editor/form.html"
    form_class = ArticleCreateForm
    title = _("New article")
    success_message = _("The article is saved as a draft.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "channels": selectors.channels_of(self.organization)}

    def perform(self, form):
        values = form.service_values()
        channel = values.pop("channel")
        return services.draft_article(channel, actor=self.request.user, **values)

    def get_success_url(self, result):
        return self.url("news_article_detail", result.pk)


class ReviewStepsMixin:
    """The editors' review steps of a publication (``self.publication``), taken as buttons on
    its page: submit it, withdraw it."""

    steps = {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        publication = self.publication
        context.update(
            publication=publication,
            allowed_steps=enums.PUBLICATION_TRANSITIONS[publication.state],
            case=services.case_of(publication),
            history=audit.history_of(publication)[:50],
        )
        return context

    def post(self, request, *args, **kwargs):
        step = self.steps.get(request.POST.get("step"))
        if step is None:
            return HttpResponseBadRequest()
        service, success = step
        try:
            service(self.publication, actor=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, success)
        return redirect(request.path)


class ArticleMixin(NewsMixin):
    def get_permission_object(self):
        self.article = selectors.get_article_for(self.organization, self.kwargs["pk"])
        return self.organization

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["article"] = self.article
        context.setdefault("title", self.article.title)
        return context


class ArticleDetailView(ArticleMixin, ReviewStepsMixin, TemplateView):
    """The article as its editors follow it; its steps are buttons here."""

    template_name = "news/editor/article_detail.html"
    steps = {
        "submit": (services.submit_article, _("The article is sent for review.")),
        "withdraw": (services.withdraw_article, _("The article is withdrawn.")),
    }

    @property
    def publication(self):
        return self.article

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.article
        context.update(
            title=article.title,
            corrections=selectors.corrections_shown_on(article),
            revisions=selectors.revisions_of(article),
            may_translate=article.language == enums.Language.CHINESE
            and not Article.objects.filter(original=article).exists(),
        )
        return context


class ArticleEditView(ArticleMixin, ServiceFormMixin, FormView):
    template_name = "news/editor/form.html"
    form_class = forms.ArticleForm
    success_message = _("The article has been saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.article}

    def perform(self, form):
        return services.update_article(
            self.article, actor=self.request.user, **form.service_values()
        )

    def get_success_url(self, result):
        return self.url("news_article_detail", result.pk)


class ArticleFilesView(ArticleMixin, ServiceFormMixin, FormView):
    """A draft's cover image and attachments."""

    template_name = "news/editor/form.html"
    form_class = forms.ArticleFilesForm
    success_message = _("The files are saved.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=_("Files of %(title)s") % {"title": self.article.title},
            attachments=self.article.attachments.all(),
        )
        return context

    def perform(self, form):
        user = self.request.user
        if form.cleaned_data["cover_image"]:
            services.set_cover_image(
                self.article, actor=user, uploaded=form.cleaned_data["cover_image"]
            )
        if form.cleaned_data["attachment"]:
            services.attach_file(self.article, actor=user, uploaded=form.cleaned_data["attachment"])
        return self.article

    def get_success_url(self, result):
        return self.url("news_article_detail", result.pk)


class ArticleTranslateView(ArticleMixin, ServiceFormMixin, FormView):
    """The English version of a Chinese article, linked to it as its translation."""

    template_name = "news/editor/form.html"
    form_class = forms.ArticleForm
    success_message = _("The English version is saved as a draft.")

    def get_initial(self):
        article = self.article
        return {"author": article.author, "editor": article.editor, "tags": article.tags}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("English version of %(title)s") % {"title": self.article.title}
        return context

    def perform(self, form):
        return services.draft_article(
            self.article.channel,
            actor=self.request.user,
            original=self.article,
            **form.service_values(),
        )

    def get_success_url(self, result):
        return self.url("news_article_detail", result.pk)


class ArticleCorrectView(ArticleMixin, ServiceFormMixin, FormView):
    template_name = "news/editor/form.html"
    form_class = forms.CorrectionForm
    success_message = _("The correction is published and everyone sent the article is told.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "requests": selectors.requests_to(self.organization).filter(
                state__in=enums.OPEN_REQUEST_STATES
            ),
            "translation": selectors.translation_of(self.article),
        }

    def get_initial(self):
        translation = selectors.translation_of(self.article)
        initial = {
            "body": self.article.body,
            "translation_body": translation.body if translation else "",
        }
        number = self.request.GET.get("request")
        if number:
            initial["request"] = (
                selectors.requests_to(self.organization)
                .filter(pk__in=[number] if number.isdigit() else [])
                .first()
            )
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Correct %(title)s") % {"title": self.article.title}
        return context

    def perform(self, form):
        return services.correct_article(
            self.article, actor=self.request.user, **form.service_values(self.article)
        )

    def get_success_url(self, result):
        return self.url("news_article_detail", self.article.pk)


# Correction requests --------------------------------------------------------------------------


class RequestListView(NewsMixin, ListMixin, TemplateView):
    template_name = "news/editor/request_list.html"
    rows_template_name = "news/editor/_request_rows.html"
    title = _("Correction requests")

    def get_queryset(self):
        return selectors.requests_to(self.organization).order_by("state", "due_on", "pk")


class RequestDetailView(NewsMixin, FormView):
    template_name = "news/editor/request_detail.html"
    form_class = forms.AnswerForm

    def get_permission_object(self):
        self.correction_request = selectors.get_request_for(self.organization, self.kwargs["pk"])
        return self.organization

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=self.correction_request.tracking_number,
            correction_request=self.correction_request,
            history=audit.history_of(self.correction_request)[:50],
        )
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("step") == "take":
            try:
                services.take_request(self.correction_request, actor=request.user)
            except DomainError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("You are handling this request."))
            return redirect(self.url("news_request_detail", self.correction_request.pk))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.answer_request(
                self.correction_request, actor=self.request.user, **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("The answer is sent to the requester."))
        return redirect(self.url("news_request_detail", self.correction_request.pk))


# Clarifications and disclosure ------------------------------------------------------------------


class ClarificationListView(NewsMixin, ListMixin, TemplateView):
    template_name = "news/editor/clarification_list.html"
    rows_template_name = "news/editor/_clarification_rows.html"
    title = _("Clarifications")

    def get_queryset(self):
        return selectors.clarifications_of(self.organization).order_by("-updated_at", "-pk")


class ClarificationMixin(NewsMixin):
    def get_permission_object(self):
        self.publication = selectors.get_clarification_for(self.organization, self.kwargs["pk"])
        return self.organization


class ClarificationDetailView(ClarificationMixin, ReviewStepsMixin, TemplateView):
    """A clarification as its editors follow it: sent for review, published by the chief
    editor once approved."""

    template_name = "news/editor/publication_detail.html"
    steps = {
        "submit": (services.submit_clarification, _("The clarification is sent for review.")),
        "withdraw": (services.withdraw_clarification, _("The clarification is withdrawn.")),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        clarification = self.publication
        context.update(
            title=clarification.display_title,
            subject_template="news/_clarification_subject.html",
            edit_url=self.url("news_clarification_edit", clarification.pk),
            public_url=reverse("public:news_clarification", args=[clarification.pk]),
        )
        return context


class ClarificationFormMixin(NewsMixin, ServiceFormMixin):
    template_name = "news/editor/form.html"
    form_class = forms.ClarificationForm
    success_message = _("The clarification has been saved.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "articles": selectors.published_articles(),
        }

    def get_success_url(self, result):
        return self.url("news_clarification_detail", result.pk)


class ClarificationCreateView(ClarificationFormMixin, FormView):
    title = _("New clarification")
    success_message = _("The clarification is saved as a draft.")

    def perform(self, form):
        return services.draft_clarification(
            self.organization, actor=self.request.user, **form.service_values()
        )


class ClarificationEditView(ClarificationMixin, ClarificationFormMixin, FormView):
    title = _("Edit clarification")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.publication}

    def perform(self, form):
        return services.update_clarification(
            self.publication, actor=self.request.user, **form.service_values()
        )


class DisclosureListView(NewsMixin, ListMixin, TemplateView):
    template_name = "news/editor/disclosure_list.html"
    rows_template_name = "news/editor/_disclosure_rows.html"
    title = _("Government information disclosure")

    def get_queryset(self):
        return selectors.disclosures_of(self.organization)


class DisclosureMixin(NewsMixin):
    def get_permission_object(self):
        self.publication = selectors.get_disclosure_for(self.organization, self.kwargs["pk"])
        return self.organization


class DisclosureDetailView(DisclosureMixin, ReviewStepsMixin, TemplateView):
    """A disclosure item as its editors follow it through the channel's review."""

    template_name = "news/editor/publication_detail.html"
    steps = {
        "submit": (services.submit_disclosure, _("The disclosure item is sent for review.")),
        "withdraw": (services.withdraw_disclosure, _("The disclosure item is withdrawn.")),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.publication
        context.update(
            title=item.display_title,
            subject_template="news/_disclosure_subject.html",
            edit_url=self.url("news_disclosure_edit", item.pk),
            public_url=reverse("public:news_disclosure"),
        )
        return context


class DisclosureCreateView(NewsMixin, ServiceFormMixin, FormView):
    template_name = "news/editor/form.html"
    form_class = forms.DisclosureForm
    title = _("New disclosure item")
    success_message = _("The disclosure item is saved as a draft.")

    def perform(self, form):
        channel = (
            selectors.channels_of(self.organization)
            .filter(kind=enums.ChannelKind.DISCLOSURE)
            .first()
        )
        if channel is None:
            raise DomainError(_("Your organisation has no disclosure channel."))
        return services.draft_disclosure(channel, actor=self.request.user, **form.service_values())

    def get_success_url(self, result):
        return self.url("news_disclosure_detail", result.pk)


class DisclosureEditView(DisclosureMixin, ServiceFormMixin, FormView):
    template_name = "news/editor/form.html"
    form_class = forms.DisclosureForm
    title = _("Edit disclosure item")
    success_message = _("The disclosure item has been saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.publication}

    def perform(self, form):
        return services.update_disclosure(
            self.publication, actor=self.request.user, **form.service_values()
        )

    def get_success_url(self, result):
        return self.url("news_disclosure_detail", result.pk)


def editor_home_panel(request, organization):
    """The correction requests this organisation has yet to answer, the nearest deadline
    first; nothing for those who do not edit its news, or when none wait."""
    if not request.user.has_perm(EDIT, organization):
        return None
    waiting = list(
        selectors.requests_to(organization)
        .filter(state__in=enums.OPEN_REQUEST_STATES)
        .order_by("due_on", "pk")[:8]
    )
    if not waiting:
        return None
    return {"requests": waiting, "today": timezone.localdate()}


for _portal in (Portal.PARK, Portal.GOVERNMENT):
    home.register(
        _portal, home.Panel("news.requests", "news/editor/_home_panel.html", editor_home_panel)
    )


def urlpatterns_for(portal):
    """The editors' news pages, mounted in the government and in the park portal."""

    def view(cls):
        return cls.as_view(portal=portal)

    return [
        path("news/", view(ArticleListView), name="news_article_list"),
        path("news/new/", view(ArticleCreateView), name="news_article_create"),
        path("news/<int:pk>/", view(ArticleDetailView), name="news_article_detail"),
        path("news/<int:pk>/edit/", view(ArticleEditView), name="news_article_edit"),
        path("news/<int:pk>/correct/", view(ArticleCorrectView), name="news_article_correct"),
        path("news/<int:pk>/translate/", view(ArticleTranslateView), name="news_article_translate"),
        path("news/<int:pk>/files/", view(ArticleFilesView), name="news_article_files"),
        path("news/requests/", view(RequestListView), name="news_request_list"),
        path("news/requests/<int:pk>/", view(RequestDetailView), name="news_request_detail"),
        path("news/clarifications/", view(ClarificationListView), name="news_clarification_list"),
        path(
            "news/clarifications/new/",
            view(ClarificationCreateView),
            name="news_clarification_create",
        ),
        path(
            "news/clarifications/<int:pk>/",
            view(ClarificationDetailView),
            name="news_clarification_detail",
        ),
        path(
            "news/clarifications/<int:pk>/edit/",
            view(ClarificationEditView),
            name="news_clarification_edit",
        ),
        path("news/disclosure/", view(DisclosureListView), name="news_disclosure_list"),
        path("news/disclosure/new/", view(DisclosureCreateView), name="news_disclosure_create"),
        path(
            "news/disclosure/<int:pk>/", view(DisclosureDetailView), name="news_disclosure_detail"
        ),
        path(
            "news/disclosure/<int:pk>/edit/", view(DisclosureEditView), name="news_disclosure_edit"
        ),
    ]
