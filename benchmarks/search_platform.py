"""Time the platform search (``cloudpark.search``) at scale, in-process.

    CLOUDPARK_VAR=var/bench-search uv run python benchmarks/search_platform.py --documents 1000000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cp_bench_search \\
        uv run python benchmarks/search_platform.py --documents 1000000

Fills ``SearchDocument`` with N generated items in bulk (the tokens cut as
``search.services.build`` cuts them; the engine's triggers and index dropped during the load
and remade afterwards, as a ``reindex`` of a large import would), unless it already holds N,
then times what the search page runs for each query (capped counts per kind, the ranked
candidates, the page's documents) and prints p50/p95 in milliseconds. Uses its own database,
never the demo's. Numbers on these shared machines are noisy.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
import types
from datetime import UTC, datetime, timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cloudpark.settings")
os.environ.setdefault("CLOUDPARK_ENV", "demo")

import django

django.setup()

from django.core.management import call_command
from django.db import connection, transaction

from cloudpark.core import search as tokens
from cloudpark.search import engine, registry, selectors
from cloudpark.search.models import ID_BITS, SearchDocument

QUERIES = ["汉服", "园区", "影视", "公司", "festival"]
REPEAT = 30
KINDS = ["news", "policy", "programme", "enterprise", "park", "event", "filing", "work"]
PLACES = ["杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "台州", "之江", "西湖", "滨江"]
WORDS = ["传媒", "文化", "动漫", "数字", "视听", "创意", "演艺", "出版", "网络", "科技", "音乐"]
WORDS += ["游戏", "设计", "艺术", "广告", "直播", "短剧", "剧本", "电影", "制作", "发行"]
ENGLISH = ["media", "culture", "digital", "animation", "studio", "music", "creative", "games"]


def _title(generator):
    """A name as the directory and the news write them; 公司 in about half, 园区 in a fifth,
    影视 in a sixth, 汉服 in one of two hundred, 'festival' in one of twenty English titles."""
    parts = [generator.choice(PLACES), generator.choice(WORDS), generator.choice(WORDS)]
    if generator.random() < 1 / 6:
        parts.insert(2, "影视")
    if generator.random() < 1 / 200:
        parts.insert(1, "汉服")
    if generator.random() < 1 / 5:
        parts.append("园区")
    parts.append("有限公司" if generator.random() < 1 / 2 else generator.choice(["中心", "基地"]))
    english = [generator.choice(ENGLISH) for _ in range(3)]
    if generator.random() < 1 / 20:
        english.insert(1, "festival")
    return "".join(parts), " ".join(english).title()


def _body(generator):
    return "".join(generator.choice(WORDS) for _ in range(12))


COLUMNS = (
    "id",
    "kind",
    "object_id",
    "language",
    "title",
    "title_en",
    "excerpt",
    "excerpt_en",
    "published_at",
    "title_text",
    "body_text",
    "scope",
)


def generate(total, batch=20_000):
    """Written as plain rows (``executemany``): building a million model instances took
    most of the time. Ids as ``SearchDocument.save`` gives them: growing, the kind's number in
    the low bits."""
    generator = random.Random(20261205)
    start = datetime(2015, 1, 1, tzinfo=UTC)
    span = (datetime(2026, 12, 1, tzinfo=UTC) - start).total_seconds()
    vendor = connection.vendor
    numbers = {key: kind.number for key, kind in registry.kinds().items()}
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            for suffix in ("ai", "ad", "au"):
                cursor.execute(f'DROP TRIGGER IF EXISTS "{engine.FTS}_{suffix}"')
            cursor.execute("PRAGMA synchronous=OFF")
        else:
            cursor.execute(f'DROP INDEX IF EXISTS "{engine.TABLE}_vector"')
    # Oldest first, so that ids follow publication as ``reindex`` writes them.
    moments = sorted(start + timedelta(seconds=generator.random() * span) for _ in range(total))
    columns = ", ".join(f'"{column}"' for column in COLUMNS)
    placeholders = ", ".join(["%s"] * len(COLUMNS))
    insert = f'INSERT INTO "{engine.TABLE}" ({columns}) VALUES ({placeholders})'
    written = 0
    while written < total:
        rows = []
        for number in range(written, min(written + batch, total)):
            kind = KINDS[number % len(KINDS)]
            title, title_en = _title(generator)
            body = _body(generator)
            published = moments[number]
            rows.append(
                (
                    ((number + 1) << ID_BITS) | numbers[kind],
                    kind,
                    number + 1,
                    "",
                    title,
                    title_en,
                    body,
                    "",
                    published
                    if vendor == "postgresql"
                    else published.replace(tzinfo=None).isoformat(" "),
                    tokens.shadow_text(title, title_en),
                    tokens.shadow_text(body),
                    engine.scope_tokens(kind),
                )
            )
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(insert, rows)
        written += len(rows)
        if written % 100_000 == 0 or written == total:
            print(f"  {written} written", file=sys.stderr)
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [engine.TABLE, total]
            )
    engine.ensure_index()  # the triggers back / the GIN index
    engine.rebuild()  # the FTS5 table refilled from the documents
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f'VACUUM ANALYZE "{engine.TABLE}"')


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def baseline(revision):
    """``search`` as the search code was at ``revision`` (``engine.py`` and ``selectors.py``
    read with ``git show``), to time it against the working tree's in the same run."""
    modules = {}
    for name in ("engine", "selectors"):
        source = subprocess.run(
            ["git", "show", f"{revision}:src/cloudpark/search/{name}.py"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        module = types.ModuleType(f"baseline_{name}")
        exec(compile(source, f"{revision}:{name}.py", "exec"), module.__dict__)
        modules[name] = module
    modules["selectors"].engine = modules["engine"]
    return modules["selectors"].search


def time_query(search, query, repeat):
    timings = []
    for _ in range(repeat):
        began = time.perf_counter()
        results = search(query)
        timings.append((time.perf_counter() - began) * 1000)
    return results, timings


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=REPEAT)
    parser.add_argument(
        "--baseline",
        metavar="REVISION",
        help="also time the search code of this git revision, alternating with the current",
    )
    arguments = parser.parse_args()
    call_command("migrate", verbosity=0)
    assert set(KINDS) <= set(registry.kinds())
    present = SearchDocument.objects.count()
    if present != arguments.documents:
        SearchDocument.objects.all().delete()
        started = time.perf_counter()
        generate(arguments.documents)
        print(f"generated {arguments.documents} documents in {time.perf_counter() - started:.0f} s")
    print(f"{connection.vendor}, {SearchDocument.objects.count()} documents")
    before = baseline(arguments.baseline) if arguments.baseline else None
    header = f"{'query':<10}{'matches':>10}{'p50 ms':>9}{'p95 ms':>9}"
    if before:
        header += f"{'before p50':>12}{'p95':>8}{'p95 ratio':>11}"
    print(header + "  first result")
    for query in QUERIES:
        selectors.search(query)  # warm, as a page served before would have
        if before:
            before(query)
        timings, earlier = [], []
        # In rounds, alternating, so that a burst of load on the machine hits both alike.
        for _ in range(max(1, arguments.repeat // 5)):
            results, measured = time_query(selectors.search, query, 5)
            timings += measured
            if before:
                earlier += time_query(before, query, 5)[1]
        first = results.documents[0] if results.documents else None
        line = (
            f"{query:<10}{selectors.count_label(results.total, results.capped):>10}"
            f"{statistics.median(timings):>9.1f}{percentile(timings, 0.95):>9.1f}"
        )
        if before:
            line += (
                f"{statistics.median(earlier):>12.1f}{percentile(earlier, 0.95):>8.1f}"
                f"{percentile(earlier, 0.95) / percentile(timings, 0.95):>10.1f}x"
            )
        first_label = f"{first.title} {first.published_at.date().isoformat()}" if first else "-"
        print(f"{line}  {first_label}")


if __name__ == "__main__":
    main()
