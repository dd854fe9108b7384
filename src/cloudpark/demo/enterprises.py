"""Synthetic enterprises for the demo, planned deterministically from a seeded generator.

Planning is kept apart from writing: this module only decides names, codes, sizes, figures,
parks and moves, so that the same seed gives the same directory on every machine, and the
loader then writes each plan through the directory's services.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from cloudpark.core import validators
from cloudpark.demo import words
from cloudpark.demo.data import ZHIJIANG
from cloudpark.orgs.enums import ParkLevel

CENT = Decimal("0.01")

# Categories the audiovisual parks attract most; every other mid category weighs 1.
CATEGORY_WEIGHTS = {
    "022": 6,
    "024": 5,
    "045": 5,
    "014": 3,
    "031": 3,
    "032": 3,
    "013": 2,
    "023": 2,
    "043": 2,
    "074": 2,
    "075": 2,
    "076": 2,
    "077": 2,
}
TECHNOLOGY_CATEGORIES = {"014", "024", "042", "045", "082", "083", "085", "095"}
PRODUCTION_CATEGORIES = {"013", "022", "043"}
ONLINE_CATEGORIES = {"014", "045"}

# (share of enterprises, staff range, registered capital choices in 10,000 yuan)
SIZES = (
    (0.50, (3, 20), (10, 30, 50, 100, 200, 300)),
    (0.33, (20, 100), (100, 200, 300, 500, 800, 1000)),
    (0.13, (100, 500), (500, 1000, 2000, 3000, 5000)),
    (0.04, (500, 1800), (5000, 10000, 20000, 50000)),
)
MOVE_REASONS = ("业务扩张", "靠近拍摄和制作资源", "入驻孵化加速空间", "与产业链上下游集聚")
# A cultural enterprise "above designated size" reports at least 20 million yuan a year.
ABOVE_SCALE_REVENUE = Decimal(2000)


@dataclass(frozen=True)
class YearFigures:
    year: int
    revenue: Decimal
    output: Decimal
    taxes: Decimal
    staff_count: int


@dataclass(frozen=True)
class Move:
    """The enterprise leaves its first park on ``released_on`` for ``to_park``."""

    released_on: date
    to_park: str
    admitted_on: date
    release_note: str
    admission_note: str


@dataclass
class EnterprisePlan:
    """What to register: ``values`` are model fields, with ``region`` and ``category`` as codes."""

    values: dict
    park: str | None
    admitted_on: date | None
    tags: tuple = ()
    years: tuple = ()
    move: Move | None = None


def credit_code(first_seventeen):
    return first_seventeen + validators.credit_code_check_character(first_seventeen)


def last_completed_years(today, count):
    return list(range(today.year - count, today.year))


class EnterprisePlanner:
    def __init__(self, *, categories, parks, today, seed, taken_names=(), taken_codes=()):
        """``categories`` maps each mid category code to its (name, name_en), ``parks`` are
        the demo's ``ParkPlan`` records; names and codes already in use are never repeated."""
        self.rng = random.Random(seed)
        self.categories = dict(sorted(categories.items()))
        self.parks = {park.key: park for park in parks}
        self.today = today
        self.names = set(taken_names)
        self.codes = set(taken_codes)

    # Small pieces ---------------------------------------------------------------------------

    def person_name(self):
        given = "".join(self.rng.choices(words.GIVEN_NAME_CHARACTERS, k=self.rng.choice((1, 2))))
        return self.rng.choice(words.SURNAMES) + given

    def mobile(self):
        digits = "".join(self.rng.choices("0123456789", k=8))
        return self.rng.choice(words.MOBILE_PREFIXES) + digits

    def day_between(self, first, last):
        if last <= first:
            return first
        return first + timedelta(days=self.rng.randint(0, (last - first).days))

    def new_credit_code(self, region, founded_on):
        """Codes issued since 2016 carry a registry number starting ``MA``; older ones carry
        the enterprise's former nine-character organisation code."""
        alphabet = validators.CREDIT_CODE_ALPHABET
        while True:
            if founded_on.year >= 2016:
                body = "MA" + "".join(self.rng.choices(alphabet, k=7))
            else:
                body = str(self.rng.randint(5, 7)) + "".join(self.rng.choices("0123456789", k=7))
                body += self.rng.choice(alphabet)
            code = credit_code("91" + region + body)
            if code not in self.codes:
                self.codes.add(code)
                return code

    def company_name(self, region, category, *, large):
        """A bilingual name: city (or, now and then, province), place word, brand, line of
        business and company form."""
        city = words.CITIES[region][:2]
        while True:
            in_zhejiang = region.startswith("33")
            parts = [("浙江", "Zhejiang") if in_zhejiang and self.rng.random() < 0.12 else city]
            if self.rng.random() < 0.4:
                parts.append(self.rng.choice(words.LOCAL_WORDS[region]))
            parts.append(self.rng.choice(words.BRANDS))
            parts.append(self.rng.choice(words.INDUSTRY_WORDS[category]))
            form, form_en = words.COMPANY_FORMS[1 if large and self.rng.random() < 0.5 else 0]
            name = "".join(zh for zh, _en in parts) + form
            if name not in self.names:
                self.names.add(name)
                return name, " ".join(en for _zh, en in parts) + " " + form_en

    # Slots ----------------------------------------------------------------------------------

    def weighted_category(self):
        codes = list(self.categories)
        return self.rng.choices(codes, weights=[CATEGORY_WEIGHTS.get(c, 1) for c in codes])[0]

    def slots(self, unparked):
        """(park key or None, category code) for every enterprise to plan; every mid category
        gets at least one enterprise."""
        slots = []
        for park in self.parks.values():
            for _index in range(park.enterprises):
                if self.rng.random() < 0.7:
                    category = self.rng.choice(park.categories)
                else:
                    category = self.weighted_category()
                slots.append([park.key, category])
        slots.extend([None, self.weighted_category()] for _index in range(unparked))
        counts = {code: 0 for code in self.categories}
        for _park, category in slots:
            counts[category] += 1
        for code in [code for code, count in counts.items() if count == 0]:
            crowded = [slot for slot in slots if counts[slot[1]] > 3]
            slot = self.rng.choice(crowded)
            counts[slot[1]] -= 1
            slot[1] = code
            counts[code] += 1
        return [tuple(slot) for slot in slots]

    # Enterprises ----------------------------------------------------------------------------

    def figures(self, founded_on, staff):
        per_head = Decimal(self.rng.randint(10, 50))
        revenue = (staff * per_head * Decimal(str(round(self.rng.uniform(0.7, 1.3), 3)))).quantize(
            CENT
        )
        years = [year for year in last_completed_years(self.today, 3) if year >= founded_on.year]
        figures = []
        for year in reversed(years):
            output = revenue * Decimal(str(round(self.rng.uniform(1.02, 1.3), 3)))
            taxes = revenue * Decimal(str(round(self.rng.uniform(0.02, 0.07), 3)))
            figures.append(
                YearFigures(
                    year=year,
                    revenue=revenue,
                    output=output.quantize(CENT),
                    taxes=taxes.quantize(CENT),
                    staff_count=staff,
                )
            )
            growth = Decimal(str(round(self.rng.uniform(0.92, 1.35), 3)))
            revenue = (revenue / growth).quantize(CENT)
            staff = max(1, round(staff / float(growth)))
        return tuple(reversed(figures))

    def tags(self, category, size, figures):
        rng = self.rng
        technology = category in TECHNOLOGY_CATEGORIES
        tags = []
        if rng.random() < (0.3 if technology else 0.06) and size >= 1:
            tags.append("high-tech")
        if rng.random() < (0.25 if technology else 0.08):
            tags.append("tech-sme")
        if size >= 1 and rng.random() < 0.08:
            tags.append("specialised-sme")
        if category in {"022", "024"} and size >= 2 and rng.random() < 0.3:
            tags.append("key-cultural-export")
        if size == 3 and rng.random() < 0.4:
            tags.append("listed")
        if figures and figures[-1].revenue >= ABOVE_SCALE_REVENUE:
            tags.append("above-scale")
        if category in PRODUCTION_CATEGORIES and rng.random() < 0.6:
            tags.append("audiovisual-license")
        if category in ONLINE_CATEGORIES and rng.random() < 0.3:
            tags.append("online-av-license")
        return tuple(tags)

    def plan(self, park_key, category):
        rng = self.rng
        park = self.parks[park_key] if park_key else None
        if park:
            region = park.region
        else:
            region = rng.choice([code for code in words.CITIES if code.startswith("33")])
        size = rng.choices(range(len(SIZES)), weights=[share for share, *_rest in SIZES])[0]
        _share, (fewest, most), capitals = SIZES[size]
        staff = rng.randint(fewest, most)
        founded_on = self.today - timedelta(days=int(rng.triangular(200, 20 * 365, 5 * 365)))
        name, name_en = self.company_name(region, category, large=size >= 2)
        legal_representative = self.person_name()
        if park:
            building, floor, room = rng.randint(1, 12), rng.randint(1, 12), rng.randint(1, 30)
            address = f"{park.address}{building}幢{floor}{room:02d}室"
            latest = self.today - timedelta(days=30)
            admitted_on = self.day_between(max(founded_on, park.opened_on), latest)
        else:
            street = rng.choice(words.STREETS)
            address = f"{words.CITIES[region][2]}{street}{rng.randint(1, 999)}号"
            admitted_on = None
        figures = self.figures(founded_on, staff) if rng.random() < 0.85 else ()
        category_name, category_name_en = self.categories[category]
        values = {
            "name": name,
            "name_en": name_en,
            "credit_code": self.new_credit_code(region, founded_on),
            "category": category,
            "region": region,
            "address": address,
            "founded_on": founded_on,
            "registered_capital": Decimal(rng.choice(capitals)),
            "staff_count": staff,
            "legal_representative": legal_representative,
            "contact_name": legal_representative if rng.random() < 0.6 else self.person_name(),
            "contact_mobile": self.mobile(),
            "description": f"{name}成立于{founded_on.year}年，主要从事{category_name}相关业务。",
            "description_en": f"Founded in {founded_on.year}, working in "
            f"{category_name_en[0].lower()}{category_name_en[1:]}.",
        }
        return EnterprisePlan(
            values=values,
            park=park_key,
            admitted_on=admitted_on,
            tags=self.tags(category, size, figures),
            years=figures,
        )

    def add_moves(self, plans, count):
        """Send ``count`` enterprises of the provincial parks on to another Zhejiang park, so
        that the residence history has something to show."""
        provincial = [key for key, park in self.parks.items() if park.level == ParkLevel.PROVINCIAL]
        candidates = [
            plan
            for plan in plans
            if plan.park in provincial and (self.today - plan.admitted_on).days > 400
        ]
        for plan in self.rng.sample(candidates, count):
            first = self.parks[plan.park]
            elsewhere = [key for key in provincial if key != plan.park]
            destination = self.rng.choice([ZHIJIANG, *elsewhere])
            target = self.parks[destination]
            released_on = self.day_between(
                plan.admitted_on + timedelta(days=180),
                min(plan.admitted_on + timedelta(days=3 * 365), self.today - timedelta(days=60)),
            )
            admitted_on = released_on + timedelta(days=self.rng.randint(0, 30))
            plan.move = Move(
                released_on=released_on,
                to_park=destination,
                admitted_on=min(max(admitted_on, target.opened_on), self.today),
                release_note=f"{self.rng.choice(MOVE_REASONS)}，迁往{target.name}",
                admission_note=f"自{first.name}迁入",
            )


def plan_enterprises(
    *, categories, parks, today, seed, unparked=16, moves=6, taken_names=(), taken_codes=()
):
    """The synthetic enterprises of the demo, in the order they are to be registered."""
    planner = EnterprisePlanner(
        categories=categories,
        parks=parks,
        today=today,
        seed=seed,
        taken_names=taken_names,
        taken_codes=taken_codes,
    )
    plans = [planner.plan(park, category) for park, category in planner.slots(unparked)]
    planner.add_moves(plans, moves)
    return plans
