"""The metrics, read from ``data/metrics.json``: each has a code, names and a unit in both
languages, a formula over the reported yearly figures, a scope, and its definition note (口径)
with source and date. Changing a definition is a change to the data file.

Formulas are a small set of named computations. Those over the records (``count``,
``reported``, ``sum``, ``above_size``, ``comparable``) are stored per park, major category
and year by ``computation.cells``; they add up across parks and categories. The others
(``ratio``, ``growth``) are worked out from those sums when a page is read, so that a ratio of
several parks is the ratio of their totals, never an average of ratios. ``live`` ones are
read from their own app when a page is served (``boards``).
"""

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from cloudpark.core.i18n import Bilingual

DATA = Path(__file__).resolve().parent / "data" / "metrics.json"
STORED_KINDS = frozenset({"count", "reported", "sum", "above_size", "comparable"})
DERIVED_KINDS = frozenset({"ratio", "growth"})
# Read from another app when a page is served (funds granted, parks by level).
LIVE_KINDS = frozenset({"live"})
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Metric:
    code: str
    name: str
    name_en: str
    unit: str
    unit_en: str
    formula: dict
    scope: str
    note: str
    note_en: str
    source: str
    source_en: str
    dated: date

    display_name = Bilingual("name")
    display_unit = Bilingual("unit")
    display_note = Bilingual("note")
    display_source = Bilingual("source")

    @property
    def kind(self):
        return self.formula["kind"]

    @property
    def stored(self):
        return self.kind in STORED_KINDS

    def value(self, totals):
        """The metric for ``totals``, a mapping of stored metric codes to their sums; ``None``
        when it cannot be told (nothing reported, no comparable base)."""
        if self.stored:
            return totals.get(self.code, Decimal(0))
        if self.kind in LIVE_KINDS:
            return None
        if self.kind == "ratio":
            denominator = totals.get(self.formula["denominator"]) or 0
            if not denominator:
                return None
            numerator = totals.get(self.formula["numerator"], Decimal(0))
            scaled = Decimal(numerator) * Decimal(self.formula.get("scale", 1))
            return (scaled / Decimal(denominator)).quantize(CENT)
        previous = totals.get(self.formula["previous"]) or 0
        if not previous:
            return None
        current = totals.get(self.formula["current"], Decimal(0))
        return ((Decimal(current) / Decimal(previous) - 1) * HUNDRED).quantize(CENT)


def _load():
    metrics = {}
    for item in json.loads(DATA.read_text(encoding="utf-8")):
        kind = item["formula"]["kind"]
        if kind not in STORED_KINDS | DERIVED_KINDS | LIVE_KINDS:
            raise ValueError(f"Unknown formula {kind!r} in {item['code']}")
        metrics[item["code"]] = Metric(
            code=item["code"],
            name=item["name_zh"],
            name_en=item["name_en"],
            unit=item["unit_zh"],
            unit_en=item["unit_en"],
            formula=item["formula"],
            scope=item["scope"],
            note=item["note_zh"],
            note_en=item["note_en"],
            source=item["source_zh"],
            source_en=item["source_en"],
            dated=date.fromisoformat(item["dated"]),
        )
    for metric in metrics.values():
        for key in ("numerator", "denominator", "current", "previous"):
            if key in metric.formula and not metrics[metric.formula[key]].stored:
                raise ValueError(f"{metric.code} reads {metric.formula[key]}, which is not stored")
    return metrics


METRICS = _load()
STORED = tuple(code for code, metric in METRICS.items() if metric.stored)


def get(code):
    return METRICS[code]


def values(totals):
    """Every metric's value for ``totals``."""
    return {code: metric.value(totals) for code, metric in METRICS.items()}
