"""Reads of news. Editors see their own organisation's channels and what is in them; readers
see what is published. Anything else is a 404."""

from datetime import datetime, time

from django.db.models import Avg, Count, F, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from cloudpark.news import enums, html
from cloudpark.news.models import (
    Article,
    Attachment,
    Channel,
    Clarification,
    Correction,
    CorrectionRequest,
    DisclosureItem,
    Revision,
)
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.models import Organization

ARTICLE_RELATED = ("channel", "channel__organization", "park")


def _get(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# Editors ----------------------------------------------------------------------------------


def channels_of(organization):
    return Channel.objects.filter(organization=organization).order_by("kind", "pk")


def get_channel_for(organization, pk):
    return _get(channels_of(organization), pk)


def articles_of(organization):
    return Article.objects.filter(channel__organization=organization).select_related(
        *ARTICLE_RELATED
    )


def get_article_for(organization, pk):
    return _get(articles_of(organization), pk)


def requests_to(organization):
    return CorrectionRequest.objects.filter(organization=organization).select_related(
        "article", "handler"
    )


def get_request_for(organization, pk):
    return _get(requests_to(organization), pk)


def clarifications_of(organization):
    return Clarification.objects.filter(organization=organization)


def get_clarification_for(organization, pk):
    return _get(clarifications_of(organization).prefetch_related("sources"), pk)


def disclosures_of(organization):
    return DisclosureItem.objects.filter(channel__organization=organization).select_related(
        "channel", "channel__organization"
    )


def get_disclosure_for(organization, pk):
    return _get(disclosures_of(organization), pk)


# Readers ----------------------------------------------------------------------------------


def public_channels():
    return Channel.objects.select_related("organization").order_by("kind", "pk")


def get_public_channel(slug):
    try:
        return public_channels().get(slug=slug)
    except Channel.DoesNotExist:
        raise Http404 from None


def published_articles(*, channel=None, language=None, park=None):
    articles = Article.objects.filter(state=enums.PublicationState.PUBLISHED).select_related(
        *ARTICLE_RELATED
    )
    if channel is not None:
        articles = articles.filter(channel=channel)
    if language is not None:
        articles = articles.filter(language=language)
    if park is not None:
        articles = articles.filter(park=park)
    return articles.order_by("-published_at", "-pk")


def get_published_article(pk):
    """A published article, or a withdrawn one: its page stays, saying it was withdrawn, so
    that links and corrections keep pointing somewhere."""
    articles = Article.objects.filter(
        state__in=(enums.PublicationState.PUBLISHED, enums.PublicationState.WITHDRAWN),
        published_at__isnull=False,
    ).select_related(*ARTICLE_RELATED)
    return _get(
        articles.prefetch_related("attachments", "policies", "programmes", "events", "enterprises"),
        pk,
    )


def get_public_attachment(pk):
    return _get(
        Attachment.objects.filter(article__state=enums.PublicationState.PUBLISHED).select_related(
            "article"
        ),
        pk,
    )


def translation_of(article):
    """The other language version of ``article``, when published."""
    if article.original_id is not None:
        candidates = Article.objects.filter(pk=article.original_id)
    else:
        candidates = Article.objects.filter(original=article)
    return candidates.filter(state=enums.PublicationState.PUBLISHED).first()


def corrections_shown_on(article):
    """The corrections of ``article`` and of its other language version, newest first."""
    ids = [article.pk]
    if article.original_id is not None:
        ids.append(article.original_id)
    ids.extend(Article.objects.filter(original=article).values_list("pk", flat=True))
    return Correction.objects.filter(article_id__in=ids).select_related("revision")


def revisions_of(article):
    return Revision.objects.filter(article=article).order_by("number")


def get_revision(article, number):
    try:
        return revisions_of(article).get(number=number)
    except (Revision.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def revision_changes(article, number):
    """``(older, newer, changes)``: what revision ``number`` changed from the one before."""
    newer = get_revision(article, number)
    older = revisions_of(article).filter(number__lt=newer.number).order_by("-number").first()
    if older is None:
        raise Http404
    old_lines = [older.title, older.subtitle, *html.plain_lines(older.body)]
    new_lines = [newer.title, newer.subtitle, *html.plain_lines(newer.body)]
    return older, newer, html.changes(old_lines, new_lines)


def corrections_ledger(*, year=None):
    corrections = Correction.objects.filter(article__published_at__isnull=False).select_related(
        "article", "article__channel", "article__channel__organization"
    )
    if year is not None:
        corrections = corrections.filter(published_at__year=year)
    return corrections.order_by("-published_at", "-pk")


def corrections_feed_items():
    return corrections_ledger()[:50]


def published_clarifications(*, category=None, verdict=None):
    clarifications = Clarification.objects.filter(
        state=enums.PublicationState.PUBLISHED
    ).select_related("organization")
    if category:
        clarifications = clarifications.filter(category=category)
    if verdict:
        clarifications = clarifications.filter(verdict=verdict)
    return clarifications.order_by("-published_at", "-pk")


def clarifications_concerning(organization):
    """The published clarifications about ``organization``, shown on its page."""
    return published_clarifications().filter(organizations=organization)


def get_published_clarification(pk):
    return _get(
        published_clarifications().prefetch_related(
            "sources",
            Prefetch(
                "related_articles",
                queryset=Article.objects.filter(state=enums.PublicationState.PUBLISHED),
            ),
            "organizations",
        ),
        pk,
    )


def public_disclosures(*, category=None):
    items = DisclosureItem.objects.filter(state=enums.PublicationState.PUBLISHED).select_related(
        "channel", "channel__organization"
    )
    if category:
        items = items.filter(subject_category=category)
    return items.order_by("-issued_on", "-pk")


def get_public_disclosure(pk):
    return _get(public_disclosures(), pk)


def get_request_status(tracking_number, contact):
    """A request by its tracking number and the e-mail or phone given with it: the number
    alone does not show someone's request."""
    contact = (contact or "").strip()
    if not contact:
        raise Http404
    try:
        return CorrectionRequest.objects.select_related("article").get(
            Q(requester_email__iexact=contact) | Q(requester_phone=contact),
            tracking_number=(tracking_number or "").strip().upper(),
        )
    except CorrectionRequest.DoesNotExist:
        raise Http404 from None


def yearly_figures(year):
    """The year's requests, outcomes and time to answer, and its corrections by kind, for
    the annual governance report."""
    start = timezone.make_aware(datetime.combine(datetime(year, 1, 1).date(), time.min))
    end = timezone.make_aware(datetime.combine(datetime(year + 1, 1, 1).date(), time.min))
    requests = CorrectionRequest.objects.filter(received_at__gte=start, received_at__lt=end)
    by_outcome = dict(
        requests.exclude(outcome="").values_list("outcome").annotate(count=Count("pk"))
    )
    answered = requests.filter(answered_at__isnull=False)
    average = answered.aggregate(average=Avg(F("answered_at") - F("received_at")))["average"]
    corrections = dict(
        Correction.objects.filter(published_at__gte=start, published_at__lt=end)
        .values_list("kind")
        .annotate(count=Count("pk"))
    )
    return {
        "year": year,
        "requests": requests.count(),
        "answered": answered.count(),
        "open": requests.filter(state__in=enums.OPEN_REQUEST_STATES).count(),
        "late": answered.filter(answered_at__date__gt=F("due_on")).count(),
        "outcomes": [
            (outcome.label, by_outcome.get(outcome.value, 0)) for outcome in enums.RequestOutcome
        ],
        "corrections": [
            (kind.label, corrections.get(kind.value, 0)) for kind in enums.CorrectionKind
        ],
        "average_days": round(average.total_seconds() / 86400, 1) if average else None,
    }


# What a person edits, across their organisations (the API's lists) ---------------------------


def _edited_organization_ids(user):
    if user is None or not user.is_authenticated:
        return []
    return org_selectors.organization_ids_of(
        user,
        (org_enums.OrganizationKind.GOVERNMENT, org_enums.OrganizationKind.PARK),
        org_enums.Capability.EDIT_NEWS,
    )


def channels_edited_by(user):
    return Channel.objects.filter(organization_id__in=_edited_organization_ids(user))


def articles_edited_by(user):
    return Article.objects.filter(
        channel__organization_id__in=_edited_organization_ids(user)
    ).select_related(*ARTICLE_RELATED)


def organizations_edited_by(user):
    return Organization.objects.filter(pk__in=_edited_organization_ids(user))


def clarifications_edited_by(user):
    return Clarification.objects.filter(
        organization_id__in=_edited_organization_ids(user)
    ).select_related("organization")


def disclosures_edited_by(user):
    return DisclosureItem.objects.filter(
        channel__organization_id__in=_edited_organization_ids(user)
    ).select_related("channel", "channel__organization")


def requests_handled_by(user):
    return CorrectionRequest.objects.filter(
        organization_id__in=_edited_organization_ids(user)
    ).select_related("organization", "handler")
