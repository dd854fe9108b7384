"""The demo's enterprise benefits, written through the services.

The Zhijiang base admits two service partners of the zone to publish to its people: the Arts
Town Fitness Centre (whose manager signs in as ``partner@demo.cloudpark.cn``), also admitted by
the zone, offers a month at the centre; the Zhuantang Light and Shadow Cinema a weekend cinema
pass. The base itself offers a discount at a co-working space. The base's producer has claimed
the cinema pass, its staff member the fitness month, which the fitness centre's own desk has
redeemed, and the base's service company's person the co-working discount. The producer has not
claimed the fitness month yet: the browser scenario and a visitor can.

Every partner, offer and figure is illustrative, invented for the demo. Validity dates count
from the day the demo is loaded.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone

from cloudpark.benefits import services
from cloudpark.demo import data
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs.models import OtherOrganization


@dataclass(frozen=True)
class PartnerPlan:
    key: str
    name: str
    name_en: str
    description: str
    description_en: str


PARTNERS = (
    PartnerPlan(
        data.PARTNER_GYM,
        "艺创小镇健身中心",
        "Arts Town Fitness Centre",
        "艺创小镇里的健身工作室，有器械区、瑜伽室和团课。",
        "A fitness studio in the arts town, with a gym floor, a yoga room and group classes.",
    ),
    PartnerPlan(
        data.PARTNER_CINEMA,
        "转塘光影影城",
        "Zhuantang Light and Shadow Cinema",
        "转塘街道的六厅影城，周末放映独立电影专场。",
        "A six-screen cinema in Zhuantang with independent film screenings at weekends.",
    ),
)


@dataclass(frozen=True)
class OfferPlan:
    key: str
    provider: str
    title: str
    title_en: str
    value: str
    value_en: str
    terms: str
    terms_en: str
    quota: int
    days: int


OFFERS = (
    OfferPlan(
        "gym",
        data.PARTNER_GYM,
        "健身中心月卡",
        "A month at the fitness centre",
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
        data.PARTNER_CINEMA,
        "周末观影券",
        "Weekend cinema pass",
        "两张周末电影票",
        "Two weekend tickets",
        "限周六、周日场次，特殊场次除外。",
        "Saturday and Sunday screenings, special screenings excepted.",
        50,
        45,
    ),
    OfferPlan(
        "coworking",
        data.ZHIJIANG,
        "共享办公八折",
        "20% off co-working",
        "工位租金八折，最长三个月",
        "20% off a desk for up to three months",
        "之江创客空间，适用于园区企业员工个人创作项目。",
        "At the Zhijiang Maker Space, for the personal projects of people who work at the "
        "zone's enterprises.",
        10,
        90,
    ),
)

# (account, offer key); the last one is redeemed at the fitness centre's own desk.
CLAIMS = (
    ("enterprise@demo.cloudpark.cn", "cinema"),
    ("park@demo.cloudpark.cn", "coworking"),
    ("enterprise-staff@demo.cloudpark.cn", "gym"),
)
PARTNER_EMAIL = "partner@demo.cloudpark.cn"


class BenefitsLoader:
    def __init__(self, *, today, organizations, users, platform_admin):
        self.today = today
        self.organizations = organizations
        self.users = users
        self.platform_admin = platform_admin

    def create_partners(self):
        """The partners, before the demo's memberships are added."""
        for plan in PARTNERS:
            partner = OtherOrganization(
                kind=org_enums.OrganizationKind.OTHER,
                other_kind=org_enums.OtherKind.PARTNER,
                name=plan.name,
                name_en=plan.name_en,
                description=plan.description,
                description_en=plan.description_en,
            )
            partner.full_clean()
            partner.save()
            self.organizations[plan.key] = partner

    def load(self):
        base = self.organizations[data.ZHIJIANG]
        zone = self.organizations[data.ZONE]
        park_admin = self.users["park@demo.cloudpark.cn"]
        gym = self.organizations[data.PARTNER_GYM]
        cinema = self.organizations[data.PARTNER_CINEMA]
        moment = timezone.make_aware(datetime.combine(self.today - timedelta(days=8), time(10)))
        services.admit_partner(base, gym, actor=park_admin, now=moment)
        services.admit_partner(base, cinema, actor=park_admin, now=moment)
        services.admit_partner(zone, gym, actor=self.platform_admin, now=moment)
        actors = {
            data.ZHIJIANG: park_admin,
            data.PARTNER_GYM: self.users[PARTNER_EMAIL],
            # The cinema has no account in the demo: the platform's administrator keys in its
            # offer for it.
            data.PARTNER_CINEMA: self.platform_admin,
        }
        parks = {
            data.ZHIJIANG: [base, zone],
            data.PARTNER_GYM: [base, zone],
            data.PARTNER_CINEMA: [base],
        }
        offers = {
            plan.key: services.save_offer(
                self.organizations[plan.provider],
                actor=actors[plan.provider],
                values={
                    "title": plan.title,
                    "title_en": plan.title_en,
                    "value": plan.value,
                    "value_en": plan.value_en,
                    "terms": plan.terms,
                    "terms_en": plan.terms_en,
                    "quota": plan.quota,
                    "valid_from": self.today - timedelta(days=7),
                    "valid_until": self.today + timedelta(days=plan.days),
                },
                eligible_parks=parks[plan.provider],
            )
            for plan in OFFERS
        }
        # Claimed in the morning of the demo's day, the last one redeemed at noon at the
        # fitness centre's own desk.
        morning = timezone.make_aware(datetime.combine(self.today, time(9, 30)))
        claims = [
            services.claim_offer(offers[key], user=self.users[email], now=morning)
            for email, key in CLAIMS
        ]
        services.redeem(
            gym,
            claims[-1].code,
            actor=self.users[PARTNER_EMAIL],
            now=morning + timedelta(hours=2, minutes=30),
        )
        return offers
