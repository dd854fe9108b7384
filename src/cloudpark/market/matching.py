"""Whether an offer meets a need, or a drama's shooting dates, and why: each reason a short
phrase ("Venue", "Chaoyang District", "2027-03-03 – 2027-03-20", "within budget") that a page
joins into one line. Shares ``core.matching.Fit`` with culture finance. Nothing here reads
the database: the callers load the parks and districts the posts name."""

from django.utils.translation import gettext as _t

from cloudpark.core.matching import Fit
from cloudpark.market import enums


def period(start, end):
    if start == end:
        return f"{start:%Y-%m-%d}"
    return f"{start:%Y-%m-%d} – {end:%Y-%m-%d}"


def overlap(first_start, first_end, second_start, second_end):
    """The dates two windows share, or None."""
    start, end = max(first_start, second_start), min(first_end, second_end)
    return (start, end) if start <= end else None


def district_id_of(post):
    if post.district_id is not None:
        return post.district_id
    return post.park.region_id if post.park_id is not None else None


def _place_reason(offer, need):
    if offer.park_id is not None and offer.park_id == need.park_id:
        return str(offer.park.display_name), None
    district = district_id_of(offer)
    if district is not None and district == district_id_of(need):
        region = offer.district if offer.district_id is not None else offer.park.region
        return str(region.display_name), None
    return None, _t("It is in another park or district.")


def fit(offer, need):
    """Whether ``offer`` (a published offer) meets ``need`` (a need of the same kind)."""
    reasons, misses = [], []
    if offer.kind == need.kind:
        reasons.append(str(enums.PostKind(offer.kind).label))
    else:
        misses.append(_t("It is of another kind."))
    place, miss = _place_reason(offer, need)
    if place:
        reasons.append(place)
    else:
        misses.append(miss)
    if offer.has_window and need.has_window:
        shared = overlap(
            offer.available_from, offer.available_until, need.available_from, need.available_until
        )
        if shared:
            reasons.append(period(*shared))
        else:
            misses.append(_t("Its dates do not meet the dates needed."))
    if offer.price_min <= need.price_max:
        reasons.append(_t("within budget"))
    else:
        misses.append(_t("It costs more than the budget."))
    return Fit.of(reasons, misses)


def fit_shooting(offer, filing):
    """Whether a venue or equipment ``offer`` is available while ``filing`` (an approved
    planning filing) shoots."""
    reasons, misses = [str(enums.PostKind(offer.kind).label)], []
    if offer.kind not in enums.SHOOTING_KINDS:
        misses.append(_t("Only venues and equipment are offered for a shoot."))
    if offer.place is not None:
        reasons.append(str(offer.place.display_name))
    shared = (
        overlap(
            offer.available_from,
            offer.available_until,
            filing.shoot_starts_on,
            filing.shoot_ends_on,
        )
        if offer.has_window
        else None
    )
    if shared:
        reasons.append(period(*shared))
        reasons.append(
            _t("while “%(title)s” shoots (%(dates)s)")
            % {
                "title": filing.display_title,
                "dates": period(filing.shoot_starts_on, filing.shoot_ends_on),
            }
        )
    else:
        misses.append(_t("It is not available while the drama shoots."))
    return Fit.of(reasons, misses)
