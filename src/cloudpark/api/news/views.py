"""News over REST.

For everyone: channels, published articles with their corrections, the corrections ledger,
clarifications and disclosure items; filing a correction request (it answers with the
tracking number) and looking one up with its number and the contact given. For editors
(``news/editor/``): the articles of the organisations they write for, with drafting,
editing, submission, withdrawal and correction, their clarifications and disclosure items,
drafted, edited, submitted and withdrawn the same way, and the requests addressed to them,
taken in hand and answered. Reviews go through ``review-cases``, as every review does.

The same selectors, services and named rules as the pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from cloudpark.api.base import PUBLIC, SIGNED_IN, RuleViewSet, on_input, rule
from cloudpark.api.news import filters
from cloudpark.api.news.serializers import (
    AnswerSerializer,
    ArticleCreateSerializer,
    ArticleDetailSerializer,
    ArticleSerializer,
    ArticleWriteSerializer,
    ChannelSerializer,
    ClarificationCreateSerializer,
    ClarificationSerializer,
    ClarificationWriteSerializer,
    CorrectionSerializer,
    CorrectionWriteSerializer,
    DisclosureCreateSerializer,
    DisclosureSerializer,
    DisclosureWriteSerializer,
    EditorClarificationSerializer,
    EditorDisclosureSerializer,
    RequestCreateSerializer,
    RequestSerializer,
    RequestStatusSerializer,
    StatusLookupSerializer,
)
from cloudpark.news import selectors, services

ARTICLE_LINKS = ("policies", "programmes", "events", "enterprises")


class ChannelViewSet(mixins.ListModelMixin, RuleViewSet):
    serializer_class = ChannelSerializer
    permission_rules = {"list": PUBLIC}

    def get_queryset(self):
        return selectors.public_channels()


class ArticleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    """Published articles, newest first; one article with its corrections."""

    filterset_class = filters.ArticleFilter
    permission_rules = {"list": PUBLIC, "retrieve": PUBLIC}

    def get_serializer_class(self):
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer

    def get_queryset(self):
        return selectors.published_articles().prefetch_related("translation", *ARTICLE_LINKS)


class CorrectionViewSet(mixins.ListModelMixin, RuleViewSet):
    """The corrections ledger, newest first."""

    serializer_class = CorrectionSerializer
    permission_rules = {"list": PUBLIC}

    def get_queryset(self):
        return selectors.corrections_ledger()


class ClarificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    serializer_class = ClarificationSerializer
    filterset_class = filters.ClarificationFilter
    permission_rules = {"list": PUBLIC, "retrieve": PUBLIC}

    def get_queryset(self):
        return selectors.published_clarifications().prefetch_related("sources")


class DisclosureViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    serializer_class = DisclosureSerializer
    filterset_class = filters.DisclosureFilter
    permission_rules = {"list": PUBLIC, "retrieve": PUBLIC}

    def get_queryset(self):
        return selectors.public_disclosures()


class RequestViewSet(RuleViewSet):
    """Anyone asks for a correction, a deletion or a right of reply, and follows it."""

    permission_rules = {"create": PUBLIC, "status": PUBLIC}
    serializer_class = RequestStatusSerializer

    @extend_schema(request=RequestCreateSerializer, responses={201: RequestStatusSerializer})
    def create(self, request):
        values = self.validated(RequestCreateSerializer, request.data)
        filed = services.file_request(requester=request.user, **values)
        return Response(RequestStatusSerializer(filed).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=StatusLookupSerializer, responses=RequestStatusSerializer)
    @action(detail=False, methods=["post"])
    def status(self, request):
        """A request by its tracking number and the e-mail or phone given with it."""
        values = self.validated(StatusLookupSerializer, request.data)
        found = selectors.get_request_status(values["tracking_number"], values["contact"])
        return Response(RequestStatusSerializer(found).data)


EDITING = rule("news.edit_news", through="channel.organization")


class EditorArticleViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    RuleViewSet,
):
    """The articles of the organisations the caller writes for, in every state."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_rules = {
        "list": SIGNED_IN,
        "retrieve": EDITING,
        "create": on_input("news.edit_news"),
        "partial_update": EDITING,
        "update": EDITING,
        "submit": EDITING,
        "withdraw": EDITING,
        "correct": EDITING,
    }

    def get_serializer_class(self):
        return ArticleSerializer if self.action == "list" else ArticleDetailSerializer

    def get_queryset(self):
        return (
            selectors.articles_edited_by(self.request.user)
            .prefetch_related("translation", *ARTICLE_LINKS)
            .order_by("-updated_at", "-pk")
        )

    def _read(self, article, status_code=status.HTTP_200_OK):
        article = self.get_queryset().get(pk=article.pk)
        return Response(ArticleDetailSerializer(article).data, status=status_code)

    @extend_schema(request=ArticleCreateSerializer, responses={201: ArticleDetailSerializer})
    def create(self, request, *args, **kwargs):
        values = self.validated(ArticleCreateSerializer, request.data)
        channel = values.pop("channel")
        self.check_rule(channel.organization)
        article = services.draft_article(
            channel, actor=request.user, original=values.pop("original", None), **values
        )
        return self._read(article, status.HTTP_201_CREATED)

    @extend_schema(request=ArticleWriteSerializer, responses=ArticleDetailSerializer)
    def partial_update(self, request, *args, **kwargs):
        article = self.get_object()
        values = self.validated(ArticleWriteSerializer, request.data, partial=True)
        return self._read(services.update_article(article, actor=request.user, **values))

    @extend_schema(request=None, responses=ArticleDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send the article to its channel's editorial review."""
        return self._read(services.submit_article(self.get_object(), actor=request.user))

    @extend_schema(request=None, responses=ArticleDetailSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._read(services.withdraw_article(self.get_object(), actor=request.user))

    @extend_schema(request=CorrectionWriteSerializer, responses={201: CorrectionSerializer})
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        """Publish a correction in both languages, with the corrected text if there is one."""
        article = self.get_object()
        values = self.validated(CorrectionWriteSerializer, request.data)
        correction = services.correct_article(article, actor=request.user, **values)
        return Response(CorrectionSerializer(correction).data, status=status.HTTP_201_CREATED)


HANDLING = rule("news.edit_news", through="organization")


class EditorRequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    """The correction requests addressed to the organisations the caller writes for."""

    serializer_class = RequestSerializer
    permission_rules = {
        "list": SIGNED_IN,
        "retrieve": HANDLING,
        "take": HANDLING,
        "answer": HANDLING,
    }

    def get_queryset(self):
        return selectors.requests_handled_by(self.request.user).order_by("state", "due_on", "pk")

    @extend_schema(request=None, responses=RequestSerializer)
    @action(detail=True, methods=["post"])
    def take(self, request, pk=None):
        """Take the request in hand as its handler."""
        taken = services.take_request(self.get_object(), actor=request.user)
        return Response(RequestSerializer(taken).data)

    @extend_schema(request=AnswerSerializer, responses=RequestSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        """Decide the request; the outcome is sent back to the requester."""
        handled = self.get_object()  # another's request is not found, whatever the body
        values = self.validated(AnswerSerializer, request.data)
        answered = services.answer_request(handled, actor=request.user, **values)
        return Response(RequestSerializer(answered).data)


WRITING = rule("news.edit_news", through="organization")


class EditorClarificationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    RuleViewSet,
):
    """The clarifications of the organisations the caller writes for, in every state."""

    serializer_class = EditorClarificationSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_rules = {
        "list": SIGNED_IN,
        "retrieve": WRITING,
        "create": on_input("news.edit_news"),
        "partial_update": WRITING,
        "update": WRITING,
        "submit": WRITING,
        "withdraw": WRITING,
    }

    def get_queryset(self):
        return (
            selectors.clarifications_edited_by(self.request.user)
            .prefetch_related("sources", "related_articles", "organizations")
            .order_by("-updated_at", "-pk")
        )

    def _read(self, clarification, status_code=status.HTTP_200_OK):
        clarification = self.get_queryset().get(pk=clarification.pk)
        return Response(EditorClarificationSerializer(clarification).data, status=status_code)

    @extend_schema(
        request=ClarificationCreateSerializer, responses={201: EditorClarificationSerializer}
    )
    def create(self, request, *args, **kwargs):
        values = self.validated(ClarificationCreateSerializer, request.data)
        organization = values.pop("organization")
        self.check_rule(organization)
        clarification = services.draft_clarification(organization, actor=request.user, **values)
        return self._read(clarification, status.HTTP_201_CREATED)

    @extend_schema(request=ClarificationWriteSerializer, responses=EditorClarificationSerializer)
    def partial_update(self, request, *args, **kwargs):
        clarification = self.get_object()
        values = self.validated(ClarificationWriteSerializer, request.data, partial=True)
        return self._read(
            services.update_clarification(clarification, actor=request.user, **values)
        )

    @extend_schema(request=None, responses=EditorClarificationSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send the clarification to its organisation's review; it names a source."""
        return self._read(services.submit_clarification(self.get_object(), actor=request.user))

    @extend_schema(request=None, responses=EditorClarificationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._read(services.withdraw_clarification(self.get_object(), actor=request.user))


class EditorDisclosureViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    RuleViewSet,
):
    """The disclosure items of the organisations the caller writes for, in every state."""

    serializer_class = EditorDisclosureSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_rules = {
        "list": SIGNED_IN,
        "retrieve": EDITING,
        "create": on_input("news.edit_news"),
        "partial_update": EDITING,
        "update": EDITING,
        "submit": EDITING,
        "withdraw": EDITING,
    }

    def get_queryset(self):
        return selectors.disclosures_edited_by(self.request.user).order_by("-updated_at", "-pk")

    def _read(self, item, status_code=status.HTTP_200_OK):
        item = self.get_queryset().get(pk=item.pk)
        return Response(EditorDisclosureSerializer(item).data, status=status_code)

    @extend_schema(request=DisclosureCreateSerializer, responses={201: EditorDisclosureSerializer})
    def create(self, request, *args, **kwargs):
        values = self.validated(DisclosureCreateSerializer, request.data)
        channel = values.pop("channel")
        self.check_rule(channel.organization)
        item = services.draft_disclosure(channel, actor=request.user, **values)
        return self._read(item, status.HTTP_201_CREATED)

    @extend_schema(request=DisclosureWriteSerializer, responses=EditorDisclosureSerializer)
    def partial_update(self, request, *args, **kwargs):
        item = self.get_object()
        values = self.validated(DisclosureWriteSerializer, request.data, partial=True)
        return self._read(services.update_disclosure(item, actor=request.user, **values))

    @extend_schema(request=None, responses=EditorDisclosureSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send the item to its channel's review."""
        return self._read(services.submit_disclosure(self.get_object(), actor=request.user))

    @extend_schema(request=None, responses=EditorDisclosureSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._read(services.withdraw_disclosure(self.get_object(), actor=request.user))
