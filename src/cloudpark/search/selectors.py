"""Reads of the platform search: one query's results, facets and page."""

import math
import re
import time
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import connections
from django.utils.html import escape
from django.utils.safestring import mark_safe

from cloudpark.core import search as tokens
from cloudpark.orgs.selectors import memberships_of
from cloudpark.search import engine, registry
from cloudpark.search.models import SearchDocument

PAGE_SIZE = 20
CANDIDATES = 500  # the newest matches ranked; the pages reach this far
# (total, kind): a total above the first reads "10,000+"; when the total is capped, a kind's
# count above the second reads "1,000+". PostgreSQL tests each match's stored vector in the
# heap (some 2 µs a row read), SQLite reads only ids off its index: it counts further.
CAPS = {"sqlite": (10_000, 1_000), "postgresql": (1_000, 100)}
HALF_LIFE_DAYS = 365  # an item a year old weighs half of one published today


@dataclass
class Facet:
    key: str
    label: str
    count: int
    capped: bool

    @property
    def count_label(self):
        return count_label(self.count, self.capped)


@dataclass
class Results:
    query: str
    kind: str
    total: int
    capped: bool
    facets: list
    page: object  # a Paginator page of SearchDocument, in rank order
    terms: list

    @property
    def documents(self):
        return list(self.page.object_list)


def _recency(published, now):
    if published is None:
        return 0.5
    age = max((now - published) / 86400, 0.0)
    return 1.0 / (1.0 + age / HALF_LIFE_DAYS)


def rank(rows, now=None):
    """Candidate ids (``(id, relevance, published seconds)``) ordered by relevance weighed by
    recency, then the newest first."""
    now = now if now is not None else time.time()

    def key(row):
        pk, relevance, published = row
        return (-relevance * _recency(published, now), -(published or 0), -pk)

    return [row[0] for row in sorted(rows, key=key)]


def _facet_count(matches, total_capped, facet_cap):
    """``(count, capped)`` of a kind: exact when the total was counted to its end, else
    ``facet_cap``+ above it (``engine.counts``)."""
    if not total_capped:
        return matches, False
    return min(matches, facet_cap), matches > facet_cap


def organizations_seen_by(user):
    """Ids of the organisations whose own documents ``user`` may find (their memberships)."""
    return tuple(membership.organization_id for membership in memberships_of(user))


def search(query, *, kind="", organization_ids=(), page=1, using="default"):
    """The results of ``query`` that an anonymous visitor (or a member of
    ``organization_ids``) may see: the requested page, and a capped count per kind."""
    kinds = registry.kinds()
    kind = kind if kind in kinds else ""
    terms = tokens.query_terms(query)
    if not terms:
        paginator = Paginator([], PAGE_SIZE)
        return Results(query, kind, 0, False, [], paginator.get_page(1), [])
    cap, facet_cap = CAPS[connections[using].vendor]
    total, counted, rows = engine.matches(
        terms,
        {key: kinds[key].number for key in kinds},
        kind=kind,
        cap=cap,
        facet_cap=facet_cap,
        limit=CANDIDATES,
        organization_ids=organization_ids,
        using=using,
    )
    capped = total > cap
    facets = [
        Facet(key, str(kinds[key].label), *_facet_count(n, capped, facet_cap))
        for key, n in counted.items()
        if n
    ]
    paginator = Paginator(rank(rows), PAGE_SIZE)
    current = paginator.get_page(page)
    documents = (
        SearchDocument.objects.using(using)
        .defer("title_text", "body_text", "scope")
        .in_bulk(list(current.object_list))
    )
    current.object_list = [documents[pk] for pk in current.object_list if pk in documents]
    return Results(query, kind, min(total, cap), capped, facets, current, terms)


def highlight(text, terms):
    """``text`` escaped, with every piece of the query in it wrapped in ``<mark>``."""
    text = str(text or "")
    pieces = sorted({token for token, _prefix in terms}, key=len, reverse=True)
    if not pieces:
        return escape(text)
    # A lookahead finds overlapping pieces too (化园 and 园区 in 化园区).
    pattern = re.compile(
        "(?=(" + "|".join(re.escape(piece) for piece in pieces) + "))", re.IGNORECASE
    )
    spans = []
    for match in pattern.finditer(text):
        start, end = match.start(), match.start() + len(match.group(1))
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(end, spans[-1][1])
        else:
            spans.append([start, end])
    out, position = [], 0
    for start, end in spans:
        out.append(escape(text[position:start]))
        out.append("<mark>" + escape(text[start:end]) + "</mark>")
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))


def count_label(total, capped):
    """``10,000+`` for a capped count, the number otherwise."""
    return f"{total:,}+" if capped else f"{total:,}"


def pages_of(results):
    return math.ceil(results.page.paginator.count / PAGE_SIZE)
