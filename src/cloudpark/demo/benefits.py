"""The demo's enterprise benefits, written through the services.

The Zhijiang base offers the people who work at its enterprises (and at the zone's) a month
at the base's gym, a cinema pass from a partner cinema and a discount at a co-working space.
The base's producer has claimed the cinema pass, its staff member the gym month, which the
base's desk has redeemed, and the base's service company's person the co-working discount.
The producer has not claimed the gym month yet: the browser scenario and a visitor can.

Every offer, partner and figure is illustrative, written for the demo. Validity dates count
from the day the demo is loaded.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone

from cloudpark.benefits import services
from cloudpark.demo import data


@dataclass(frozen=True)
class OfferPlan:
    key: str
    title: str
    title_en: str
    partner: str
    partner_en: str
    value: str
    value_en: str
    terms: str
    terms_en: str
    quota: int
    days: int


OFFERS = (
    OfferPlan(
        "gym",
        "基地健身房月卡",
        "A month at the base gym",
        "艺创小镇健身中心",
        "Arts Town Fitness Centre",
        "免费健身一个月",
        "One month free",
        "凭码到健身中心前台开卡，每人一次，不可转让。",
        "Show the code at the fitness centre's front desk to start the month; once per "
        "person, not transferable.",
        30,
        60,
    ),
    OfferPlan(
        "cinema",
        "周末观影券",
        "Weekend cinema pass",
        "转塘光影影城",
        "Zhuantang Light and Shadow Cinema",
        "两张周末电影票",
        "Two weekend tickets",
        "限周六、周日场次，特殊场次除外。",
        "Saturday and Sunday screenings, special screenings excepted.",
        50,
        45,
    ),
    OfferPlan(
        "coworking",
        "共享办公八折",
        "20% off co-working",
        "之江创客空间",
        "Zhijiang Maker Space",
        "工位租金八折，最长三个月",
        "20% off a desk for up to three months",
        "适用于园区企业员工个人创作项目。",
        "For the personal projects of people who work at the zone's enterprises.",
        10,
        90,
    ),
)

# (account, offer key); the last one is redeemed at the base's desk.
CLAIMS = (
    ("enterprise@demo.cloudpark.cn", "cinema"),
    ("park@demo.cloudpark.cn", "coworking"),
    ("enterprise-staff@demo.cloudpark.cn", "gym"),
)


class BenefitsLoader:
    def __init__(self, *, today, organizations, users):
        self.today = today
        self.organizations = organizations
        self.users = users

    def load(self):
        base = self.organizations[data.ZHIJIANG]
        admin = self.users["park@demo.cloudpark.cn"]
        parks = [base, self.organizations[data.ZONE]]
        offers = {
            plan.key: services.save_offer(
                base,
                actor=admin,
                values={
                    "title": plan.title,
                    "title_en": plan.title_en,
                    "partner": plan.partner,
                    "partner_en": plan.partner_en,
                    "value": plan.value,
                    "value_en": plan.value_en,
                    "terms": plan.terms,
                    "terms_en": plan.terms_en,
                    "quota": plan.quota,
                    "valid_from": self.today - timedelta(days=7),
                    "valid_until": self.today + timedelta(days=plan.days),
                },
                eligible_parks=parks,
            )
            for plan in OFFERS
        }
        # Claimed in the morning of the demo's day, the last one redeemed at noon.
        morning = timezone.make_aware(datetime.combine(self.today, time(9, 30)))
        claims = [
            services.claim_offer(offers[key], user=self.users[email], now=morning)
            for email, key in CLAIMS
        ]
        services.redeem(
            base,
            claims[-1].code,
            actor=self.users["park-staff@demo.cloudpark.cn"],
            now=morning + timedelta(hours=2, minutes=30),
        )
        return offers
