"""Time the directory search in-process, on the generated data: what a searched enterprise
list runs (the ranked candidates, the capped count, the first page's rows), in the public
directory and in a government body's care, against the old path (every match in name order,
counted to the cap) and a plain substring scan.

    CLOUDPARK_VAR=var/bench uv run python benchmarks/search.py [--as gov@demo.cloudpark.cn]
        [--repeat 20] [--old]

Prints p50 and p95 of each query over ``--repeat`` runs (after one to warm). ``--old`` also
times the old path, which takes seconds a query at 1,000,000 enterprises. Numbers on these
shared machines are noisy: compare figures from one run, not seconds across runs.
"""

import argparse
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cloudpark.settings")
os.environ.setdefault("CLOUDPARK_ENV", "demo")

import django

django.setup()

from django.db import connection

from cloudpark.core import search
from cloudpark.orgs import selectors
from cloudpark.orgs.models import Enterprise, Membership

QUERIES = ["汉服", "园区", "影视", "公司"]
PAGE = 25


def percentiles(function, repeat):
    function()
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[min(len(timings) - 1, round(0.95 * len(timings)))]


def ranked_page(organization, query):
    """What a searched list page runs: the ranked matches with their count, then the rows
    of the first page."""
    ranked = selectors.directory_search(organization, query=query)
    return ranked.count, list(selectors.enterprise_list_rows_with_ids(ranked.ids[:PAGE]))


def old_page(organization, query):
    """What it ran before: every match in name order, counted to the cap."""
    queryset = selectors.directory_enterprises(organization, query=query)
    count = queryset.order_by().values("pk")[: selectors.SEARCH_COUNT_CAP + 1].count()
    return count, list(selectors.enterprise_list_rows(queryset)[:PAGE])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--as", dest="email", help="also search the care of this person's body")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--old", action="store_true", help="time the old path too")
    options = parser.parse_args()
    scopes = [("public", None)]
    if options.email:
        membership = Membership.objects.select_related("organization").get(
            user__email=options.email, is_active=True
        )
        scopes.append(("government", membership.organization))
    print(f"{Enterprise.objects.count()} enterprises on {connection.vendor}")
    print(f"{'scope':<14}{'query':<6}{'count':>7}{'shown':>7}{'p50 ms':>9}{'p95 ms':>9}", end="")
    print(f"{'old p50':>10}{'old p95':>10}" if options.old else "")
    for label, organization in scopes:
        for query in QUERIES:
            ranked = selectors.directory_search(organization, query=query)
            count = f"{ranked.count}{'+' if ranked.more else ''}"
            p50, p95 = percentiles(
                lambda o=organization, q=query: ranked_page(o, q), options.repeat
            )
            line = f"{label[:13]:<14}{query:<6}{count:>7}{len(ranked.ids):>7}"
            line += f"{p50:>9.1f}{p95:>9.1f}"
            if options.old:
                old = percentiles(lambda o=organization, q=query: old_page(o, q), 3)
                line += f"{old[0]:>10.0f}{old[1]:>10.0f}"
            print(line)
    print(f"(candidates {selectors.SEARCH_CANDIDATES}, first span {search.FIRST_SPAN} ids)")


if __name__ == "__main__":
    main()
