"""Writes of news and information: channels, articles and their review, revisions,
corrections, correction requests, clarifications and disclosure items. Pages, the API, the
admin and the demo all come here.

Articles, clarifications and disclosure items are reviewed on the review engine
(``news.flows``) by their publishing organisation: a first reading where the channel asks for
two stages, then the chief editor; on approval the hooks below publish them (an article keeps
its first revision and goes to its subscribers). Nothing is published otherwise. A correction is
written once, in both languages, moves the article's revision date (feeds carry it as the
item's update) and reaches everyone the article was sent to.
"""

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cloudpark.core import audit, links, uploads
from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.services import apply_changes, locked, validated
from cloudpark.core.states import check_transition
from cloudpark.news import enums, html
from cloudpark.news.models import (
    Article,
    Attachment,
    Channel,
    Clarification,
    ClarificationSource,
    Correction,
    CorrectionRequest,
    Delivery,
    DisclosureItem,
    Revision,
    Subscription,
)
from cloudpark.notifications import services as notifications
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs import selectors as org_selectors
from cloudpark.reviews import flows as review_flows
from cloudpark.reviews import services as review_services
from cloudpark.reviews.models import ReviewCase

CHANNEL_OPENED = audit.register("news.channel.opened", _("Channel opened"))
CHANNEL_UPDATED = audit.register("news.channel.updated", _("Channel changed"))
ARTICLE_DRAFTED = audit.register("news.article.drafted", _("Article drafted"))
ARTICLE_UPDATED = audit.register("news.article.updated", _("Article changed"))
ATTACHMENT_ADDED = audit.register("news.article.attachment_added", _("Attachment added"))
ARTICLE_SUBMITTED = audit.register("news.article.submitted", _("Article submitted for review"))
ARTICLE_RESUBMITTED = audit.register(
    "news.article.resubmitted", _("Article resubmitted after revision")
)
ARTICLE_PASSED_ON = audit.register(
    "news.article.passed_on", _("Passed by the first reading to the chief editor")
)
ARTICLE_RETURNED = audit.register("news.article.returned", _("Article returned for revision"))
ARTICLE_PUBLISHED = audit.register("news.article.published", _("Article published"))
ARTICLE_REJECTED = audit.register("news.article.rejected", _("Article rejected"))
ARTICLE_WITHDRAWN = audit.register("news.article.withdrawn", _("Article withdrawn"))
ARTICLE_CORRECTED = audit.register("news.article.corrected", _("Correction published"))
REQUEST_FILED = audit.register("news.request.filed", _("Correction request received"))
REQUEST_TAKEN = audit.register("news.request.taken", _("Correction request taken in hand"))
REQUEST_ANSWERED = audit.register("news.request.answered", _("Correction request answered"))
CLARIFICATION_DRAFTED = audit.register("news.clarification.drafted", _("Clarification drafted"))
CLARIFICATION_UPDATED = audit.register("news.clarification.updated", _("Clarification changed"))
CLARIFICATION_SUBMITTED = audit.register(
    "news.clarification.submitted", _("Clarification submitted for review")
)
CLARIFICATION_RESUBMITTED = audit.register(
    "news.clarification.resubmitted", _("Clarification resubmitted after revision")
)
CLARIFICATION_RETURNED = audit.register(
    "news.clarification.returned", _("Clarification returned for revision")
)
CLARIFICATION_PUBLISHED = audit.register(
    "news.clarification.published", _("Clarification published")
)
CLARIFICATION_REJECTED = audit.register("news.clarification.rejected", _("Clarification rejected"))
CLARIFICATION_WITHDRAWN = audit.register(
    "news.clarification.withdrawn", _("Clarification withdrawn")
)
DISCLOSURE_DRAFTED = audit.register("news.disclosure.drafted", _("Disclosure item drafted"))
DISCLOSURE_UPDATED = audit.register("news.disclosure.updated", _("Disclosure item changed"))
DISCLOSURE_SUBMITTED = audit.register(
    "news.disclosure.submitted", _("Disclosure item submitted for review")
)
DISCLOSURE_RESUBMITTED = audit.register(
    "news.disclosure.resubmitted", _("Disclosure item resubmitted after revision")
)
DISCLOSURE_PASSED_ON = audit.register(
    "news.disclosure.passed_on", _("Disclosure item passed on to the chief editor")
)
DISCLOSURE_RETURNED = audit.register(
    "news.disclosure.returned", _("Disclosure item returned for revision")
)
DISCLOSURE_PUBLISHED = audit.register("news.disclosure.published", _("Disclosure item published"))
DISCLOSURE_REJECTED = audit.register("news.disclosure.rejected", _("Disclosure item rejected"))
DISCLOSURE_WITHDRAWN = audit.register("news.disclosure.withdrawn", _("Disclosure item withdrawn"))

NEW_ARTICLE_NOTICE = notifications.register(
    "news.article_published", _("New in %(channel)s: %(title)s")
)
CORRECTED_NOTICE = notifications.register(
    "news.article_corrected",
    _("%(title)s, which you were sent, has been corrected (%(kind)s): %(right)s"),
)
WITHDRAWN_NOTICE = notifications.register(
    "news.article_withdrawn_from_review",
    _("The article %(title)s was withdrawn from review."),
)
CLARIFICATION_WITHDRAWN_NOTICE = notifications.register(
    "news.clarification_withdrawn_from_review",
    _("The clarification %(title)s was withdrawn from review."),
)
DISCLOSURE_WITHDRAWN_NOTICE = notifications.register(
    "news.disclosure_withdrawn_from_review",
    _("The disclosure item %(title)s was withdrawn from review."),
)
REQUEST_RECEIVED_NOTICE = notifications.register(
    "news.request_received",
    _("Correction request %(number)s received; we answer by %(due)s."),
)
REQUEST_AWAITS_NOTICE = notifications.register(
    "news.request_awaits",
    _("Correction request %(number)s awaits handling, due %(due)s."),
)
REQUEST_ANSWERED_NOTICE = notifications.register(
    "news.request_answered",
    _("Your correction request %(number)s has been answered (%(outcome)s): %(answer)s"),
)

# How long an organisation has to answer a correction request, in days.
REQUEST_ANSWER_DAYS = 15
FIRST_READING = "first_reading"
CHIEF_EDITOR = "chief_editor"

CHANNEL_FIELDS = ("kind", "slug", "name", "name_en", "review_stages", "is_open")
ARTICLE_FIELDS = (
    "title",
    "subtitle",
    "author",
    "editor",
    "summary",
    "body",
    "tags",
    "park",
    "is_repost",
    "source_name",
    "source_url",
    "original_author",
    "original_title",
)
ARTICLE_LINKS = ("policies", "programmes", "events", "enterprises")
# What editors write on a form or through the API (the park follows from the channel).
EDITED_FIELDS = (*(name for name in ARTICLE_FIELDS if name != "park"), *ARTICLE_LINKS)
CLARIFICATION_FIELDS = (
    "title",
    "title_en",
    "claim",
    "claim_en",
    "first_appeared_in",
    "first_appeared_on",
    "verdict",
    "facts",
    "facts_en",
    "category",
)
CLARIFICATION_LINKS = ("related_articles", "organizations")
DISCLOSURE_FIELDS = (
    "index_number",
    "issuing_body",
    "document_number",
    "issued_on",
    "subject_category",
    "title",
    "title_en",
    "body",
)


def _actor(actor):
    return actor if actor is not None and actor.is_authenticated else None


def editors_of(organization):
    return org_selectors.people_with(organization, org_enums.Capability.EDIT_NEWS)


# Channels


@transaction.atomic
def open_channel(organization, *, actor, **values):
    unknown = set(values) - set(CHANNEL_FIELDS)
    if unknown:
        raise ValueError(f"Not channel fields: {sorted(unknown)}")
    if organization.kind not in (
        org_enums.OrganizationKind.GOVERNMENT,
        org_enums.OrganizationKind.PARK,
    ):
        raise DomainError(_t("Only government bodies and parks publish news here."))
    channel = validated(Channel(organization=organization, **values))
    channel.save()
    audit.log_action(channel, CHANNEL_OPENED, actor=actor, data={"kind": channel.kind})
    return channel


@transaction.atomic
def update_channel(channel, *, actor, **values):
    channel = locked(channel)
    changed = apply_changes(channel, values, allowed=CHANNEL_FIELDS)
    if changed:
        validated(channel)
        channel.save(update_fields=[*changed, "updated_at"])
        audit.log_action(channel, CHANNEL_UPDATED, actor=actor, data={"fields": sorted(changed)})
    return channel


@transaction.atomic
def subscribe(channel, *, user=None, email=""):
    """Send ``channel``'s new articles to ``user`` (in the platform and by e-mail) or to an
    e-mail address alone."""
    if user is None and not email:
        raise DomainError(_t("Give an e-mail address to subscribe."), field="email")
    subscription, _created = Subscription.objects.get_or_create(
        channel=channel, user=user, email="" if user is not None else email.strip().lower()
    )
    return subscription


@transaction.atomic
def unsubscribe(channel, *, user):
    Subscription.objects.filter(channel=channel, user=user).delete()


# Articles


def _check_article(article):
    """The checks a saved article passes: a repost names its source, original author,
    original title and editor; a park's news names its park; the body is not empty."""
    if article.is_repost:
        for name, label in (
            ("source_name", _t("the source")),
            ("original_author", _t("the original author")),
            ("original_title", _t("the original title")),
            ("editor", _t("the editor")),
        ):
            if not str(getattr(article, name) or "").strip():
                raise DomainError(_t("A repost must name %(what)s.") % {"what": label}, field=name)
    if not html.plain_lines(article.body):
        raise DomainError(_t("Write the article's text."), field="body")
    validated(article, exclude=["cover_image"])


def _clean_values(values):
    values = dict(values)
    if "body" in values:
        values["body"] = html.sanitise(values["body"])
    if "tags" in values:
        values["tags"] = sorted(
            {str(tag).strip() for tag in values["tags"] or [] if str(tag).strip()}
        )
    for name in ("title", "subtitle", "author", "editor", "summary", "source_name"):
        if isinstance(values.get(name), str):
            values[name] = values[name].strip()
    return values


def _set_links(article, links_given):
    for name, objects in links_given.items():
        getattr(article, name).set(objects)


def _split(values, link_names):
    links_given = {name: values.pop(name) for name in list(values) if name in link_names}
    return values, links_given


@transaction.atomic
def draft_article(channel, *, actor, language=enums.Language.CHINESE, original=None, **values):
    """Start an article in ``channel``; ``original`` makes it the English version of a
    Chinese one. Park news names the park it is about."""
    values, links_given = _split(_clean_values(values), ARTICLE_LINKS)
    unknown = set(values) - set(ARTICLE_FIELDS)
    if unknown:
        raise ValueError(f"Not article fields: {sorted(unknown)}")
    channel = Channel.objects.select_related("organization").get(pk=channel.pk)
    if not channel.is_open:
        raise DomainError(_t("This channel is closed to new articles."))
    if original is not None:
        original = locked(original)
        if original.channel_id != channel.pk or original.language != enums.Language.CHINESE:
            raise DomainError(_t("A translation belongs to a Chinese article of the same channel."))
        if Article.objects.filter(original=original).exists():
            raise DomainError(_t("This article already has an English version."))
        language = enums.Language.ENGLISH
    if channel.kind == enums.ChannelKind.PARK_NEWS and values.get("park") is None:
        park = org_selectors.organization_as_kind(channel.organization)
        values["park"] = park if park.kind == org_enums.OrganizationKind.PARK else None
    article = Article(
        channel=channel, language=language, original=original, created_by=_actor(actor), **values
    )
    _check_article(article)
    article.save()
    _set_links(article, links_given)
    audit.log_action(
        article, ARTICLE_DRAFTED, actor=actor, data={"channel": channel.pk, "language": language}
    )
    return article


def _lock(article):
    return locked(article, select_related=("channel", "channel__organization"))


@transaction.atomic
def update_article(article, *, actor, **values):
    article = _lock(article)
    if not article.is_editable:
        raise TransitionNotAllowed(
            _t("An article that is %(state)s cannot be changed; publish a correction instead.")
            % {"state": article.get_state_display()}
        )
    values, links_given = _split(_clean_values(values), ARTICLE_LINKS)
    changed = apply_changes(article, values, allowed=ARTICLE_FIELDS)
    if changed:
        _check_article(article)
        article.save(update_fields=[*changed, "updated_at"])
    _set_links(article, links_given)
    if changed or links_given:
        audit.log_action(
            article, ARTICLE_UPDATED, actor=actor, data={"fields": sorted([*changed, *links_given])}
        )
    return article


@transaction.atomic
def set_cover_image(article, *, actor, uploaded):
    article = _lock(article)
    if not article.is_editable:
        raise TransitionNotAllowed(_t("Only a draft's cover image can be changed."))
    uploads.check_document(
        uploaded, types={"jpg": uploads.JPEG, "jpeg": uploads.JPEG, "png": uploads.PNG}
    )
    article.cover_image = uploaded
    article.save(update_fields=["cover_image", "updated_at"])
    audit.log_action(article, ARTICLE_UPDATED, actor=actor, data={"fields": ["cover_image"]})
    return article


@transaction.atomic
def attach_file(article, *, actor, uploaded):
    article = _lock(article)
    if not article.is_editable:
        raise TransitionNotAllowed(_t("Files are attached to a draft."))
    file_type = uploads.check_document(uploaded)
    attachment = Attachment.objects.create(
        article=article,
        file=uploaded,
        original_name=uploaded.name[-200:],
        size=uploaded.size,
        content_type=file_type.content_type,
    )
    audit.log_action(
        article, ATTACHMENT_ADDED, actor=actor, data={"file": attachment.original_name}
    )
    return attachment


def article_flow():
    return review_flows.get(Article.review_flow_key)


# What each kind of publication is called when a step is refused in its state.
STATE_REFUSALS = {
    Article: _("This step is not possible while the article is %(state)s."),
    Clarification: _("This step is not possible while the clarification is %(state)s."),
    DisclosureItem: _("This step is not possible while the disclosure item is %(state)s."),
}


def _check_transition(publication, target):
    return check_transition(
        enums.PUBLICATION_TRANSITIONS,
        publication.state,
        target,
        message=str(STATE_REFUSALS[type(publication)]) % {"state": publication.get_state_display()},
    )


def _check_editable(publication):
    """A draft or a returned publication is changed; one in review or published is not."""
    if not publication.is_editable:
        raise TransitionNotAllowed(
            _t("Only a draft, or one returned for revision, is changed: this one is %(state)s.")
            % {"state": publication.get_state_display()}
        )


def _submit(publication, *, organization, actor, label, label_en=""):
    """Send ``publication`` (its row locked, its checks passed) to the review of its
    publishing ``organisation``, or back to it after a return. The engine moves its state."""
    review_services.submit(
        publication,
        flow=review_flows.get(publication.review_flow_key),
        applicant=organization,
        actor=actor,
        label=label,
        label_en=label_en,
    )
    return type(publication).objects.get(pk=publication.pk)


def _withdraw(publication, *, actor, action, reason="", **stamps):
    """Take ``publication`` (its row locked) back: out of review through the engine, which
    tells the reviewers it awaited, or off the site once published. It stays on record."""
    if not _check_transition(publication, enums.PublicationState.WITHDRAWN):
        return publication
    case = case_of(publication)
    if case is not None and case.is_open:
        review_services.withdraw(case, actor=actor)
        return type(publication).objects.get(pk=publication.pk)
    publication.state = enums.PublicationState.WITHDRAWN
    for name, value in stamps.items():
        setattr(publication, name, value)
    publication.save(update_fields=["state", *stamps, "updated_at"])
    audit.log_action(publication, action, actor=actor, data={"reason": reason})
    return publication


@transaction.atomic
def submit_article(article, *, actor):
    """Send the article to its channel's editorial review, or back to it after a return."""
    article = _lock(article)
    if not _check_transition(article, enums.PublicationState.IN_REVIEW):
        return article
    if not article.channel.is_open:
        raise DomainError(_t("This channel is closed to new articles."))
    _check_article(article)
    return _submit(
        article, organization=article.channel.organization, actor=actor, label=article.title
    )


def case_of(publication):
    """The review case of an article, a clarification or a disclosure item, if submitted."""
    return ReviewCase.objects.filter(pk=publication.review_case_id).first()


@transaction.atomic
def withdraw_article(article, *, actor, reason=""):
    """Take an article back: out of review, or off the site once published. It stays on
    record with its revisions and corrections."""
    return _withdraw(
        _lock(article),
        actor=actor,
        action=ARTICLE_WITHDRAWN,
        reason=reason,
        revised_at=timezone.now(),
    )


# The hooks of ``news.flows``. They run inside the engine's transaction, the article's row
# locked; a ``DomainError`` undoes the engine's step.


def _refuse_closed_channel(channel_id):
    if not Channel.objects.filter(pk=channel_id, is_open=True).exists():
        raise DomainError(_t("This channel is closed; nothing more is published in it."))


def prepare_article_publication(step):
    """An article is published only in a channel still open for publication."""
    _refuse_closed_channel(step.subject.channel_id)
    now = timezone.now()
    step.fields["published_at"] = now
    step.fields["revised_at"] = now


def _write_revision(article, actor):
    number = (
        Revision.objects.filter(article=article)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
        or 0
    ) + 1
    return Revision.objects.create(
        article=article,
        number=number,
        title=article.title,
        subtitle=article.subtitle,
        body=article.body,
        created_by=_actor(actor),
    )


def publish_approved_article(step):
    """Keep the first revision and send the article to its channel's subscribers."""
    article = step.subject
    _write_revision(article, step.actor)
    _deliver(article)


def _deliver(article):
    subscriptions = list(
        Subscription.objects.filter(channel_id=article.channel_id).select_related("user")
    )
    users = [s.user for s in subscriptions if s.user is not None and s.user.is_active]
    emails = sorted({s.email for s in subscriptions if s.user is None})
    params = {"channel": article.channel.name, "title": article.title}
    url = links.url("news.article.public", article.pk)
    notifications.notify(users, NEW_ARTICLE_NOTICE, params=params, url=url)
    for email in emails:
        notifications.email_address(
            email, NEW_ARTICLE_NOTICE, params=params, url=links.absolute_url(url)
        )
    Delivery.objects.bulk_create(
        [Delivery(article=article, user=user) for user in users]
        + [Delivery(article=article, email=email) for email in emails]
    )


# Corrections


def _check_both_languages(values):
    for name, label in (
        ("wrong", _t("what was wrong, in Chinese")),
        ("wrong_en", _t("what was wrong, in English")),
        ("right", _t("what is right, in Chinese")),
        ("right_en", _t("what is right, in English")),
    ):
        if not str(values.get(name) or "").strip():
            raise DomainError(
                _t("A correction goes out in both languages: write %(what)s.") % {"what": label},
                field=name,
            )


@transaction.atomic
def correct_article(
    article,
    *,
    actor,
    kind,
    wrong,
    wrong_en,
    right,
    right_en,
    placement=enums.Placement.UNDER_HEADLINE,
    request=None,
    translation_body=None,
    **changes,
):
    """Publish a correction of a published article, in Chinese and English, with the
    corrected text when there is one (kept as a new revision), and the corrected text of its
    other language version (``translation_body``). One notice serves both versions. The
    revision date of both moves, so that feeds carry them again, and everyone they were
    sent to is told."""
    values = {"wrong": wrong, "wrong_en": wrong_en, "right": right, "right_en": right_en}
    _check_both_languages(values)
    if kind not in enums.CorrectionKind.values:
        raise DomainError(_t("Choose what kind of correction this is."), field="kind")
    article = _lock(article)
    if not article.is_published:
        raise TransitionNotAllowed(_t("Only a published article is corrected."))
    if request is not None and request.organization_id != article.channel.organization_id:
        raise DomainError(_t("That request was not addressed to this article's publisher."))
    unknown = set(changes) - {"title", "subtitle", "body"}
    if unknown:
        raise ValueError(f"Not correctable: {sorted(unknown)}")
    changed = apply_changes(article, _clean_values(changes), allowed=("title", "subtitle", "body"))
    if changed:
        _check_article(article)
    now = timezone.now()
    article.revised_at = now
    article.save(update_fields=[*changed, "revised_at", "updated_at"])
    revision = _write_revision(article, actor) if changed else None
    correction = Correction(
        article=article,
        kind=kind,
        placement=placement,
        revision=revision,
        request=request,
        created_by=_actor(actor),
        **{name: value.strip() for name, value in values.items()},
    )
    validated(correction)
    correction.save()
    translation = _translation_of(article)
    if translation is not None and translation.is_published:
        _correct_translation(translation, translation_body, now=now, actor=actor)
    audit.log_action(
        article,
        ARTICLE_CORRECTED,
        actor=actor,
        data={"correction": correction.pk, "kind": kind, "fields": sorted(changed)},
    )
    _tell_recipients(article, correction)
    return correction


def _correct_translation(translation, body, *, now, actor):
    translation = locked(translation)
    fields = ["revised_at", "updated_at"]
    translation.revised_at = now
    body = html.sanitise(body) if body else ""
    if body and body != translation.body:
        translation.body = body
        _check_article(translation)
        fields.append("body")
    translation.save(update_fields=fields)
    if "body" in fields:
        _write_revision(translation, actor)


def _translation_of(article):
    if article.original_id is not None:
        return article.original
    return Article.objects.filter(original=article).first()


def _tell_recipients(article, correction):
    """Everyone the article (or its other language version) was sent to hears of the
    correction the way they got the article."""
    articles = [article.pk]
    translation = _translation_of(article)
    if translation is not None:
        articles.append(translation.pk)
    deliveries = Delivery.objects.filter(article_id__in=articles).select_related("user")
    users = [delivery.user for delivery in deliveries if delivery.user is not None]
    emails = sorted({delivery.email for delivery in deliveries if delivery.email})
    params = {
        "title": article.title,
        "kind": str(correction.get_kind_display()),
        "right": correction.right,
    }
    url = links.url("news.article.public", article.pk)
    notifications.notify(users, CORRECTED_NOTICE, params=params, url=url)
    for email in emails:
        notifications.email_address(
            email, CORRECTED_NOTICE, params=params, url=links.absolute_url(url)
        )


# Correction requests


def _tracking_number(now):
    """``JC`` (纠错), the year and eight characters nobody can guess, so that a number is
    not a key to someone else's request."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    tail = "".join(secrets.choice(alphabet) for _index in range(8))
    return f"JC{now:%Y}-{tail}"


@transaction.atomic
def file_request(
    *,
    organization=None,
    article=None,
    requester=None,
    remedy,
    reason,
    requester_name,
    requester_email="",
    requester_phone="",
    passage="",
    evidence="",
    evidence_file=None,
    address="",
):
    """Receive a request for a correction, a deletion or a right of reply. It gets a
    tracking number and a deadline; the publisher's editors are told, and so is the
    requester, with the number."""
    if article is not None:
        organization = article.channel.organization
    if organization is None:
        raise DomainError(_t("Choose whom the request is for."), field="organization")
    if not (requester_email or "").strip() and not (requester_phone or "").strip():
        raise DomainError(
            _t("Give an e-mail address or a phone number, so that we can send you the outcome."),
            field="requester_email",
        )
    if not (reason or "").strip():
        raise DomainError(_t("Say what is wrong, and why."), field="reason")
    if evidence_file:
        uploads.check_document(evidence_file)
    now = timezone.now()
    request = CorrectionRequest(
        tracking_number=_tracking_number(now),
        organization=organization,
        article=article,
        requester=_actor(requester),
        remedy=remedy,
        reason=reason.strip(),
        passage=(passage or "").strip(),
        evidence=(evidence or "").strip(),
        evidence_file=evidence_file or "",
        requester_name=(requester_name or "").strip(),
        requester_email=(requester_email or "").strip(),
        requester_phone=(requester_phone or "").strip(),
        address=(address or "").strip(),
        received_at=now,
        due_on=timezone.localdate(now) + timedelta(days=REQUEST_ANSWER_DAYS),
    )
    validated(request, exclude=["evidence_file"])
    request.save()
    audit.log_action(
        request,
        REQUEST_FILED,
        actor=requester,
        data={"remedy": remedy, "article": article and article.pk},
    )
    params = {"number": request.tracking_number, "due": request.due_on.isoformat()}
    notifications.notify(
        editors_of(organization),
        REQUEST_AWAITS_NOTICE,
        params=params,
        url=links.url("news.request.editor", organization.kind, request.pk),
    )
    _tell_requester(request, REQUEST_RECEIVED_NOTICE, params)
    return request


def _tell_requester(request, kind, params):
    url = links.url("news.request.status", request.tracking_number)
    if request.requester is not None:
        notifications.notify([request.requester], kind, params=params, url=url)
    elif request.requester_email:
        notifications.email_address(
            request.requester_email, kind, params=params, url=links.absolute_url(url)
        )


def _lock_request(request):
    return locked(request, select_related=("organization",))


def _check_request_transition(request, target):
    return check_transition(
        enums.REQUEST_TRANSITIONS,
        request.state,
        target,
        message=_t("This request is %(state)s.") % {"state": request.get_state_display()},
    )


def _check_editor(actor, organization):
    if not org_selectors.has_capability(actor, organization, org_enums.Capability.EDIT_NEWS):
        raise DomainError(_t("Only the publisher's editors handle its requests."))


@transaction.atomic
def take_request(request, *, actor, handler=None):
    """An editor takes the request in hand, or hands it to ``handler``."""
    request = _lock_request(request)
    _check_editor(actor, request.organization)
    handler = handler or actor
    _check_editor(handler, request.organization)
    if request.state == enums.RequestState.IN_HANDLING and request.handler_id == handler.pk:
        return request
    if request.state != enums.RequestState.IN_HANDLING:
        _check_request_transition(request, enums.RequestState.IN_HANDLING)
    request.state = enums.RequestState.IN_HANDLING
    request.handler = handler
    request.save(update_fields=["state", "handler", "updated_at"])
    audit.log_action(request, REQUEST_TAKEN, actor=actor, data={"handler": handler.pk})
    return request


@transaction.atomic
def answer_request(request, *, actor, outcome, answer):
    """Decide the request and send the outcome back to the requester. A "corrected"
    outcome needs a correction published for it."""
    request = _lock_request(request)
    _check_editor(actor, request.organization)
    if request.state == enums.RequestState.ANSWERED:
        # An answer has gone out: a second one, from a page opened before, would contradict it.
        raise TransitionNotAllowed(_t("This request has already been answered."))
    _check_request_transition(request, enums.RequestState.ANSWERED)
    if outcome not in enums.RequestOutcome.values:
        raise DomainError(_t("Choose the outcome."), field="outcome")
    if not (answer or "").strip():
        raise DomainError(_t("Write the answer the requester will receive."), field="answer")
    if outcome == enums.RequestOutcome.CORRECTED and not request.corrections.exists():
        raise DomainError(
            _t("Publish the correction first; it is linked to this request."), field="outcome"
        )
    if outcome == enums.RequestOutcome.DELETED and (
        request.article is None or request.article.state != enums.PublicationState.WITHDRAWN
    ):
        raise DomainError(_t("Withdraw the article first."), field="outcome")
    request.state = enums.RequestState.ANSWERED
    request.outcome = outcome
    request.answer = answer.strip()
    request.answered_at = timezone.now()
    request.handler = request.handler or actor
    request.save(
        update_fields=["state", "outcome", "answer", "answered_at", "handler", "updated_at"]
    )
    audit.log_action(request, REQUEST_ANSWERED, actor=actor, data={"outcome": outcome})
    _tell_requester(
        request,
        REQUEST_ANSWERED_NOTICE,
        {
            "number": request.tracking_number,
            "outcome": str(request.get_outcome_display()),
            "answer": request.answer,
        },
    )
    return request


# Clarifications


def _save_sources(clarification, sources):
    clarification.sources.all().delete()
    rows = []
    for source in sources:
        title = str(source.get("title") or "").strip()
        unit = str(source.get("issuing_unit") or "").strip()
        if not title and not unit:
            continue
        if not title or not unit:
            raise DomainError(_t("Name each source and the unit that issued it."), field="sources")
        rows.append(
            ClarificationSource(
                clarification=clarification,
                title=title,
                issuing_unit=unit,
                url=str(source.get("url") or "").strip(),
            )
        )
    ClarificationSource.objects.bulk_create(rows)


def _check_sources(clarification):
    """A clarification is reviewed and published only with a source for its facts."""
    if not ClarificationSource.objects.filter(clarification=clarification).exists():
        raise DomainError(_t("Name at least one source of the facts."), field="sources")


@transaction.atomic
def draft_clarification(organization, *, actor, sources=(), **values):
    values, links_given = _split(dict(values), CLARIFICATION_LINKS)
    unknown = set(values) - set(CLARIFICATION_FIELDS)
    if unknown:
        raise ValueError(f"Not clarification fields: {sorted(unknown)}")
    clarification = validated(
        Clarification(organization=organization, created_by=_actor(actor), **values)
    )
    clarification.save()
    _set_links(clarification, links_given)
    _save_sources(clarification, sources)
    audit.log_action(clarification, CLARIFICATION_DRAFTED, actor=actor)
    return clarification


def _lock_clarification(clarification):
    return locked(clarification, select_related=("organization",))


@transaction.atomic
def update_clarification(clarification, *, actor, sources=None, **values):
    """Change a draft, or a clarification returned for revision."""
    clarification = _lock_clarification(clarification)
    _check_editable(clarification)
    values, links_given = _split(dict(values), CLARIFICATION_LINKS)
    changed = apply_changes(clarification, values, allowed=CLARIFICATION_FIELDS)
    if changed:
        validated(clarification)
        clarification.save(update_fields=[*changed, "updated_at"])
    _set_links(clarification, links_given)
    if sources is not None:
        _save_sources(clarification, sources)
    audit.log_action(
        clarification,
        CLARIFICATION_UPDATED,
        actor=actor,
        data={
            "fields": sorted(
                [*changed, *links_given, *(["sources"] if sources is not None else [])]
            )
        },
    )
    return clarification


@transaction.atomic
def submit_clarification(clarification, *, actor):
    """Send the clarification to the review of its publishing organisation (its chief editor
    publishes it), or back to it after a return. Its facts name at least one source."""
    clarification = _lock_clarification(clarification)
    if not _check_transition(clarification, enums.PublicationState.IN_REVIEW):
        return clarification
    _check_sources(clarification)
    return _submit(
        clarification,
        organization=clarification.organization,
        actor=actor,
        label=clarification.title,
        label_en=clarification.title_en,
    )


@transaction.atomic
def withdraw_clarification(clarification, *, actor, reason=""):
    """Take a clarification back: out of review, or off the site once published."""
    return _withdraw(
        _lock_clarification(clarification),
        actor=actor,
        action=CLARIFICATION_WITHDRAWN,
        reason=reason,
    )


def prepare_clarification_publication(step):
    """The hook of ``news.flows`` on approval: the sources are still there."""
    _check_sources(step.subject)
    step.fields["published_at"] = timezone.now()


# Disclosure


def _clean_disclosure(values):
    unknown = set(values) - set(DISCLOSURE_FIELDS)
    if unknown:
        raise ValueError(f"Not disclosure fields: {sorted(unknown)}")
    return {
        name: value.strip() if isinstance(value, str) else value for name, value in values.items()
    }


def _check_disclosure(item):
    for name, label in (
        ("document_number", _t("its document number")),
        ("index_number", _t("its index number")),
        ("issuing_body", _t("its issuing body")),
    ):
        if not getattr(item, name):
            raise DomainError(
                _t("A disclosure item must give %(what)s.") % {"what": label}, field=name
            )
    validated(item)


@transaction.atomic
def draft_disclosure(channel, *, actor, **values):
    """Write an item of government information disclosure, with its index number, issuing
    body, document number, date of issue and subject category, as a draft of ``channel``."""
    values = _clean_disclosure(values)
    if channel.kind != enums.ChannelKind.DISCLOSURE:
        raise DomainError(_t("Disclosure items go in a disclosure channel."))
    item = DisclosureItem(channel=channel, created_by=_actor(actor), **values)
    _check_disclosure(item)
    item.save()
    audit.log_action(item, DISCLOSURE_DRAFTED, actor=actor, data={"document": item.document_number})
    return item


def _lock_disclosure(item):
    return locked(item, select_related=("channel", "channel__organization"))


@transaction.atomic
def update_disclosure(item, *, actor, **values):
    """Change a draft, or an item returned for revision."""
    item = _lock_disclosure(item)
    _check_editable(item)
    changed = apply_changes(item, _clean_disclosure(values), allowed=DISCLOSURE_FIELDS)
    if changed:
        _check_disclosure(item)
        item.save(update_fields=[*changed, "updated_at"])
        audit.log_action(item, DISCLOSURE_UPDATED, actor=actor, data={"fields": sorted(changed)})
    return item


@transaction.atomic
def submit_disclosure(item, *, actor):
    """Send the item to its channel's review, as an article is sent; its chief editor
    publishes it."""
    item = _lock_disclosure(item)
    if not _check_transition(item, enums.PublicationState.IN_REVIEW):
        return item
    if not item.channel.is_open:
        raise DomainError(_t("This channel is closed; nothing more is published in it."))
    _check_disclosure(item)
    return _submit(
        item,
        organization=item.channel.organization,
        actor=actor,
        label=item.title,
        label_en=item.title_en,
    )


@transaction.atomic
def withdraw_disclosure(item, *, actor, reason=""):
    """Take an item back: out of review, or off the site once published."""
    return _withdraw(
        _lock_disclosure(item), actor=actor, action=DISCLOSURE_WITHDRAWN, reason=reason
    )


def prepare_disclosure_publication(step):
    """The hook of ``news.flows`` on approval: the channel is still open."""
    _refuse_closed_channel(step.subject.channel_id)
    step.fields["published_at"] = timezone.now()
