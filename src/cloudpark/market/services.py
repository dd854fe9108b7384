"""Writes of supply and demand: posts (needs and offers) and the introductions between two
enterprises. Pages, the API, the admin and the demo all come here.

Every write runs in one transaction and writes one audit entry per step; the other side is
told, and e-mails leave once the transaction has committed (``notifications.notify``).
Contacts are shown unmasked only through ``reveal_contact``, which records each showing."""

from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cloudpark.core import audit, links
from cloudpark.core.errors import DomainError, TransitionNotAllowed
from cloudpark.core.services import apply_changes, locked, validated
from cloudpark.core.states import check_transition
from cloudpark.market import enums
from cloudpark.market.enums import IntroductionState, PostState
from cloudpark.market.models import Introduction, Post
from cloudpark.notifications import services as notifications
from cloudpark.orgs import selectors as org_selectors

POST_SAVED = audit.register("market.post.saved", _("Supply or demand post saved"))
POST_PUBLISHED = audit.register("market.post.published", _("Supply or demand post published"))
POST_CLOSED = audit.register("market.post.closed", _("Supply or demand post closed"))
POST_EXPIRED = audit.register("market.post.expired", _("Supply or demand post expired"))
INTRODUCTION_PROPOSED = audit.register(
    "market.introduction.proposed", _("Market introduction proposed")
)
INTRODUCTION_ACCEPTED = audit.register(
    "market.introduction.accepted", _("Market introduction accepted")
)
INTRODUCTION_DECLINED = audit.register(
    "market.introduction.declined", _("Market introduction declined")
)
INTRODUCTION_WITHDRAWN = audit.register(
    "market.introduction.withdrawn", _("Market introduction withdrawn")
)
INTRODUCTION_CLOSED = audit.register("market.introduction.closed", _("Market introduction closed"))
CONTACT_REVEALED = audit.register("market.contact.revealed", _("Contact shown unmasked"))

PROPOSED_NOTICE = notifications.register(
    "market.introduction_proposed",
    _("%(proposer)s would like to be introduced about your post %(post)s."),
)
ACCEPTED_NOTICE = notifications.register(
    "market.introduction_accepted",
    _("%(owner)s accepted your introduction about %(post)s: you can now see each other's contact."),
)
DECLINED_NOTICE = notifications.register(
    "market.introduction_declined",
    _("%(owner)s declined your introduction about %(post)s."),
)
WITHDRAWN_NOTICE = notifications.register(
    "market.introduction_withdrawn",
    _("%(proposer)s withdrew its introduction about your post %(post)s."),
)
CLOSED_NOTICE = notifications.register(
    "market.introduction_closed",
    _("The introduction between %(owner)s and %(proposer)s about %(post)s is closed: %(state)s."),
)

POST_FIELDS = (
    "direction",
    "kind",
    "title",
    "title_en",
    "description",
    "description_en",
    "price_min",
    "price_max",
    "park",
    "district",
    "available_from",
    "available_until",
    "valid_until",
    "contact_name",
    "contact_phone",
    "contact_email",
)
REQUIRED = {
    "direction": _("Say whether this is a need or an offer."),
    "kind": _("Choose the kind of post."),
    "title": _("Give the post a title."),
    "price_min": _("Give the lowest price or budget in yuan (0 if it is free)."),
    "price_max": _("Give the highest price or budget in yuan."),
    "valid_until": _("Say until when the post is valid."),
    "contact_name": _("Name the person to contact."),
}


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _amount(value, field):
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise DomainError(_("Give an amount in yuan."), field=field) from None
    if amount < 0:
        raise DomainError(_("An amount cannot be below zero."), field=field)
    return amount


def _check_post_values(values):
    """The refusals a user can correct at one field, before anything is written."""
    for field, message in REQUIRED.items():
        if _blank(values.get(field)):
            raise DomainError(message, field=field)
    values["price_min"] = _amount(values["price_min"], "price_min")
    values["price_max"] = _amount(values["price_max"], "price_max")
    if values["price_min"] > values["price_max"]:
        raise DomainError(
            _("The highest price is below the lowest: the range is inverted."), field="price_max"
        )
    start, end = values.get("available_from"), values.get("available_until")
    if bool(start) != bool(end):
        raise DomainError(
            _("Give both ends of the time window, or neither."),
            field="available_until" if start else "available_from",
        )
    if start and end < start:
        raise DomainError(_("The time window ends before it starts."), field="available_until")
    if values["valid_until"] < timezone.localdate():
        raise DomainError(
            _("The post cannot be valid until a day already past."), field="valid_until"
        )
    if values.get("park") is None and values.get("district") is None:
        raise DomainError(_("Say in which park or district the post is."), field="park")


def _people(enterprise):
    return org_selectors.people_with(enterprise)


def _params(introduction, state=None):
    post = introduction.post
    params = notifications.bilingual(
        owner=post.enterprise,
        proposer=introduction.proposer,
        post=(post.title, post.title_en),
    )
    if state is not None:
        params.update(notifications.bilingual(state=IntroductionState(state).label))
    return params


def _tell(enterprise, kind, introduction, state=None):
    notifications.notify(
        _people(enterprise),
        kind,
        params=_params(introduction, state),
        url=links.url("market.introduction.enterprise", introduction.pk),
    )


# Posts -------------------------------------------------------------------------------------


@transaction.atomic
def save_post(enterprise, *, actor, values, post=None):
    """Create (``post`` None) a draft of ``enterprise`` or change one of its drafts or
    published posts; a closed or expired post stays as it was."""
    values = {key: value for key, value in dict(values).items() if key in POST_FIELDS}
    if post is not None:
        post = locked(post)
        if post.enterprise_id != enterprise.pk:
            raise DomainError(_("This post belongs to another enterprise."))
        if post.state not in (PostState.DRAFT, PostState.PUBLISHED):
            raise DomainError(_("A closed or expired post cannot be changed."))
        values = {**{field: getattr(post, field) for field in POST_FIELDS}, **values}
    else:
        # A new post is reached through the enterprise's directory contact unless told otherwise.
        if _blank(values.get("contact_name")):
            values["contact_name"] = enterprise.contact_name
            if _blank(values.get("contact_phone")):
                values["contact_phone"] = enterprise.contact_mobile
    _check_post_values(values)
    if post is None:
        post = Post(enterprise=enterprise, created_by=actor)
    changed = apply_changes(post, values, allowed=POST_FIELDS)
    validated(post)
    post.save()
    audit.log_action(post, POST_SAVED, actor=actor, data={"changed": changed})
    return post


@transaction.atomic
def publish_post(post, *, actor):
    post = locked(post)
    if not check_transition(
        enums.POST_TRANSITIONS,
        post.state,
        PostState.PUBLISHED,
        message=_("Only a draft can be published."),
    ):
        return post
    if post.valid_until < timezone.localdate():
        raise DomainError(
            _("The post is past its validity date; give a new one first."), field="valid_until"
        )
    post.state = PostState.PUBLISHED
    post.published_at = timezone.now()
    post.save(update_fields=["state", "published_at", "updated_at"])
    audit.log_action(post, POST_PUBLISHED, actor=actor)
    return post


@transaction.atomic
def close_post(post, *, actor):
    post = locked(post)
    if not check_transition(enums.POST_TRANSITIONS, post.state, PostState.CLOSED):
        return post
    post.state = PostState.CLOSED
    post.save(update_fields=["state", "updated_at"])
    audit.log_action(post, POST_CLOSED, actor=actor)
    return post


@transaction.atomic
def expire_posts(*, today=None):
    """Mark published posts past their validity date as expired; returns how many. Lists
    leave them out by the query already: this keeps the state honest for the records."""
    today = today or timezone.localdate()
    due = list(
        Post.objects.select_for_update().filter(state=PostState.PUBLISHED, valid_until__lt=today)
    )
    for post in due:
        post.state = PostState.EXPIRED
        post.save(update_fields=["state", "updated_at"])
    audit.log_actions(due, POST_EXPIRED)
    return len(due)


# Introductions -----------------------------------------------------------------------------


@transaction.atomic
def propose_introduction(post, proposer, *, actor, values=None):
    """``proposer`` asks to be put in touch with the enterprise of ``post``; its own
    contact for the other side, and optionally one of its posts, come in ``values``."""
    values = dict(values or {})
    post = locked(post, select_related=["enterprise"])
    if post.enterprise_id == proposer.pk:
        raise DomainError(
            _("This is your own post: an introduction is between two enterprises."), field="post"
        )
    if post.state != PostState.PUBLISHED:
        raise DomainError(_("This post is not published."), field="post")
    if post.valid_until < timezone.localdate():
        raise DomainError(_("This post is past its validity date."), field="post")
    own_post = values.get("proposer_post")
    if own_post is not None and own_post.enterprise_id != proposer.pk:
        raise DomainError(_("Choose one of your own posts."), field="proposer_post")
    contact_name = (values.get("contact_name") or "").strip() or (actor.name if actor else "")
    if not contact_name:
        raise DomainError(REQUIRED["contact_name"], field="contact_name")
    if Introduction.objects.filter(
        post=post, proposer=proposer, state__in=enums.OPEN_INTRODUCTION_STATES
    ).exists():
        raise DomainError(_("An introduction about this post is already under way."), field="post")
    introduction = Introduction(
        post=post,
        proposer=proposer,
        proposer_post=own_post,
        message=(values.get("message") or "").strip(),
        contact_name=contact_name,
        contact_phone=(values.get("contact_phone") or "").strip()
        or (getattr(actor, "mobile", "") or ""),
        contact_email=(values.get("contact_email") or "").strip()
        or (getattr(actor, "email", "") or ""),
        proposed_by=actor,
    )
    validated(introduction, validate_constraints=False)
    try:
        with transaction.atomic():
            introduction.save()
    except IntegrityError:
        raise DomainError(
            _("An introduction about this post is already under way."), field="post"
        ) from None
    audit.log_action(introduction, INTRODUCTION_PROPOSED, actor=actor, data={"post": post.pk})
    _tell(post.enterprise, PROPOSED_NOTICE, introduction)
    return introduction


def _locked_introduction(introduction):
    return locked(introduction, select_related=["post__enterprise", "proposer"])


def _move(introduction, target, code, *, actor, enterprise, fields=(), data=None):
    before = introduction.state
    introduction.state = target
    introduction.save(update_fields=["state", "updated_at", *fields])
    audit.log_action(
        introduction, code, actor=actor, data={"from": before, "to": target, **(data or {})}
    )


@transaction.atomic
def accept_introduction(introduction, enterprise, *, actor):
    """The enterprise of the post says yes; from now on each side sees the other's contact."""
    introduction = _locked_introduction(introduction)
    if enterprise.pk != introduction.post.enterprise_id:
        raise DomainError(
            _("Only the other side can accept: you cannot accept your own proposal."),
            field="enterprise",
        )
    if not check_transition(
        enums.INTRODUCTION_TRANSITIONS, introduction.state, IntroductionState.ACCEPTED
    ):
        return introduction
    if not introduction.post.is_live:
        raise DomainError(_("This post is closed or past its validity date."), field="post")
    _move(
        introduction,
        IntroductionState.ACCEPTED,
        INTRODUCTION_ACCEPTED,
        actor=actor,
        enterprise=enterprise,
    )
    _tell(introduction.proposer, ACCEPTED_NOTICE, introduction)
    return introduction


@transaction.atomic
def decline_introduction(introduction, enterprise, *, actor, reason=""):
    introduction = _locked_introduction(introduction)
    if enterprise.pk != introduction.post.enterprise_id:
        raise DomainError(_("Only the enterprise of the post can decline."), field="enterprise")
    if not check_transition(
        enums.INTRODUCTION_TRANSITIONS, introduction.state, IntroductionState.DECLINED
    ):
        return introduction
    introduction.reason = (reason or "").strip()
    _move(
        introduction,
        IntroductionState.DECLINED,
        INTRODUCTION_DECLINED,
        actor=actor,
        enterprise=enterprise,
        fields=["reason"],
    )
    _tell(introduction.proposer, DECLINED_NOTICE, introduction)
    return introduction


@transaction.atomic
def withdraw_introduction(introduction, enterprise, *, actor):
    introduction = _locked_introduction(introduction)
    if enterprise.pk != introduction.proposer_id:
        raise DomainError(_("Only the proposing enterprise can withdraw."), field="enterprise")
    if not check_transition(
        enums.INTRODUCTION_TRANSITIONS, introduction.state, IntroductionState.WITHDRAWN
    ):
        return introduction
    _move(
        introduction,
        IntroductionState.WITHDRAWN,
        INTRODUCTION_WITHDRAWN,
        actor=actor,
        enterprise=enterprise,
    )
    _tell(introduction.post.enterprise, WITHDRAWN_NOTICE, introduction)
    return introduction


@transaction.atomic
def close_introduction(introduction, enterprise, *, actor, deal_value=None, reason=""):
    """Either side closes an accepted introduction: with a deal (its value in yuan) or,
    without ``deal_value``, with no deal. The deal values are what the dashboards add up
    (``selectors.deal_totals``)."""
    introduction = _locked_introduction(introduction)
    if enterprise.pk not in (introduction.post.enterprise_id, introduction.proposer_id):
        raise DomainError(_("Only the two sides can close the introduction."), field="enterprise")
    deal = not _blank(deal_value)
    target = IntroductionState.DEAL if deal else IntroductionState.NO_DEAL
    if introduction.state in (IntroductionState.DEAL, IntroductionState.NO_DEAL):
        return introduction
    if not check_transition(
        enums.INTRODUCTION_TRANSITIONS,
        introduction.state,
        target,
        message=_("Only an accepted introduction can be closed."),
    ):
        return introduction
    if deal:
        value = _amount(deal_value, "deal_value")
        if value <= 0:
            raise DomainError(
                _("A deal has a value above zero; close it with no deal otherwise."),
                field="deal_value",
            )
        introduction.deal_value = value
    introduction.reason = (reason or "").strip()
    introduction.closed_on = timezone.localdate()
    _move(
        introduction,
        target,
        INTRODUCTION_CLOSED,
        actor=actor,
        enterprise=enterprise,
        fields=["deal_value", "reason", "closed_on"],
        data={"deal_value": introduction.deal_value},
    )
    other = (
        introduction.proposer
        if enterprise.pk == introduction.post.enterprise_id
        else introduction.post.enterprise
    )
    _tell(other, CLOSED_NOTICE, introduction, target)
    return introduction


@transaction.atomic
def reveal_contact(introduction, enterprise, *, actor):
    """The other side's contact for ``enterprise``, unmasked, once both sides have accepted;
    every showing is an audit entry."""
    if not introduction.contacts_shown:
        raise TransitionNotAllowed(_("Contacts are shown once the introduction has been accepted."))
    if enterprise.pk == introduction.post.enterprise_id:
        source, side = introduction, "proposer"
    elif enterprise.pk == introduction.proposer_id:
        source, side = introduction.post, "owner"
    else:
        raise DomainError(_("Only the two sides see each other's contact."))
    audit.log_action(introduction, CONTACT_REVEALED, actor=actor, data={"side": side})
    return {
        "name": source.contact_name,
        "phone": source.contact_phone,
        "email": source.contact_email,
    }
