"""The enterprise import as the task worker runs it: time, queries and peak memory of reading,
checking and writing a workbook of N valid rows, in process.

    uv run python benchmarks/import.py --rows 10000
    uv run python benchmarks/import.py                  # 100,000 rows
    uv run python benchmarks/import.py --profile 10000  # where the time goes, under cProfile

Its own SQLite database under ``var/bench-import`` (or ``CLOUDPARK_VAR``): migrated once (the
reference data: categories, regions, qualifications), kept as a pristine copy, and copied
back before every run, so that each run imports into the same directory. A park imports a
workbook of its own making: unique credit codes with their check characters, mid category and
region codes and qualification names of the reference data, a founding date, capital, staff
and a contact phone on every row. The workbook goes the way an upload of more than
``ENTERPRISE_IMPORT_BACKGROUND_ROWS`` does: ``check_workbook`` keeps it, the worker checks it
(``check_in_background``), ``run_import`` marks it and the worker imports it
(``import_in_background``, which reads and checks it again before writing). Reading (the
workbook parsed by ``excel.read_rows``) and writing (``services.register_enterprises``) are
timed inside those calls; checking is the rest of ``check_in_background``.
"""

import argparse
import cProfile
import io
import os
import pstats
import resource
import shutil
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("CLOUDPARK_VAR", str(ROOT / "var" / "bench-import"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cloudpark.settings")
os.environ.setdefault("CLOUDPARK_ENV", "demo")
# Queued in the database, not run as the request commits: run below, timed.
os.environ.setdefault("CLOUDPARK_TASK_WORKER", "1")

VAR = Path(os.environ["CLOUDPARK_VAR"]).resolve()
DATABASE = VAR / "cloudpark.sqlite3"
PRISTINE = VAR / "pristine.sqlite3"
if PRISTINE.exists():
    shutil.copyfile(PRISTINE, DATABASE)
    for suffix in ("-wal", "-shm"):
        Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)

import django

django.setup()

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from cloudpark.core import excel
from cloudpark.core.validators import CREDIT_CODE_ALPHABET, credit_code_check_character
from cloudpark.orgs import enums, imports, services
from cloudpark.orgs.models import Enterprise, IndustryCategory, Park, QualificationTag, Region


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def prepare():
    if not PRISTINE.exists():
        call_command("migrate", interactive=False, verbosity=0)
        connection.close()
        shutil.copyfile(DATABASE, PRISTINE)
    region = Region.objects.get(code="330106")
    park = Park.objects.create(
        kind=enums.OrganizationKind.PARK,
        name="之江基准产业园",
        region=region,
        level=enums.ParkLevel.PROVINCIAL,
    )
    user = get_user_model().objects.create_user("bench-import@example.cn")
    return park, user


def credit_code(serial):
    """The serial's own code: 91 330106, nine characters counting in the code's alphabet,
    and the check character."""
    body = ""
    for _ in range(9):
        serial, digit = divmod(serial, len(CREDIT_CODE_ALPHABET))
        body = CREDIT_CODE_ALPHABET[digit] + body
    first_seventeen = "91330106" + body
    return first_seventeen + credit_code_check_character(first_seventeen)


def workbook(rows, park):
    categories = list(
        IndustryCategory.objects.filter(level=enums.CategoryLevel.MID)
        .order_by("code")
        .values_list("code", flat=True)
    )
    regions = list(Region.objects.order_by("code").values_list("code", flat=True))
    tags = list(QualificationTag.objects.order_by("pk").values_list("name", flat=True))
    columns = imports.columns_for(park)
    founded = date(2005, 1, 1)

    def values(serial):
        return {
            "name": f"之江基准影视{serial}号文化传媒有限公司",
            "name_en": f"Zhijiang Benchmark Film {serial} Co., Ltd.",
            "credit_code": credit_code(serial),
            "category": categories[serial % len(categories)],
            "region": regions[serial % len(regions)],
            "founded_on": founded + timedelta(days=serial % 6000),
            "registered_capital": 100 + serial % 900,
            "staff_count": 5 + serial % 300,
            "tags": "、".join(tags[serial % len(tags) : serial % len(tags) + 2])
            if serial % 3 == 0
            else "",
            "contact_name": "王晓明",
            "contact_mobile": f"1380571{serial % 10000:04d}",
        }

    buffer = io.BytesIO()
    excel.write_workbook(
        buffer,
        "企业",
        [column.label for column in columns],
        ([values(serial)[column.key] for column in columns] for serial in range(1, rows + 1)),
    )
    return buffer.getvalue()


class Meter:
    """Seconds and queries, by the phase named in ``phase``."""

    def __init__(self):
        self.phase = "other"
        self.seconds = {}
        self.cpu = {}
        self.queries = {}

    def __call__(self, execute, sql, params, many, context):
        self.queries[self.phase] = self.queries.get(self.phase, 0) + 1
        return execute(sql, params, many, context)

    def timed(self, phase, function):
        def wrapper(*args, **kwargs):
            outer = self.phase
            self.phase = phase
            started, cpu = time.perf_counter(), time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                for key in (phase, f"{phase} in {outer}"):
                    self.seconds[key] = self.seconds.get(key, 0) + time.perf_counter() - started
                    self.cpu[key] = self.cpu.get(key, 0) + time.process_time() - cpu
                self.phase = outer

        return wrapper


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--profile", action="store_true", help="under cProfile, slower")
    parser.add_argument("--top", type=int, default=30)
    options = parser.parse_args()
    translation.activate("zh-hans")
    park, user = prepare()
    started = time.perf_counter()
    data = workbook(options.rows, park)
    print(
        f"{options.rows:,} rows, workbook of {len(data) / 2**20:.1f} MB made in "
        f"{time.perf_counter() - started:.1f} s; max RSS {peak_mb():.0f} MB"
    )
    uploaded = SimpleUploadedFile("企业名录.xlsx", data)
    del data
    kept = imports.check_workbook(park, uploaded, actor=user)
    if kept.status != enums.ImportStatus.CHECKING:
        raise SystemExit(
            f"{options.rows:,} rows are checked in the request, not by the task worker: "
            f"give more than {settings.ENTERPRISE_IMPORT_BACKGROUND_ROWS:,}"
        )

    meter = Meter()
    read_rows, register = excel.read_rows, services.register_enterprises
    excel.read_rows = meter.timed("read", read_rows)
    services.register_enterprises = meter.timed("write", register)
    profiler = cProfile.Profile() if options.profile else None
    rss = {"start": peak_mb()}
    try:
        with connection.execute_wrapper(meter):
            if profiler:
                profiler.enable()
            checked = meter.timed("check", imports.check_in_background)(kept)
            rss["check"] = peak_mb()
            assert checked.status == enums.ImportStatus.CHECKED, checked.errors[:3]
            marked = imports.run_import(checked, actor=user)
            assert marked.status == enums.ImportStatus.IMPORTING, marked.status
            done = meter.timed("import", imports.import_in_background)(marked, actor=user)
            rss["import"] = peak_mb()
            if profiler:
                profiler.disable()
    finally:
        excel.read_rows, services.register_enterprises = read_rows, register
    assert done.status == enums.ImportStatus.IMPORTED, done.errors[:3]
    assert Enterprise.objects.filter(park=park).count() == options.rows

    rows = options.rows

    def parts(seconds):
        # Each of check and import reads the workbook once; read and write are inside them.
        return {
            "read": seconds["read"] / 2,
            "check": seconds["check"] - seconds["read in check"],
            "write": seconds["write"],
            "again": seconds["import"] - seconds["read in import"] - seconds["write"],
            "total": seconds["check"] + seconds["import"],
        }

    wall, cpu = parts(meter.seconds), parts(meter.cpu)
    queries = {
        "check": meter.queries.get("check", 0),
        "write": meter.queries.get("write", 0),
        "again": meter.queries.get("import", 0),
        "total": sum(meter.queries.values()),
    }
    labels = {
        "read": "read the workbook (mean of two)",
        "check": "check every row (less reading)",
        "write": "write (register_enterprises)",
        "again": "import: check again (less read, write)",
        "total": "check, then import: all of it",
    }
    print(f"load average {' '.join(f'{value:.1f}' for value in os.getloadavg())}")
    print(f"  {'':<40} {'wall s':>8} {'rows/s':>8} {'CPU s':>8} {'rows/s':>8} {'queries':>8} a row")
    for key, label in labels.items():
        text = f"  {label:<40} {wall[key]:8.2f} {rows / wall[key]:8,.0f}"
        text += f" {cpu[key]:8.2f} {rows / cpu[key]:8,.0f}"
        if key in queries:
            text += f" {queries[key]:8,} {queries[key] / rows:.4f}"
        print(text)
    print(
        f"  max RSS {rss['start']:.0f} MB before, {rss['check']:.0f} MB after the check, "
        f"{rss['import']:.0f} MB after the import"
    )
    if profiler:
        stats = pstats.Stats(profiler, stream=sys.stdout)
        stats.sort_stats("tottime").print_stats(options.top)
        stats.sort_stats("cumulative").print_stats(options.top)


if __name__ == "__main__":
    main()
