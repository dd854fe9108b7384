"""The export the task worker writes: time and peak memory of writing every enterprise in the
demo government body's care (the private columns) into a workbook, in process.

    CLOUDPARK_VAR=var/bench-export uv run python benchmarks/run.py --fill 100000 --parks 40
    CLOUDPARK_VAR=var/bench-export uv run python benchmarks/export.py
    CLOUDPARK_VAR=var/bench-export uv run python benchmarks/export.py --trace

The first fills a database of its own with the demo and 100,000 more enterprises in parks
under the demo's government body. The export is queued as the list page queues it, then
written by ``core.exports.write_export`` as the worker would. For reference, the same number
of rows of constant values is written by ``excel.write_workbook`` alone, with no database:
the ratio of the two says what reading the rows adds. ``--trace`` reports tracemalloc's peak
(Python allocations, slower) rather than the process's peak resident size.
"""

import argparse
import os
import resource
import tempfile
import time
import tracemalloc

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cloudpark.settings")
os.environ.setdefault("CLOUDPARK_ENV", "demo")
# Queued in the database, not written as the request commits: written below, timed.
os.environ.setdefault("CLOUDPARK_TASK_WORKER", "1")

import django

django.setup()

from django.contrib.auth import get_user_model
from django.utils import translation

from cloudpark.core import excel, exports
from cloudpark.orgs import enums, selectors
from cloudpark.orgs import exports as enterprise_exports
from cloudpark.orgs.models import Membership

GOVERNMENT_EMAIL = "gov@demo.cloudpark.cn"


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measured(work, trace):
    if trace:
        tracemalloc.start()
    before = peak_mb()
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    if trace:
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        return result, seconds, f"tracemalloc peak {peak:.1f} MB"
    return result, seconds, f"max RSS {before:.0f} -> {peak_mb():.0f} MB"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trace", action="store_true")
    options = parser.parse_args()
    user = get_user_model().objects.get(email=GOVERNMENT_EMAIL)
    government = selectors.organization_as_kind(
        Membership.objects.filter(user=user, organization__kind=enums.OrganizationKind.GOVERNMENT)
        .first()
        .organization
    )
    with translation.override("zh-hans"):
        export = exports.request_export(
            enterprise_exports.ENTERPRISES, user=user, organization=government
        )
        written, seconds, memory = measured(lambda: exports.write_export(export.pk), options.trace)
    print(
        f"export: {written.rows_done:,} rows in {seconds:.1f} s "
        f"({written.rows_done / seconds:,.0f} rows/s), {written.file.size / 2**20:.1f} MB, "
        f"{memory}"
    )
    columns = len(enterprise_exports.enterprise_private_columns())
    row = ["之江影视传媒有限公司", "91330106MA2H000000", "8710 广播", "之江产业园", "西湖区", None]
    row += [100, 25][: columns - len(row)]

    def reference():
        with tempfile.TemporaryFile() as spool:
            excel.write_workbook(
                spool, "Enterprises", list(range(columns)), (row for _ in range(written.rows_done))
            )

    _none, reference_seconds, reference_memory = measured(reference, options.trace)
    print(
        f"write_workbook alone, same rows: {reference_seconds:.1f} s, {reference_memory}; "
        f"export / reference: {seconds / reference_seconds:.2f}x"
    )
    written.file.delete(save=False)
    written.delete()


if __name__ == "__main__":
    main()
