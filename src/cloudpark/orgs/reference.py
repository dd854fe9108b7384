"""Reference data shipped with the platform, loaded by a data migration."""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def read(name):
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_tree(model, filename):
    """Rows of ``code, level, parent, name_zh, name_en``, parents listed before children."""
    by_code = {}
    for row in read(filename):
        item, _created = model.objects.update_or_create(
            code=row["code"],
            defaults={
                "level": row["level"],
                "parent": by_code.get(row["parent"]),
                "name": row["name_zh"],
                "name_en": row["name_en"],
            },
        )
        by_code[row["code"]] = item


def load_categories(IndustryCategory):
    load_tree(IndustryCategory, "cultural_industry_classification_2018.csv")


def load_regions(Region):
    load_tree(Region, "regions.csv")


def load_tags(QualificationTag):
    for row in read("qualification_tags.csv"):
        QualificationTag.objects.update_or_create(
            slug=row["slug"], defaults={"name": row["name_zh"], "name_en": row["name_en"]}
        )
