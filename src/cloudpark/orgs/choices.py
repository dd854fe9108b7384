"""The choices of the directory's filter dropdowns (parks, industry categories, regions),
read once and kept in the cache rather than read and labelled row by row on every list
page. Any change to a park, a category, a region, a government body or a jurisdiction (or
to a model another app watches, ``watch``) makes every cached list stale at once (a new
version number); another web process with its own cache (the per-process cache of the
demo) catches up within ``CHOICES_SECONDS``."""

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

from cloudpark.core import versions

VERSION_KEY = "orgs:choices-version"
CHOICES_SECONDS = 300


def forget():
    """Every cached list of choices is stale from now on."""
    versions.renew(VERSION_KEY)


def cached(name, compute, scope="", *, per_language=True):
    """``compute()``, kept in the cache per ``name``, ``scope`` (the organisation whose rows
    they are, when they differ) and language (unless the value is the same in every
    language: ``per_language=False``) until anything watched changes."""
    language = get_language() if per_language else ""
    key = f"orgs:choices:{name}:{scope}:{language}:{versions.current(VERSION_KEY)}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CHOICES_SECONDS)
    return value


def cached_choices(name, queryset, label, scope=""):
    """``[(pk, label(row)), ...]`` for ``queryset`` (or a function giving it, called only
    when the choices are not kept), cached as ``cached`` keeps values."""

    def compute():
        rows = queryset() if callable(queryset) else queryset
        return [(row.pk, label(row)) for row in rows]

    return cached(name, compute, scope)


def _changed(sender, **kwargs):
    forget()


def watch(model):
    """Any row of ``model`` saved or deleted makes every cached list of choices stale: for
    choices read from more than the directory's own tables (an app watches its own model)."""
    uid = f"orgs_choices_{model._meta.label_lower}"
    post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}_saved", weak=False)
    post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}_deleted", weak=False)


def connect():
    # Models load only once the app registry is ready; this module is imported before.
    from cloudpark.orgs.models import GovernmentBody, IndustryCategory, Park, Region

    for model in (Region, IndustryCategory, Park, GovernmentBody):
        watch(model)
    m2m_changed.connect(
        _changed,
        sender=GovernmentBody.jurisdiction.through,
        dispatch_uid="orgs_choices_jurisdiction",
        weak=False,
    )
