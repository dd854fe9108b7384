"""Where one page's time goes: its queries and the functions that take the longest.

    CLOUDPARK_VAR=var/bench/100000-sqlite uv run python benchmarks/profile_page.py \\
        /enterprises/ /parks/ --as gov@demo.cloudpark.cn

Runs each path in-process (Django's test client, no server) against the database that
``run.py`` filled: once to warm, then ``--times`` times under cProfile (with ``--cold``,
each time with the cache emptied first, so that a page that keeps its work there does it
all). Prints the mean time per request and the process's CPU time in it, the queries per
request with the time the database took, the slowest query, and the functions with the most
time of their own.
"""

import argparse
import cProfile
import io
import os
import pstats
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cloudpark.settings")
os.environ.setdefault("CLOUDPARK_ENV", "demo")

import django

django.setup()

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--as", dest="email", help="sign in as this person first")
    parser.add_argument("--times", type=int, default=5)
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument(
        "--cold", action="store_true", help="empty the cache before each request (a miss)"
    )
    parser.add_argument(
        "--sort",
        default="tottime",
        help="pstats order: tottime (time of their own) or cumulative (with what they call)",
    )
    options = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    if options.email:
        client.force_login(get_user_model().objects.get(email=options.email))
    for path in options.paths:
        assert client.get(path).status_code == 200, path
        profiler = cProfile.Profile()
        with CaptureQueriesContext(connection) as queries:
            started, cpu = time.perf_counter(), time.process_time()
            profiler.enable()
            for _ in range(options.times):
                if options.cold:
                    cache.clear()
                client.get(path)
            profiler.disable()
            elapsed = (time.perf_counter() - started) / options.times
            cpu = (time.process_time() - cpu) / options.times
        sql = [(float(query["time"]), query["sql"]) for query in queries.captured_queries]
        database = sum(seconds for seconds, _sql in sql) / options.times
        print(
            f"\n== {path}: {elapsed * 1000:.1f} ms a request ({cpu * 1000:.1f} ms of CPU),"
            f" {len(sql) // options.times}"
            f" queries taking {database * 1000:.1f} ms"
        )
        slowest = max(sql, default=(0, ""))
        print(f"   slowest query {slowest[0] * 1000:.1f} ms: {slowest[1][:300]}")
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(options.sort).print_stats(options.top)
        print("\n".join(line for line in out.getvalue().splitlines()[6:] if line.strip()))


if __name__ == "__main__":
    main()
