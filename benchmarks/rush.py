"""Registration at the speed of the door: many people register at once over HTTP.

    uv run python benchmarks/rush.py
    uv run python benchmarks/rush.py --workers 4
    uv run python benchmarks/rush.py --workers 2 --threads 4
    uv run python benchmarks/rush.py --people 200 --seats 20      # a quick check it runs

PostgreSQL only (the database ``cp_bench_rush``, or ``--database``, on ``--postgres-url``,
created and migrated if missing, kept and reused; ``--fresh`` drops it first). Each run adds
one published event of ``--seats`` seats with a waiting list, makes sure ``--people`` people
exist (written in bulk once) and signs each of them in (a session as the sign-in page leaves
it, with the CSRF cookie a browser then holds), then serves the project with gunicorn (2 sync
workers unless told otherwise) and has every person post the registration form from
``--concurrency`` connections at once, with the form's CSRF token, as a browser does.
``--form`` first has each person open the form page and take the token from it.

Checks: every response is the redirect to the person's registration, exactly ``--seats``
confirmed and the rest on the waiting list, the event's stored seat count equal to that, and
the waiting list in order of arrival (its order, ``waiting_since`` then id, against the order
in which the client sent the requests: a request may pass another only if that one was still
unanswered when it was sent). Prints the elapsed seconds, registrations per second,
p50/p95, and the same server's ``/health/`` throughput at the same concurrency for reference.

Tickets are queued in the database for the task worker, as in production
(``CLOUDPARK_TASK_WORKER``); ``--inline-tasks`` sends them inside the request instead, as
the demo does.
"""

import argparse
import asyncio
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from run import percentile, serve

DATABASE = "cp_bench_rush"
EMAIL = "rush-{:05d}@bench.cloudpark.cn"
TOKEN_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


# In a child process, with the benchmark's settings ------------------------------------------


def prepare(people, seats):
    """The people (in bulk, once), a new published event and a signed-in session each."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cloudpark.settings")
    import django

    django.setup()
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.utils import timezone

    from cloudpark.events import enums as event_enums
    from cloudpark.events import services
    from cloudpark.orgs import enums
    from cloudpark.orgs.models import Park, Region

    call_command("migrate", interactive=False, verbosity=0)
    User = get_user_model()
    known = set(User.objects.filter(email__startswith="rush-").values_list("email", flat=True))
    password = make_password(None)
    User.objects.bulk_create(
        [
            User(email=EMAIL.format(number), name=f"排队者{number}", password=password)
            for number in range(people)
            if EMAIL.format(number) not in known
        ],
        batch_size=2000,
    )
    park, _created = Park.objects.get_or_create(
        name="报名压力测试园区",
        defaults={
            "kind": enums.OrganizationKind.PARK,
            "region": Region.objects.get(code="330106"),
            "level": enums.ParkLevel.PROVINCIAL,
        },
    )
    starts = timezone.now() + timedelta(days=30)
    event = services.create_event(
        park,
        actor=None,
        kind=event_enums.EventKind.FORUM,
        title="开票即满的论坛",
        title_en="A forum full at once",
        starts_at=starts,
        ends_at=starts + timedelta(hours=8),
        city="杭州",
        city_en="Hangzhou",
        registration_enabled=True,
        capacity=seats,
        has_waiting_list=True,
    )
    services.publish_event(event, actor=None)
    started = time.monotonic()
    cookies = signed_in(people)
    return {
        "event": event.pk,
        "path": f"/events/{event.pk}/register/",
        "cookies": cookies,
        "sign_in_seconds": round(time.monotonic() - started, 1),
    }


def signed_in(people):
    """A session for each person, as the sign-in page leaves it (sessions, sign-in records,
    audit entries), with the CSRF cookie a browser then holds. Kept in a file and reused
    while every session is still there (sessions last 12 hours; the benchmark's server lets
    them sit idle as long), since signing 10,000 people in takes minutes."""
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session
    from django.db import transaction
    from django.middleware.csrf import _get_new_csrf_string
    from django.test import Client

    var = Path(os.environ["CLOUDPARK_VAR"])
    kept = var / f"sessions-{people}.json"
    # The first people of a larger run are the same people.
    for earlier in sorted(var.glob("sessions-*.json")):
        cookies = json.loads(earlier.read_text())[:people]
        keys = [row["sessionid"] for row in cookies]
        if len(keys) == people and Session.objects.filter(session_key__in=keys).count() == people:
            return cookies
    User = get_user_model()
    everyone = list(
        User.objects.filter(email__in=[EMAIL.format(number) for number in range(people)]).order_by(
            "email"
        )
    )
    client = Client()
    cookies = []
    # A thousand to a transaction so as not to wait for a commit each.
    for batch in range(0, len(everyone), 1000):
        with transaction.atomic():
            for person in everyone[batch : batch + 1000]:
                client.cookies.clear()
                client.force_login(person)
                cookies.append(
                    {
                        "sessionid": client.cookies["sessionid"].value,
                        "csrftoken": _get_new_csrf_string(),
                    }
                )
    kept.write_text(json.dumps(cookies))
    return cookies


def check(event_pk):
    """What the database holds for the event after the rush."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cloudpark.settings")
    import django

    django.setup()
    from collections import Counter

    from cloudpark.events.models import Event, Registration

    rows = Registration.objects.filter(event_id=event_pk)
    return {
        "statuses": dict(Counter(rows.values_list("status", flat=True))),
        "seats_taken": Event.objects.get(pk=event_pk).seats_taken,
        "waiting": list(
            rows.filter(status="waiting")
            .order_by("waiting_since", "pk")
            .values_list("pk", flat=True)
        ),
        "users": rows.values("user").distinct().count(),
    }


def profile(people, top):
    """``people`` registrations in-process (Django's test client, CSRF checked), half of them
    to seats, under cProfile: time and queries a request, each query of the first (a seat)
    and of the last (the waiting list), and the functions with the most time of their own."""
    import cProfile
    import io
    import pstats

    setup = prepare(people, max(1, people // 2))
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["*"]
    client = Client(enforce_csrf_checks=True)
    # Warm: the first request imports the URL configuration and fills the caches.
    client.cookies["sessionid"] = setup["cookies"][0]["sessionid"]
    assert client.get(setup["path"]).status_code == 200
    profiler = cProfile.Profile()
    requests, statuses, elapsed = [], [], 0.0
    for cookies in setup["cookies"]:
        client.cookies.clear()
        for name, value in cookies.items():
            client.cookies[name] = value
        form = {"csrfmiddlewaretoken": cookies["csrftoken"], "name": "排队者"}
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            profiler.enable()
            statuses.append(client.post(setup["path"], form).status_code)
            profiler.disable()
            elapsed += time.perf_counter() - started
        requests.append([(float(query["time"]), query["sql"]) for query in queries])
    count = len(requests)
    database = sum(seconds for sql in requests for seconds, _sql in sql) / count
    print(
        f"{count} registrations, statuses {sorted(set(statuses))}: "
        f"{elapsed / count * 1000:.1f} ms a request, "
        f"{sum(len(sql) for sql in requests) / count:.1f} queries taking {database * 1000:.1f} ms"
    )
    for label, sql in (("a seat", requests[0]), ("the waiting list", requests[-1])):
        print(f"\n-- the queries of one registration to {label}:")
        for seconds, text in sql:
            print(f"  {seconds * 1000:6.2f} ms  {text[:110]}")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    print("\n".join(line for line in out.getvalue().splitlines()[6:] if line.strip()))
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top * 3)
    print("\n".join(line for line in out.getvalue().splitlines()[6:] if line.strip()))


def in_child(env, *arguments):
    result = subprocess.run(
        [sys.executable, __file__, *arguments],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


# The client: plain HTTP/1.1 over asyncio streams, one connection a request ------------------


async def request(port, method, path, *, cookies=None, body=b"", headers=()):
    """(status, response headers as a list of pairs, body, seconds)."""
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"]
    if cookies:
        lines.append("Cookie: " + "; ".join(f"{key}={value}" for key, value in cookies.items()))
    lines += [f"{name}: {value}" for name, value in headers]
    if body:
        lines.append(f"Content-Length: {len(body)}")
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
    response = await reader.read()
    writer.close()
    seconds = time.perf_counter() - started
    head, _blank, content = response.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    pairs = [tuple(line.split(": ", 1)) for line in header_lines if ": " in line]
    return int(status_line.split()[1]), pairs, content, seconds


async def register(port, path, cookies, *, form):
    """One person: (sent at, POST status, redirect target, POST seconds)."""
    cookies = dict(cookies)
    token = cookies["csrftoken"]
    if form:
        status, headers, content, _seconds = await request(port, "GET", path, cookies=cookies)
        for name, value in headers:
            if name.lower() == "set-cookie" and value.startswith("csrftoken="):
                cookies["csrftoken"] = value.split(";", 1)[0].split("=", 1)[1]
        found = TOKEN_FIELD.search(content)
        if status != 200 or found is None:
            return time.perf_counter(), status, "", 0.0
        token = found.group(1).decode()
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "name": "排队者"}).encode()
    sent = time.perf_counter()
    status, headers, _content, seconds = await request(
        port,
        "POST",
        path,
        cookies=cookies,
        body=body,
        headers=[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Origin", f"http://127.0.0.1:{port}"),
        ],
    )
    location = next((value for name, value in headers if name.lower() == "location"), "")
    return sent, status, location, seconds


async def bounded(concurrency, jobs):
    gate = asyncio.Semaphore(concurrency)

    async def run(job):
        async with gate:
            return await job

    return await asyncio.gather(*(run(job) for job in jobs))


def rush(port, setup, options):
    started = time.perf_counter()
    results = asyncio.run(
        bounded(
            options.concurrency,
            [
                register(port, setup["path"], cookies, form=options.form)
                for cookies in setup["cookies"]
            ],
        )
    )
    return results, time.perf_counter() - started


def health(port, count, concurrency):
    started = time.perf_counter()
    results = asyncio.run(
        bounded(concurrency, [request(port, "GET", "/health/") for _ in range(count)])
    )
    elapsed = time.perf_counter() - started
    return count / elapsed, sum(1 for status, *_rest in results if status != 200)


REGISTRATION_PATH = re.compile(r"/me/events/(\d+)/")


def waiting_order_holds(results, waiting):
    """Whether the waiting list keeps the order of arrival as far as the client can tell:
    a person may be placed ahead of someone who sent their request earlier only if that
    request was still unanswered when theirs was sent (requests in flight together may be
    served in any order). Also the largest distance between a person's place and the order
    of sending, for information."""
    sent_at, done_at = {}, {}
    for sent, _status, location, seconds in results:
        found = REGISTRATION_PATH.search(location)
        if found:
            sent_at[int(found.group(1))] = sent
            done_at[int(found.group(1))] = sent + seconds
    if any(pk not in sent_at for pk in waiting):
        return False, None
    earliest_done_after = float("inf")
    for pk in reversed(waiting):
        if earliest_done_after < sent_at[pk]:
            return False, None
        earliest_done_after = min(earliest_done_after, done_at[pk])
    rank = {pk: index for index, pk in enumerate(sorted(waiting, key=sent_at.get))}
    return True, max((abs(place - rank[pk]) for place, pk in enumerate(waiting)), default=0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10000)
    parser.add_argument("--seats", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=32, help="connections at once")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="more than 1: gthread workers")
    parser.add_argument("--form", action="store_true", help="open the form page first")
    parser.add_argument("--inline-tasks", action="store_true", help="e-mail tickets in the request")
    parser.add_argument("--health-requests", type=int, default=3000)
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default=DATABASE, help="kept between runs")
    parser.add_argument("--fresh", action="store_true", help="drop the database first")
    parser.add_argument("--prepare", nargs=2, type=int, help=argparse.SUPPRESS)
    parser.add_argument("--check", type=int, help=argparse.SUPPRESS)
    parser.add_argument(
        "--profile", type=int, metavar="N", help="profile N registrations in-process instead"
    )
    parser.add_argument("--top", type=int, default=15, help="functions shown by --profile")
    parser.add_argument("--in-child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.profile and options.in_child:
        profile(options.profile, options.top)
        return
    if options.prepare:
        print(json.dumps(prepare(*options.prepare)))
        return
    if options.check:
        print(json.dumps(check(options.check)))
        return

    url = urllib.parse.urlparse(options.postgres_url)
    connection = ["-h", url.hostname or "127.0.0.1", "-p", str(url.port or 5432)]
    connection += ["-U", url.username or "postgres"]
    if options.fresh:
        subprocess.run(["dropdb", "--if-exists", *connection, options.database], check=True)
    subprocess.run(["createdb", *connection, options.database], stderr=subprocess.DEVNULL)
    env = dict(os.environ)
    env.update(
        CLOUDPARK_ENV="demo",
        DJANGO_SETTINGS_MODULE="cloudpark.settings",
        CLOUDPARK_VAR=str(ROOT / "var" / "bench" / "rush"),
        DATABASE_URL=f"{options.postgres_url.rstrip('/')}/{options.database}",
        # The people signed in once stay signed in between runs (see ``signed_in``).
        CLOUDPARK_IDLE_MINUTES=str(12 * 60),
    )
    if not options.inline_tasks:
        env["CLOUDPARK_TASK_WORKER"] = "1"
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    print(f"commit {commit}, {os.cpu_count()} cores", file=sys.stderr)
    if options.profile:
        command = [sys.executable, __file__, "--in-child", "--profile", str(options.profile)]
        subprocess.run([*command, "--top", str(options.top)], env=env, cwd=ROOT, check=True)
        return
    setup = in_child(env, "--prepare", str(options.people), str(options.seats))
    print(
        f"event {setup['event']}: {len(setup['cookies']):,} people signed in "
        f"(or found signed in) in {setup['sign_in_seconds']} s",
        file=sys.stderr,
    )
    server, base = serve(
        env,
        workers=options.workers,
        worker_class="gthread" if options.threads > 1 else "sync",
        threads=options.threads,
    )
    port = urllib.parse.urlparse(base).port
    try:
        health(port, 200, options.concurrency)  # the workers' first requests fill their caches
        results, elapsed = rush(port, setup, options)
        health_rps, health_errors = health(port, options.health_requests, options.concurrency)
    finally:
        server.terminate()
        server.wait(timeout=30)
    stored = in_child(env, "--check", str(setup["event"]))

    latencies = [seconds for _sent, _status, _location, seconds in results]
    refused = [
        status
        for _sent, status, location, _seconds in results
        if status != 302 or not REGISTRATION_PATH.search(location)
    ]
    waiting = stored["statuses"].get("waiting", 0)
    in_order, displacement = waiting_order_holds(results, stored["waiting"])
    kind = (
        f"{options.workers} {'gthread x' + str(options.threads) if options.threads > 1 else 'sync'}"
    )
    print(f"commit {commit}, gunicorn {kind} workers, concurrency {options.concurrency}")
    print(f"registrations        {len(results):,} in {elapsed:.1f} s")
    print(f"throughput           {len(results) / elapsed:.1f} registrations/s")
    print(
        f"POST p50/p95         {percentile(latencies, 0.5) * 1000:.1f} / "
        f"{percentile(latencies, 0.95) * 1000:.1f} ms"
    )
    print(f"/health/             {health_rps:.1f} req/s ({health_errors} errors)")
    print(f"share of /health/    {len(results) / elapsed / health_rps:.1%}")
    print(f"HTTP errors          {len(refused)} {sorted(set(refused))}")
    print(f"statuses             {stored['statuses']}")
    print(f"stored seats taken   {stored['seats_taken']}")
    print(
        f"waiting list order   {'kept' if in_order else 'BROKEN'}"
        f" (places from the order of sending: at most {displacement})"
    )
    problems = []
    if refused:
        problems.append(f"{len(refused)} responses other than the redirect")
    if stored["statuses"].get("confirmed", 0) != options.seats:
        problems.append("confirmed seats differ from the capacity")
    if waiting != options.people - options.seats:
        problems.append("the waiting list holds the wrong number")
    if stored["seats_taken"] != options.seats:
        problems.append("the stored seat count differs")
    if stored["users"] != options.people:
        problems.append("someone registered twice or not at all")
    if not in_order:
        problems.append("the waiting list is out of the order of arrival")
    print("OK" if not problems else "FAILED: " + "; ".join(problems))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
