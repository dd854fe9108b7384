"""Posts and introductions as Excel workbooks (``core.excel``: no cell becomes a formula).
No workbook carries a contact: those are shown only to the two sides of an accepted
introduction."""

from django.utils import timezone
from django.utils.translation import gettext as _t

from cloudpark.core import excel


def _place(post):
    return post.place.display_name if post.place is not None else ""


def _window(post):
    if not post.has_window:
        return ""
    return f"{post.available_from:%Y-%m-%d} – {post.available_until:%Y-%m-%d}"


def export_posts(posts):
    headers = [
        _t("Enterprise"),
        _t("Need or offer"),
        _t("Kind"),
        _t("Title"),
        _t("Price or budget (yuan)"),
        _t("Park or district"),
        _t("Time window"),
        _t("Valid until"),
        _t("State"),
    ]
    rows = (
        [
            post.enterprise.display_name,
            post.get_direction_display(),
            post.get_kind_display(),
            post.display_title,
            f"{post.price_min}–{post.price_max}",
            _place(post),
            _window(post),
            post.valid_until,
            post.get_state_display(),
        ]
        for post in posts
    )
    return excel.workbook_response("supply-and-demand.xlsx", _t("Posts"), headers, rows)


def export_introductions(introductions):
    headers = [
        _t("Post"),
        _t("Enterprise of the post"),
        _t("Proposing enterprise"),
        _t("State"),
        _t("Proposed on"),
        _t("Closed on"),
        _t("Deal value (yuan)"),
    ]
    rows = (
        [
            introduction.post.display_title,
            introduction.post.enterprise.display_name,
            introduction.proposer.display_name,
            introduction.get_state_display(),
            timezone.localdate(introduction.created_at),
            introduction.closed_on,
            introduction.deal_value,
        ]
        for introduction in introductions
    )
    return excel.workbook_response("market-introductions.xlsx", _t("Introductions"), headers, rows)
