"""A bounded load on a Cloud Park server running on this machine.

    CLOUDPARK_VAR=var/bench CLOUDPARK_ENV=demo API_ANON_RATE=100000/minute \
        uv run cloudpark runserver 127.0.0.1:8050 --noreload
    uv run python benchmarks/load.py --base http://127.0.0.1:8050 --requests 300 --concurrency 4

Sends a fixed number of GET requests (public lists, search, details) from a few threads and
prints the latency percentiles per kind of page. Only loopback addresses are accepted.
"""

import argparse
import concurrent.futures
import statistics
import time
import urllib.error
import urllib.parse
import urllib.request

PATHS = {
    "health": "/health/",
    "enterprise list": "/enterprises/",
    "search 影视": "/enterprises/?q=" + urllib.parse.quote("影视"),
    "search + category": "/enterprises/?q=" + urllib.parse.quote("动漫") + "&category=02",
    "park list": "/parks/",
    "api search": "/api/v1/enterprises/?q=" + urllib.parse.quote("传媒"),
}
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def fetch(url, headers=None):
    started = time.perf_counter()
    try:
        request = urllib.request.Request(url, headers=headers or {})
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.perf_counter() - started


def measure(url, requests, concurrency, headers=None):
    """``requests`` GETs of ``url`` from ``concurrency`` threads: (sorted latencies in
    seconds, elapsed seconds, responses other than 200)."""
    host = urllib.parse.urlparse(url).hostname
    if host not in LOOPBACK:
        raise SystemExit("The load script only targets a server on this machine.")
    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(lambda target: fetch(target, headers), [url] * requests))
    elapsed = time.perf_counter() - started
    latencies = sorted(seconds for _status, seconds in results)
    errors = sum(1 for status, _seconds in results if status != 200)
    return latencies, elapsed, errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8050")
    parser.add_argument("--requests", type=int, default=300, help="per kind of page")
    parser.add_argument("--concurrency", type=int, default=4)
    options = parser.parse_args()
    host = urllib.parse.urlparse(options.base).hostname
    if host not in LOOPBACK:
        raise SystemExit("The load script only targets a server on this machine.")
    options.requests = min(options.requests, 5000)
    print(f"{'page':<20}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>9}  errors")
    for label, path in PATHS.items():
        url = options.base + path
        latencies, elapsed, errors = measure(url, options.requests, options.concurrency)
        results = latencies
        p95 = latencies[int(len(latencies) * 0.95) - 1]
        print(
            f"{label:<20}{statistics.median(latencies) * 1000:>9.1f}{p95 * 1000:>9.1f}"
            f"{len(results) / elapsed:>9.1f}  {errors}"
        )


if __name__ == "__main__":
    main()
