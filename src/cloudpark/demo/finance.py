"""The demo's culture finance, written through the services.

The zone's finance service centre brings banks and guarantors together with the base's
enterprises. Two banks, a guarantee company and a leasing company publish products, each
with its amount and term ranges, its annualised all-in cost and who qualifies; the base's
film company has a need in the bank's review and an earlier one granted, and has opened its
figures to the bank for two weeks; the base's service company has a need the lessor's
product fits.

Every institution, product and figure is illustrative, written for the demo. Validity dates
count from the day the demo is loaded.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from cloudpark.demo import data
from cloudpark.finance import enums, services
from cloudpark.finance.enums import Collateral as C
from cloudpark.finance.enums import IntroductionState as S
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs.models import OtherOrganization


@dataclass(frozen=True)
class InstitutionPlan:
    key: str
    kind: str
    name: str
    name_en: str
    description: str
    description_en: str


INSTITUTIONS = (
    InstitutionPlan(
        data.FINANCE_BANK,
        enums.InstitutionKind.BANK,
        "钱塘文化产业银行转塘支行",
        "Qiantang Culture Industry Bank, Zhuantang Branch",
        "设在艺创小镇的文创特色支行，为基地企业提供信用贷款和版权质押贷款。",
        "A branch in the arts town that lends to the base's enterprises on credit and on "
        "pledged copyrights.",
    ),
    InstitutionPlan(
        "finance-second-bank",
        enums.InstitutionKind.BANK,
        "西湖商业银行文创金融部",
        "West Lake Commercial Bank, Culture Finance Desk",
        "以纳税记录和应收账款为依据，向成长期文化企业发放流动资金贷款。",
        "Lends working capital to growing cultural enterprises on their tax record and "
        "their receivables.",
    ),
    InstitutionPlan(
        "finance-guarantor",
        enums.InstitutionKind.GUARANTOR,
        "之江文化融资担保有限公司",
        "Zhijiang Culture Financing Guarantee Co., Ltd.",
        "为轻资产的文化企业向合作银行贷款提供担保，接受知识产权反担保。",
        "Guarantees asset-light cultural enterprises' bank loans, taking intellectual "
        "property as counter-guarantee.",
    ),
    InstitutionPlan(
        "finance-lessor",
        enums.InstitutionKind.LESSOR,
        "浙文融资租赁有限公司",
        "Zhewen Financial Leasing Co., Ltd.",
        "为影视制作、演艺和数字内容企业提供摄录、灯光和后期设备的融资租赁。",
        "Leases cameras, lighting and post-production equipment to film, performance and "
        "digital content companies.",
    ),
)


@dataclass(frozen=True)
class ProductPlan:
    key: str
    institution: str
    kind: str
    name: str
    name_en: str
    description: str
    description_en: str
    amount: tuple
    term: tuple
    cost: tuple
    collateral: tuple
    rules: tuple = ()
    combinator: str = "all"


PRODUCTS = (
    ProductPlan(
        "inclusive-loan",
        data.FINANCE_BANK,
        enums.ProductKind.LOAN,
        "文创普惠信用贷",
        "Culture inclusive credit loan",
        "无需抵押，按园区入驻和经营情况核定额度，随借随还。",
        "No collateral: the limit follows residence in a park and the business's record; "
        "draw and repay at any time.",
        (10, 300),
        (3, 12),
        ("3.45", "4.35"),
        (C.CREDIT, C.RECEIVABLES),
        (
            {"kind": "resident_in_zone", "params": {}},
            {"kind": "staff_between", "params": {"min": 5, "max": 500}},
        ),
    ),
    ProductPlan(
        "copyright-loan",
        data.FINANCE_BANK,
        enums.ProductKind.LOAN,
        "影视版权质押贷",
        "Film and TV copyright pledge loan",
        "以已登记的影视作品著作权或应收发行款质押，用于制作和宣发。",
        "Pledge a registered film or drama copyright, or the distribution receivables, to "
        "fund production and release.",
        (100, 2000),
        (6, 36),
        ("3.80", "5.20"),
        (C.COPYRIGHT, C.RECEIVABLES, C.GUARANTEE),
        (
            {"kind": "category_in", "params": {"codes": ["022", "024"]}},
            {"kind": "founded_before", "params": {"date": "2023-01-01"}},
        ),
    ),
    ProductPlan(
        "tax-loan",
        "finance-second-bank",
        enums.ProductKind.LOAN,
        "纳税信用贷",
        "Tax record credit loan",
        "依据近两年纳税记录核定额度，线上申请。",
        "The limit follows the last two years' tax record; apply online.",
        (20, 500),
        (12, 12),
        ("3.95", "4.60"),
        (C.CREDIT,),
        (
            {"kind": "revenue_at_least", "params": {"amount": "500"}},
            {"kind": "has_tag", "params": {"tag": "high-tech"}},
        ),
        "any",
    ),
    ProductPlan(
        "ip-guarantee",
        "finance-guarantor",
        enums.ProductKind.GUARANTEE,
        "文创知识产权融资担保",
        "Culture IP financing guarantee",
        "为合作银行贷款提供担保，担保费计入综合融资成本。",
        "Guarantees a partner bank's loan; the guarantee fee is part of the all-in cost.",
        (50, 1000),
        (6, 24),
        ("1.00", "2.00"),
        (C.COPYRIGHT, C.PATENT, C.TRADEMARK, C.RECEIVABLES),
        ({"kind": "resident_in_zone", "params": {}},),
    ),
    ProductPlan(
        "equipment-lease",
        "finance-lessor",
        enums.ProductKind.LEASE,
        "影视设备融资租赁",
        "Film equipment financial lease",
        "直租或售后回租摄录、灯光和后期设备，租期内分期支付租金。",
        "Lease cameras, lighting and post-production gear new or sale-and-leaseback, paying "
        "rent in instalments over the term.",
        (30, 800),
        (12, 36),
        ("5.50", "7.50"),
        (C.CREDIT, C.GUARANTEE),
        ({"kind": "founded_before", "params": {"date": "2024-01-01"}},),
    ),
)


class FinanceLoader:
    def __init__(self, *, organizations, users, platform_admin):
        # Validity and grant dates count from the day the demo is loaded, so that the needs
        # stay live.
        self.today = timezone.localdate()
        self.organizations = organizations
        self.users = users
        self.platform_admin = platform_admin
        self.institutions = {}
        self.products = {}

    def load(self):
        for plan in INSTITUTIONS:
            organization = OtherOrganization(
                kind=org_enums.OrganizationKind.OTHER,
                other_kind=org_enums.OtherKind.OTHER,
                name=plan.name,
                name_en=plan.name_en,
                description=plan.description,
                description_en=plan.description_en,
            )
            organization.full_clean()
            organization.save()
            self.organizations[plan.key] = organization
            self.institutions[plan.key] = services.register_institution(
                organization, kind=plan.kind, actor=self.platform_admin
            )
        for plan in PRODUCTS:
            self.products[plan.key] = self.publish(plan)

    def publish_needs(self):
        """The enterprises' needs, introductions and data room: once their people belong to
        them and the banker to the bank."""
        film_company = self.organizations[data.DEMO_ENTERPRISE]
        film_admin = self.admin_of(film_company)
        banker = self.admin_of(self.organizations[data.FINANCE_BANK])
        earlier = self.need(
            film_company,
            amount=200,
            term=12,
            purpose="更新摄影机和灯光器材",
            stage=enums.Stage.GROWING,
            collateral=[C.CREDIT],
            target_cost="4.20",
        )
        granted = services.request_introduction(
            earlier, self.products["inclusive-loan"], actor=film_admin
        )
        for step in (S.CONTACTED, S.IN_REVIEW):
            services.move_introduction(granted, step, actor=banker)
        services.move_introduction(
            granted,
            S.GRANTED,
            actor=banker,
            values={
                "granted_amount": Decimal("180"),
                "granted_rate": Decimal("3.85"),
                "granted_on": self.today - timedelta(days=12),
            },
        )
        services.close_need(earlier, actor=film_admin)
        production = self.need(
            film_company,
            amount=600,
            term=18,
            purpose="网络剧后期制作与宣发周转",
            stage=enums.Stage.GROWING,
            collateral=[C.COPYRIGHT, C.RECEIVABLES],
            target_cost="4.50",
        )
        in_review = services.request_introduction(
            production,
            self.products["copyright-loan"],
            actor=film_admin,
            message="剧集已取得规划备案号，发行合同已签订，可提供版权登记证书。",
        )
        for step in (S.CONTACTED, S.IN_REVIEW):
            services.move_introduction(in_review, step, actor=banker)
        services.open_data_room(
            film_company,
            self.institutions[data.FINANCE_BANK],
            actor=film_admin,
            figures=list(enums.SharedFigure.values),
            days=14,
        )
        service_company = self.organizations[data.SERVICE_ENTERPRISE]
        self.need(
            service_company,
            amount=300,
            term=24,
            purpose="新增虚拟拍摄棚LED屏和跟踪设备",
            stage=enums.Stage.EXPANDING,
            collateral=[C.GUARANTEE],
            target_cost=None,
        )

    def publish(self, plan):
        institution = self.institutions[plan.institution]
        actor = self.platform_admin
        product = services.save_product(
            institution,
            actor=actor,
            values={
                "name": plan.name,
                "name_en": plan.name_en,
                "kind": plan.kind,
                "description": plan.description,
                "description_en": plan.description_en,
                "amount_min": Decimal(plan.amount[0]),
                "amount_max": Decimal(plan.amount[1]),
                "term_min": plan.term[0],
                "term_max": plan.term[1],
                "cost_min": Decimal(plan.cost[0]),
                "cost_max": Decimal(plan.cost[1]),
                "collateral": list(plan.collateral),
                "combinator": plan.combinator,
                "rules": list(plan.rules),
            },
        )
        return services.set_product_published(product, actor=actor, published=True)

    def need(self, enterprise, *, amount, target_cost, **values):
        return services.publish_need(
            enterprise,
            actor=self.admin_of(enterprise),
            values={
                **values,
                "amount": Decimal(amount),
                "target_cost": None if target_cost is None else Decimal(target_cost),
                "valid_until": self.today + timedelta(days=90),
            },
        )

    def admin_of(self, organization):
        """Its demo administrator, or the platform's for an organisation without one."""
        membership = (
            organization.memberships.filter(role=org_enums.Role.ADMIN, is_active=True)
            .select_related("user")
            .first()
        )
        return membership.user if membership else self.platform_admin
