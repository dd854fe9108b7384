"""News over REST.

For everyone: channels, published articles with their corrections, the corrections ledger,
clarifications and disclosure items; filing a correction request (it answers with the
tracking number) and looking one up with its number and the contact given. For editors
(``news/editor/``): the articles of the organisations they write for, with drafting,
editing, submission, withdrawal and correction, their clarifications and disclosure items,
drafted, edited, submitted and withdrawn the same way, and the requests addressed to them,
taken in hand and answered. Reviews go through ``review-cases``, as every review does.

The same selectors, services and named rules as the pages."""

from drf_spectacular.utils import extend_schema, extend_schema_view
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
WRITING = rule("news.edit_news", through="organization")


class EditorViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    RuleViewSet,
):
    """What the caller's organisations publish of one kind, in every state: drafted, edited,
    sent to review and withdrawn through that kind's services (``steps``). A subclass names
    its serializers, its services, where a draft belongs (``owner_field``, a channel or an
    organisation) and the rule that guards one item; its schema says which serializers each
    step takes and returns."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    detail_serializer_class = None
    create_serializer_class = None
    write_serializer_class = None
    owner_field = "channel"
    one = EDITING
    # "draft", "update", "submit" and "withdraw": the kind's service functions.
    steps = {}

    @classmethod
    def rules(cls, one, *more_steps):
        """The rules of an editor's viewset: ``one`` guards each step on one item."""
        steps = ("retrieve", "partial_update", "update", "submit", "withdraw", *more_steps)
        return {
            "list": SIGNED_IN,
            "create": on_input("news.edit_news"),
            **dict.fromkeys(steps, one),
        }

    def get_serializer_class(self):
        if self.action == "list" or self.detail_serializer_class is None:
            return self.serializer_class
        return self.detail_serializer_class

    def _read(self, item, status_code=status.HTTP_200_OK):
        item = self.get_queryset().get(pk=item.pk)
        serializer = self.detail_serializer_class or self.serializer_class
        return Response(serializer(item).data, status=status_code)

    def create(self, request, *args, **kwargs):
        values = self.validated(self.create_serializer_class, request.data)
        owner = values.pop(self.owner_field)
        self.check_rule(owner.organization if self.owner_field == "channel" else owner)
        item = self.steps["draft"](owner, actor=request.user, **values)
        return self._read(item, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        item = self.get_object()
        values = self.validated(self.write_serializer_class, request.data, partial=True)
        return self._read(self.steps["update"](item, actor=request.user, **values))

    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._read(self.steps["submit"](self.get_object(), actor=request.user))

    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._read(self.steps["withdraw"](self.get_object(), actor=request.user))


def editor_schema(create, write, detail, *, submitted):
    """The schema of an ``EditorViewSet``: what each step takes and gives back."""
    return extend_schema_view(
        create=extend_schema(request=create, responses={201: detail}),
        partial_update=extend_schema(request=write, responses=detail),
        submit=extend_schema(request=None, responses=detail, description=submitted),
        withdraw=extend_schema(request=None, responses=detail),
    )


@editor_schema(
    ArticleCreateSerializer,
    ArticleWriteSerializer,
    ArticleDetailSerializer,
    submitted="Send the article to its channel's editorial review.",
)
class EditorArticleViewSet(EditorViewSet):
    """The articles of the organisations the caller writes for, in every state."""

    serializer_class = ArticleSerializer
    detail_serializer_class = ArticleDetailSerializer
    create_serializer_class = ArticleCreateSerializer
    write_serializer_class = ArticleWriteSerializer
    permission_rules = EditorViewSet.rules(EDITING, "correct")
    steps = {
        "draft": services.draft_article,
        "update": services.update_article,
        "submit": services.submit_article,
        "withdraw": services.withdraw_article,
    }

    def get_queryset(self):
        return (
            selectors.articles_edited_by(self.request.user)
            .prefetch_related("translation", *ARTICLE_LINKS)
            .order_by("-updated_at", "-pk")
        )

    @extend_schema(request=CorrectionWriteSerializer, responses={201: CorrectionSerializer})
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        """Publish a correction in both languages, with the corrected text if there is one."""
        article = self.get_object()
        values = self.validated(CorrectionWriteSerializer, request.data)
        correction = services.correct_article(article, actor=request.user, **values)
        return Response(CorrectionSerializer(correction).data, status=status.HTTP_201_CREATED)


class EditorRequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    """The correction requests addressed to the organisations the caller writes for."""

    serializer_class = RequestSerializer
    permission_rules = {
        "list": SIGNED_IN,
        "retrieve": WRITING,
        "take": WRITING,
        "answer": WRITING,
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


@editor_schema(
    ClarificationCreateSerializer,
    ClarificationWriteSerializer,
    EditorClarificationSerializer,
    submitted="Send the clarification to its organisation's review; it names a source.",
)
class EditorClarificationViewSet(EditorViewSet):
    """The clarifications of the organisations the caller writes for, in every state."""

    serializer_class = EditorClarificationSerializer
    create_serializer_class = ClarificationCreateSerializer
    write_serializer_class = ClarificationWriteSerializer
    owner_field = "organization"
    permission_rules = EditorViewSet.rules(WRITING)
    steps = {
        "draft": services.draft_clarification,
        "update": services.update_clarification,
        "submit": services.submit_clarification,
        "withdraw": services.withdraw_clarification,
    }

    def get_queryset(self):
        return (
            selectors.clarifications_edited_by(self.request.user)
            .prefetch_related("sources", "related_articles", "organizations")
            .order_by("-updated_at", "-pk")
        )


@editor_schema(
    DisclosureCreateSerializer,
    DisclosureWriteSerializer,
    EditorDisclosureSerializer,
    submitted="Send the item to its channel's review.",
)
class EditorDisclosureViewSet(EditorViewSet):
    """The disclosure items of the organisations the caller writes for, in every state."""

    serializer_class = EditorDisclosureSerializer
    create_serializer_class = DisclosureCreateSerializer
    write_serializer_class = DisclosureWriteSerializer
    permission_rules = EditorViewSet.rules(EDITING)
    steps = {
        "draft": services.draft_disclosure,
        "update": services.update_disclosure,
        "submit": services.submit_disclosure,
        "withdraw": services.withdraw_disclosure,
    }

    def get_queryset(self):
        return selectors.disclosures_edited_by(self.request.user).order_by("-updated_at", "-pk")
