"""Checks and small helpers the award services share."""

from django.utils.translation import gettext as _t

from cloudpark.core import workdays
from cloudpark.core.errors import DomainError
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.enums import Capability


def add_working_days(day, count):
    """The day ``count`` working days after ``day``: weekends and public holidays skipped,
    the weekend days worked in their place counted (``core.workdays``)."""
    return workdays.add_working_days(day, count)


def person(actor):
    """``actor`` as a foreign key value: None for an anonymous visitor."""
    return actor if actor is not None and actor.is_authenticated else None


def required_text(value, *, field, message):
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field)
    return value


def check_state(obj, allowed, message, *, field=None):
    if obj.state not in allowed:
        raise DomainError(message % {"state": obj.get_state_display()}, field=field)


def scheme_label(scheme):
    return _t("%(title)s (edition %(edition)s)") % {
        "title": scheme.title,
        "edition": scheme.edition,
    }


def entrants(enterprise):
    """The people who enter works for ``enterprise`` (told of checks and results)."""
    return org_selectors.people_with(enterprise, Capability.APPLY_FOR_SUPPORT)


def organisers(scheme):
    """The people of the body running ``scheme`` who manage it."""
    return org_selectors.people_with(scheme.owner, Capability.MANAGE_PROGRAMMES)


def plain(number):
    """A decimal as people write it: ``10`` for 10.00, ``8.5`` for 8.50 (never ``1E+1``)."""
    return format(number.normalize(), "f")
