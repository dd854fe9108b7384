"""Time the CJK search against a plain substring scan, in-process, on the generated data.

    CLOUDPARK_VAR=var/bench uv run python benchmarks/search.py

Prints the median of several runs for each query and the ratio scan / index. Numbers on these
shared machines are noisy: compare ratios from one run, not seconds across runs.
"""

import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cloudpark.settings")
os.environ.setdefault("CLOUDPARK_ENV", "demo")

import django

django.setup()

from cloudpark.core import search
from cloudpark.orgs.models import Enterprise

QUERIES = ["影视", "园区", "之江光影", "动漫"]
REPEAT = 15


def median_seconds(function):
    timings = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main():
    total = Enterprise.objects.count()
    print(f"{total} enterprises")
    print(f"{'query':<10}{'matches':>9}{'index ms':>11}{'scan ms':>10}{'scan/index':>12}")
    for query in QUERIES:
        # What a list page does: count the matches, then read the first page in name order.
        def indexed(query=query):
            queryset = search.search(Enterprise.objects.all(), query)
            return queryset.count(), list(queryset.order_by("name").values_list("pk")[:25])

        def scanned(query=query):
            queryset = Enterprise.objects.filter(name__contains=query)
            return queryset.count(), list(queryset.order_by("name").values_list("pk")[:25])

        matches = search.search(Enterprise.objects.all(), query).count()
        index_time = median_seconds(indexed)
        scan_time = median_seconds(scanned)
        print(
            f"{query:<10}{matches:>9}{index_time * 1000:>11.2f}{scan_time * 1000:>10.2f}"
            f"{scan_time / index_time:>12.1f}"
        )


if __name__ == "__main__":
    main()
