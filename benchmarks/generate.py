"""Fill a database with many enterprises for the benchmarks.

    CLOUDPARK_VAR=var/bench uv run python benchmarks/generate.py --enterprises 20000

Uses its own database under CLOUDPARK_VAR (SQLite) or DATABASE_URL, never the demo's. The
enterprises go through ``orgs.services.register_enterprise``, as an import would, so the
search index and the audit log grow as they would in use.
"""

import argparse
import os
import random
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cloudpark.settings")
os.environ.setdefault("CLOUDPARK_ENV", "demo")

import django

django.setup()

from django.core.management import call_command
from django.db import transaction

from cloudpark.core.validators import CREDIT_CODE_ALPHABET, credit_code_check_character
from cloudpark.orgs import enums, services
from cloudpark.orgs.models import IndustryCategory, Park, Region

PLACES = ["杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "台州", "之江", "西湖", "滨江"]
WORDS = [
    "影视",
    "传媒",
    "文化",
    "动漫",
    "数字",
    "视听",
    "创意",
    "演艺",
    "出版",
    "网络",
    "科技",
    "光影",
]
FORMS = ["有限公司", "股份有限公司", "工作室有限公司"]


def credit_code(rng):
    body = (
        "91330"
        + f"{rng.randrange(10**3):03d}"
        + "".join(rng.choice(CREDIT_CODE_ALPHABET) for _ in range(9))
    )
    return body + credit_code_check_character(body)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=20000)
    parser.add_argument("--parks", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2018)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    call_command("migrate", interactive=False, verbosity=0)
    region = Region.objects.get(code="330100")
    categories = list(IndustryCategory.objects.filter(level=enums.CategoryLevel.MID))
    started = time.monotonic()
    with transaction.atomic():
        parks = [
            Park.objects.create(
                kind=enums.OrganizationKind.PARK,
                name=f"{rng.choice(PLACES)}{rng.choice(WORDS)}产业园{number}号",
                region=region,
                level=rng.choice([enums.ParkLevel.PROVINCIAL, enums.ParkLevel.MUNICIPAL]),
            )
            for number in range(options.parks)
        ]
    codes = set()
    for batch in range(0, options.enterprises, 1000):
        with transaction.atomic():
            for number in range(batch, min(batch + 1000, options.enterprises)):
                code = credit_code(rng)
                while code in codes:
                    code = credit_code(rng)
                codes.add(code)
                services.register_enterprise(
                    actor=None,
                    park=rng.choice(parks),
                    name=f"{rng.choice(PLACES)}{rng.choice(WORDS)}{rng.choice(WORDS)}"
                    f"{number}{rng.choice(FORMS)}",
                    credit_code=code,
                    category=rng.choice(categories),
                    region=region,
                )
        sys.stdout.write(f"\r{min(batch + 1000, options.enterprises)} enterprises")
        sys.stdout.flush()
    print(f"\nDone in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
