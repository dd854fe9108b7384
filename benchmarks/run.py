"""The list pages and the dashboards at several sizes, in one command.

    uv run python benchmarks/run.py --enterprises 1000,100000
    uv run python benchmarks/run.py --enterprises 1000,100000 --postgres
    uv run python benchmarks/run.py --enterprises 10 --pages dashboard --requests 6 --rounds 1
    uv run python benchmarks/run.py --enterprises 1000,1000000 --backends postgres --parts pages

For each size: a database of its own (SQLite under ``var/bench/<size>``, or with
``--postgres`` the database ``cp_bench_<size>`` on ``--postgres-url``), filled with the demo
and ``size`` more enterprises written in bulk (``orgs.services.register_enterprises``, which
fills the search column as a one-by-one registration would) in parks under the demo
government body, and the figures store refreshed; served by gunicorn (2 sync workers); every
list page and list endpoint and the zone's, a park's and an enterprise's dashboard measured
in rounds that alternate with ``/health/``, which does no database work, so that the
figures are shares of what the machine does at all at that moment. ``wrk`` is not used:
it cannot alternate pages with the reference, and the pages behind sign-in need a cookie
per page.

Prints, per page, p50/p95 at each size, throughput as a share of ``/health/`` and the
p50 at the largest size over that at the smallest. The database of a size is kept and
reused the next time (``--fresh`` fills it again).

Then the rest of the suite, each part its own script run as a child with what it prints
passed through (``--parts`` picks some; the pages are the part ``pages``):

* ``search``: the platform search over as many documents as the largest size
  (``search_platform.py``, in process, on SQLite and with ``--postgres`` on PostgreSQL),
  and the enterprise directory's search on the largest size's database (``search.py``);
* ``import``: a park's import of ``--import-rows`` rows (``import.py``);
* ``export``: the queued export of ``--export-size`` enterprises (``export.py``, on a
  database of its own filled as the pages' are);
* ``rush``: with ``--postgres``, 10,000 people registering for 1,000 seats over HTTP
  (``rush.py``, 2 gthread workers of 4 threads, as ``cloudpark serve`` starts them here).
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from load import measure

PAGES = [
    # (label, url name or path, who signs in)
    ("public enterprises", "public:enterprise_list", None),
    ("public enterprises, deep", "public:enterprise_list@deep", None),
    ("public parks", "public:park_list", None),
    ("public events", "public:event_list", None),
    ("public bases", "public:base_list", None),
    ("public programmes", "public:programme_list", None),
    ("gov enterprises", "government:enterprise_list", "government"),
    ("gov enterprises, deep", "government:enterprise_list@deep", "government"),
    ("gov review queue", "government:review_list", "government"),
    ("api enterprises", "api:enterprise-list", None),
    ("api parks", "api:park-list", None),
    ("api events", "api:event-list", None),
    ("api bases", "api:base-list", None),
    ("api programmes", "api:programme-list", None),
    # The dashboards read the figures store (and the live charts' aggregates) per request.
    ("gov zone dashboard", "government:dashboard", "government"),
    ("park dashboard", "park:dashboard", "park"),
    ("enterprise dashboard", "enterprise:dashboard", "enterprise"),
]
GOVERNMENT_EMAIL = "gov@demo.cloudpark.cn"
# Who signs in for the pages behind sign-in: the demo's people.
SIGN_IN = {
    "government": GOVERNMENT_EMAIL,
    "park": "park@demo.cloudpark.cn",
    "enterprise": "enterprise@demo.cloudpark.cn",
}


# Filling one database (run in a child process, with its settings) ---------------------------


def fill(size, parks):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cloudpark.settings")
    import django

    django.setup()
    import random

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from generate import FORMS, PLACES, WORDS, credit_code

    from cloudpark.dashboards.services import refresh_figures
    from cloudpark.demo.loader import load_demo
    from cloudpark.orgs import enums, selectors, services
    from cloudpark.orgs.models import Enterprise, IndustryCategory, Membership, Park, Region
    from cloudpark.portals.base import _cursor_of

    call_command("migrate", interactive=False, verbosity=0)
    started = time.monotonic()
    government = None
    if load_demo():
        government = (
            Membership.objects.filter(user__email=GOVERNMENT_EMAIL)
            .select_related("organization")
            .first()
            .organization.as_government
        )
        rng = random.Random(2018)
        region = Region.objects.get(code="330100")
        categories = list(IndustryCategory.objects.filter(level=enums.CategoryLevel.MID))
        made = [
            Park.objects.create(
                kind=enums.OrganizationKind.PARK,
                name=f"{rng.choice(PLACES)}{rng.choice(WORDS)}产业园{number}号",
                region=region,
                level=rng.choice([enums.ParkLevel.PROVINCIAL, enums.ParkLevel.MUNICIPAL]),
            )
            for number in range(parks)
        ]
        government.jurisdiction.add(*made)
        codes = set(Enterprise.objects.values_list("credit_code", flat=True))
        for batch in range(0, size, 10000):
            rows = []
            for number in range(batch, min(batch + 10000, size)):
                code = credit_code(rng)
                while code in codes:
                    code = credit_code(rng)
                codes.add(code)
                values = {
                    "name": f"{rng.choice(PLACES)}{rng.choice(WORDS)}{rng.choice(WORDS)}"
                    f"{number}{rng.choice(FORMS)}",
                    "credit_code": code,
                    "category": rng.choice(categories),
                    "region": region,
                    "staff_count": rng.randrange(3, 400),
                }
                rows.append((values, rng.choice(made), ()))
            services.register_enterprises(rows, actor=None)
            print(f"  {min(batch + 10000, size)} enterprises", file=sys.stderr, flush=True)
        # The dashboards read the stored figures: store them for the enterprises added too.
        refresh_figures()
        if connection.vendor == "postgresql":
            # As autovacuum would, where it runs: without statistics the planner guesses
            # (a government body's search read its scope park by park, ten times slower).
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
    filled = time.monotonic() - started
    user = get_user_model().objects.get(email=GOVERNMENT_EMAIL)
    government = Membership.objects.filter(user=user).first().organization
    cookies = {}
    for who, email in SIGN_IN.items():
        client = Client()
        client.force_login(get_user_model().objects.get(email=email))
        cookies[who] = f"sessionid={client.cookies['sessionid'].value}"
    middle = Enterprise.objects.order_by("name", "pk")[Enterprise.objects.count() // 2]
    in_care = selectors.enterprises_in_care_of(selectors.organization_as_kind(government))
    middle_in_care = in_care.order_by("name", "pk")[in_care.count() // 2]
    paths = {}
    for _label, name, _who in PAGES:
        base, _at, deep = name.partition("@")
        path = reverse(base)
        if deep:
            row = middle if base.startswith("public") else middle_in_care
            path += "?after=" + _cursor_of(row)
        paths[name] = path
    return {
        "paths": paths,
        "cookies": cookies,
        "enterprises": Enterprise.objects.count(),
        "fill_seconds": round(filled),
    }


# Serving and measuring ----------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, seconds=240):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The server did not answer {url}")


def environment(size, options):
    env = dict(os.environ)
    env.update(
        CLOUDPARK_ENV="demo",
        DJANGO_SETTINGS_MODULE="cloudpark.settings",
        API_ANON_RATE="10000000/minute",
        CLOUDPARK_VAR=str(ROOT / "var" / "bench" / f"{size}-{options.backend}"),
    )
    if options.backend == "postgres":
        env["DATABASE_URL"] = f"{options.postgres_url.rstrip('/')}/cp_bench_{size}"
    return env


def prepare(size, options):
    env = environment(size, options)
    var = Path(env["CLOUDPARK_VAR"])
    if options.fresh:
        shutil.rmtree(var, ignore_errors=True)
        if options.backend == "postgres":
            subprocess.run(["dropdb", "--if-exists", *pg_args(options), f"cp_bench_{size}"])
    if options.backend == "postgres":
        subprocess.run(
            ["createdb", *pg_args(options), f"cp_bench_{size}"], stderr=subprocess.DEVNULL
        )
    var.mkdir(parents=True, exist_ok=True)
    print(f"Filling {size:,} enterprises ({options.backend})...", file=sys.stderr)
    result = subprocess.run(
        [sys.executable, __file__, "--fill", str(size), "--parks", str(options.parks)],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return env, json.loads(result.stdout.strip().splitlines()[-1])


def pg_args(options):
    from urllib.parse import urlparse  # only for --postgres

    url = urlparse(options.postgres_url)
    return ["-h", url.hostname or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username]


def serve(env, *, workers=2, worker_class="sync", threads=1):
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cloudpark.wsgi:application",
            "--workers",
            str(workers),
            "--worker-class",
            worker_class,
            "--threads",
            str(threads),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        # A busy machine can take more than a minute to start the workers.
        wait_for(base + "/health/", seconds=180)
    except SystemExit:
        server.terminate()
        raise
    return server, base


def measure_pages(base, setup, options):
    """Each page in ``rounds`` rounds, each round a burst of the page then one of /health/."""
    results = {}
    per_round = max(1, options.requests // options.rounds)
    for label, name, who in selected(options):
        headers = {"Cookie": setup["cookies"][who]} if who else {}
        url = base + setup["paths"][name]
        # Warm: the first request of each worker fills its caches.
        measure(url, 4, options.concurrency, headers)
        page, health = (
            {"latencies": [], "seconds": 0.0, "errors": 0},
            {"latencies": [], "seconds": 0.0},
        )
        for _round in range(options.rounds):
            for bucket, target, head in ((page, url, headers), (health, base + "/health/", {})):
                latencies, seconds, errors = measure(target, per_round, options.concurrency, head)
                bucket["latencies"] += latencies
                bucket["seconds"] += seconds
                bucket.setdefault("errors", 0)
                bucket["errors"] += errors
        results[label] = {
            "p50": percentile(page["latencies"], 0.5),
            "p95": percentile(page["latencies"], 0.95),
            "rps": len(page["latencies"]) / page["seconds"],
            "health_rps": len(health["latencies"]) / health["seconds"],
            "errors": page["errors"],
        }
        print(f"  {label}: {results[label]['p50'] * 1000:.1f} ms", file=sys.stderr, flush=True)
    return results


def selected(options):
    """The pages whose label holds ``--pages`` (all of them without it)."""
    return [page for page in PAGES if options.pages in page[0]]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(len(ordered) * share) - 1))]


def report(sizes, measured, backend):
    small, large = sizes[0], sizes[-1]
    head = f"{'page':<26}"
    for size in sizes:
        head += f"{f'p50/p95 ms @{size:,}':>24}{'of health':>10}"
    head += f"{f'{large:,}/{small:,}':>14}  errors"
    print(f"\n{backend}\n{head}")
    for label, _name, _who in PAGES:
        if label not in measured[small]:
            continue
        line = f"{label:<26}"
        for size in sizes:
            row = measured[size][label]
            line += f"{row['p50'] * 1000:>15.1f} / {row['p95'] * 1000:>6.1f}"
            line += f"{row['rps'] / row['health_rps']:>10.1%}"
        ratio = measured[large][label]["p50"] / measured[small][label]["p50"]
        errors = sum(measured[size][label]["errors"] for size in sizes)
        print(f"{line}{ratio:>13.2f}x  {errors}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", default="1000,100000", help="sizes, comma-separated")
    parser.add_argument("--parks", type=int, default=40)
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL too")
    parser.add_argument(
        "--backends", help="the pages on these only, e.g. postgres (default: sqlite, and postgres)"
    )
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--requests", type=int, default=60, help="per page and size")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--fresh", action="store_true", help="fill the databases again")
    parser.add_argument(
        "--pages", default="", help="only the pages whose label holds this, e.g. dashboard"
    )
    parser.add_argument(
        "--parts", default=",".join(PARTS), help="comma-separated: " + ", ".join(PARTS)
    )
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--export-size", type=int, default=100_000)
    parser.add_argument("--fill", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.fill is not None:
        print(json.dumps(fill(options.fill, options.parks)))
        return
    parts = [part.strip() for part in options.parts.split(",") if part.strip()]
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    sizes = sorted(int(size.replace("_", "")) for size in options.enterprises.split(","))
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    print(f"commit {commit}, {os.cpu_count()} cores, sizes {sizes}", file=sys.stderr)
    backends = ["sqlite", *(["postgres"] if options.postgres else [])]
    if options.backends:
        backends = [backend.strip() for backend in options.backends.split(",")]
        if set(backends) - {"sqlite", "postgres"}:
            parser.error("--backends takes sqlite and postgres")
    for backend in backends * ("pages" in parts):
        options.backend = backend
        measured = {}
        for size in sizes:
            env, setup = prepare(size, options)
            print(
                f"  {setup['enterprises']:,} enterprises, filled in {setup['fill_seconds']} s",
                file=sys.stderr,
            )
            server, base = serve(env)
            try:
                measured[size] = measure_pages(base, setup, options)
            finally:
                server.terminate()
                server.wait(timeout=30)
        print(f"commit {commit}")
        report(sizes, measured, backend)
    for part in parts:
        if part != "pages":
            PARTS[part](sizes[-1], options)


# The other parts: each a script of its own, run as a child ----------------------------------


def script(name, *arguments, env=None, title):
    print(f"\n{title}", flush=True)
    command = [sys.executable, str(HERE / name), *map(str, arguments)]
    finished = subprocess.run(command, env={**os.environ, **(env or {})}, cwd=ROOT)
    if finished.returncode:
        print(f"({name} ended with status {finished.returncode})", flush=True)


def search_part(size, options):
    var = ROOT / "var" / "bench" / f"search-{size}"
    script(
        "search_platform.py",
        "--documents",
        size,
        env={"CLOUDPARK_VAR": str(var)},
        title=f"platform search, {size:,} documents, sqlite",
    )
    if options.postgres:
        name = f"cp_bench_search_{size}"
        subprocess.run(
            ["createdb", *pg_args(options), name], stderr=subprocess.DEVNULL, check=False
        )
        script(
            "search_platform.py",
            "--documents",
            size,
            env={
                "CLOUDPARK_VAR": str(var) + "-postgres",
                "DATABASE_URL": f"{options.postgres_url.rstrip('/')}/{name}",
            },
            title=f"platform search, {size:,} documents, postgres",
        )
    for backend in ["sqlite", *(["postgres"] if options.postgres else [])]:
        options.backend = backend
        env = environment(size, options)
        if backend == "sqlite" and not (Path(env["CLOUDPARK_VAR"]) / "cloudpark.sqlite3").exists():
            print(f"\n(no {size:,}-enterprise {backend} database yet: run the part pages first)")
            continue
        script(
            "search.py",
            "--as",
            GOVERNMENT_EMAIL,
            env=env,
            title=f"directory search, {size:,} enterprises, {backend}",
        )


def import_part(size, options):
    script(
        "import.py",
        "--rows",
        options.import_rows,
        title=f"import of {options.import_rows:,} rows",
    )


def export_part(size, options):
    var = ROOT / "var" / "bench" / f"export-{options.export_size}"
    env = {"CLOUDPARK_VAR": str(var), "CLOUDPARK_ENV": "demo"}
    if options.fresh or not (var / "cloudpark.sqlite3").exists():
        var.mkdir(parents=True, exist_ok=True)
        print(f"Filling {options.export_size:,} enterprises for the export...", file=sys.stderr)
        subprocess.run(
            [sys.executable, __file__, "--fill", str(options.export_size)],
            env={**os.environ, **env},
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    script("export.py", env=env, title=f"export of {options.export_size:,} enterprises")


def rush_part(size, options):
    if not options.postgres:
        print("\n(the registration rush runs on PostgreSQL only: add --postgres)")
        return
    script(
        "rush.py",
        "--workers",
        2,
        "--threads",
        4,
        "--postgres-url",
        options.postgres_url,
        title="registration rush, 10,000 people for 1,000 seats",
    )


PARTS = {
    "pages": None,
    "search": search_part,
    "import": import_part,
    "export": export_part,
    "rush": rush_part,
}


if __name__ == "__main__":
    main()
