"""The accreditation story of the demo, told through the accreditation services and the review
engine, so that every base's level, batch and approval date has a declaration, a review and an
audit trail behind it.

* The China (Zhijiang) Audiovisual Innovation and Entrepreneurship Base: a national round of
  the National Radio and Television Administration; the base's application goes through the
  Zhejiang bureau in September 2020, the bureau's site survey is in November 2020, and the
  administration approves it on 23 December 2020 (the public record gives the approval date;
  the days of the application and the survey within their months are illustrative). The
  platform asks for provincial status before a national declaration, so the demo starts the
  base as a provincial one, without a provincial accreditation record of its own: the public
  record names none, and none is invented here.
* Zhejiang's first batch of provincial bases (parks): a round of the Zhejiang bureau in the
  autumn of 2022 and twelve declarations approved on 9 March 2023, the day the batch's plaques
  were awarded. The twelve parks are the demo's representative parks, not the official list.
* Now: an open national round. The Binjiang park declared for it but left out its report on
  the base's construction and operation, one of the materials the round requires: the
  platform refuses a declaration with an empty slot, so, as happens, the park filed its
  application form a second time in that slot. The bureau returned the declaration naming
  the missing report; the park attached it and resubmitted, and the declaration is back
  before the bureau. And the Zhijiang base's annual review of 2021, passed.

The historical steps run under ``demo_clock``: for demo history only, the platform's clock is
set to the day of each step, so that the window checks, the recorded dates, the review
engine's timestamps and the audit log all tell the same dates. Nothing outside the demo loader
moves the clock.
"""

from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import F
from django.utils import timezone

from cloudpark.bases import selectors, services
from cloudpark.bases.models import AccreditationRound
from cloudpark.demo import data
from cloudpark.demo.files import pdf_file
from cloudpark.notifications import services as notification_services
from cloudpark.notifications.models import Notification
from cloudpark.orgs import enums as org_enums
from cloudpark.reviews import services as review_services

ZHIJIANG_APPLIED_ON = date(2020, 9, 15)
ZHIJIANG_SURVEYED_ON = date(2020, 11, 18)
ZHIJIANG_PASSED_ON = date(2020, 11, 27)
ZHIJIANG_APPROVED_ON = date(2020, 12, 23)
PROVINCIAL_ROUND_OPENS_ON = date(2022, 9, 1)
PROVINCIAL_ROUND_CLOSES_ON = date(2022, 10, 31)
PROVINCIAL_SURVEYS_FROM = date(2022, 11, 14)
RETURNED_PARK = "binjiang"
# The material the Binjiang park left out of its national declaration at first.
MISSING_MATERIAL = "基地建设运营情况报告"

PROVINCIAL_KEYS = tuple(plan.key for plan in data.PARKS if plan.batch == data.PROVINCIAL_BATCH)
ZHIJIANG_PLAN = next(plan for plan in data.PARKS if plan.key == data.ZHIJIANG)

NATIONAL_MATERIALS = (
    ("国家级基地（园区）申报书", "Application for national base status"),
    ("基地建设运营情况报告", "Report on the base's construction and operation"),
    ("入驻企业名录及经营情况", "Enterprises in the park and their business"),
    ("省级主管部门推荐意见", "Recommendation of the provincial authority"),
)
PROVINCIAL_MATERIALS = (
    ("省级基地（园区）申报书", "Application for provincial base status"),
    ("园区产权证明或租赁合同", "Proof of the premises (title or lease)"),
    ("入驻企业名录及经营情况", "Enterprises in the park and their business"),
    ("地方支持政策文件", "Local support policies"),
)
NATIONAL_CRITERIA = (
    "具有明确的运营主体和发展规划；集聚网络视听及相关企业不少于50家；具备公共技术服务平台和"
    "人才培养体系；所在地政府出台专项支持政策。",
    "A clear operator and development plan; at least 50 online audiovisual and related "
    "enterprises; shared technical service platforms and talent programmes; dedicated support "
    "policies of the local government.",
)
PROVINCIAL_CRITERIA = (
    "园区主导产业为广播电视和网络视听；入驻相关企业不少于20家；运营满两年；具备公共服务能力。",
    "Radio, TV and online audiovisual as the leading industry; at least 20 such enterprises in "
    "the park; two years of operation; shared services for the enterprises.",
)


def standing_before_accreditation(plan):
    """The level, batch and approval date a demo park starts with, before the story: the
    parks the story accredits start without them (Zhijiang as a provincial base, see above)."""
    if plan.key in PROVINCIAL_KEYS:
        level = org_enums.ParkLevel.UNRATED
    elif plan.key == data.ZHIJIANG:
        level = org_enums.ParkLevel.PROVINCIAL
    else:
        return {
            "level": plan.level,
            "batch": plan.batch,
            "batch_en": plan.batch_en,
            "approved_on": plan.approved_on,
        }
    return {"level": level, "batch": "", "batch_en": "", "approved_on": None}


@contextmanager
def demo_clock(day, hour=10):
    """Demo history only: the platform's clock reads ``day`` at ``hour`` while the block runs."""
    moment = timezone.make_aware(datetime.combine(day, time(hour)))
    real_now = timezone.now
    timezone.now = lambda: moment
    try:
        yield moment
    finally:
        timezone.now = real_now


def is_loaded():
    return AccreditationRound.objects.filter(batch=data.PROVINCIAL_BATCH).exists()


class BasesLoader:
    def __init__(self, *, today, organizations, users, actor_for):
        self.today = today
        self.organizations = organizations
        self.users = users
        self.actor_for = actor_for

    @property
    def administration(self):
        return self.organizations[data.NATIONAL_ADMINISTRATION]

    @property
    def bureau(self):
        return self.organizations[data.ZHEJIANG_BUREAU]

    def person(self, email):
        return self.users[email]

    def load(self):
        if is_loaded():
            return
        self.zhijiang_national_approval()
        self.first_provincial_batch()
        self.zhijiang_annual_review()
        self.open_national_round()
        self.file_old_notifications()

    # Steps ----------------------------------------------------------------------------------

    def open_round(self, *, organiser, actor, level, batch, batch_en, window, criteria, materials):
        with demo_clock(window[0], 9):
            return services.open_round(
                organiser=organiser,
                actor=actor,
                level=level,
                batch=batch,
                batch_en=batch_en,
                opens_on=window[0],
                closes_on=window[1],
                criteria=criteria[0],
                criteria_en=criteria[1],
                required_materials=materials,
            )

    def declare(self, park_key, accreditation_round, *, on, figures, leave_out=()):
        """The park's declaration with its materials, submitted. A material named in
        ``leave_out`` is missing: in its slot the park files its application form (the
        round's first material) once more."""
        park = self.organizations[park_key]
        plan = next(plan for plan in data.PARKS if plan.key == park_key)
        actor = self.actor_for(park_key)
        with demo_clock(on, 10):
            declaration = services.draft_declaration(
                park,
                accreditation_round,
                actor=actor,
                operator=plan.operator,
                area=Decimal(plan.area or 0),
                enterprise_count=figures["enterprises"],
                output=Decimal(figures["output"]),
                focus=plan.focus,
                support_measures=figures["measures"],
            )
            first = accreditation_round.materials[0]
            for number, kind in enumerate(accreditation_round.materials, start=1):
                filed = self.material_file(plan, kind, number)
                if kind.name in leave_out:
                    filed = self.material_file(plan, first, 1)
                services.attach_material(declaration, actor=actor, kind=kind.key, uploaded=filed)
            return services.submit_declaration(declaration, actor=actor)

    def material_file(self, plan, kind, number):
        return pdf_file(f"{number:02d}-{kind.name}.pdf", f"{plan.name_en}: {kind.name_en}")

    def resubmit(self, declaration, *, on, attach):
        """The park attaches the material named ``attach`` and sends the declaration back."""
        plan = next(plan for plan in data.PARKS if plan.key == RETURNED_PARK)
        actor = self.actor_for(RETURNED_PARK)
        materials = declaration.round.materials
        number, kind = next(
            (number, kind) for number, kind in enumerate(materials, start=1) if kind.name == attach
        )
        with demo_clock(on, 10):
            services.attach_material(
                declaration,
                actor=actor,
                kind=kind.key,
                uploaded=self.material_file(plan, kind, number),
            )
            return services.submit_declaration(declaration, actor=actor)

    def decide(self, declaration, *, actor, decision, on, comment="", survey=None, hour=15):
        case = selectors.case_of(declaration)
        details = {"decided_on": on.isoformat()}
        if survey is not None:
            details.update(surveyed_on=survey[0].isoformat(), survey_notes=survey[1])
        with demo_clock(on, hour):
            review_services.decide(
                case,
                actor=actor,
                stage_key=case.stage_key,
                decision=decision,
                comment=comment,
                data=details,
            )

    def opinion(self, declaration, *, actor, on, comment):
        case = selectors.case_of(declaration)
        with demo_clock(on, 11):
            review_services.record_opinion(
                case,
                actor=actor,
                stage_key=case.stage_key,
                recommendation="approve",
                comment=comment,
            )

    def zhijiang_national_approval(self):
        nrta_chief = self.person(data.NATIONAL_ADMINISTRATION_EMAIL)
        accreditation_round = self.open_round(
            organiser=self.administration,
            actor=nrta_chief,
            level="national",
            batch=ZHIJIANG_PLAN.batch,
            batch_en=ZHIJIANG_PLAN.batch_en,
            window=(date(2020, 8, 3), date(2020, 9, 30)),
            criteria=NATIONAL_CRITERIA,
            materials=NATIONAL_MATERIALS,
        )
        declaration = self.declare(
            data.ZHIJIANG,
            accreditation_round,
            on=ZHIJIANG_APPLIED_ON,
            figures={
                "enterprises": 312,
                "output": "486000",
                "measures": "西湖区出台之江视听产业专项扶持政策：房租补贴、人才公寓、项目资助；"
                "建设共享摄影棚、后期制作和版权服务等公共平台。",
            },
        )
        self.opinion(
            declaration,
            actor=self.person("reviewer@demo.cloudpark.cn"),
            on=ZHIJIANG_SURVEYED_ON,
            comment="经实地核查，基地载体、企业集聚和公共服务平台情况与申报材料一致，建议推荐。",
        )
        self.decide(
            declaration,
            actor=self.person("gov@demo.cloudpark.cn"),
            decision="advance",
            on=ZHIJIANG_PASSED_ON,
            comment="同意推荐申报国家级网络视听产业基地。",
            survey=(
                ZHIJIANG_SURVEYED_ON,
                "现场查看艺创小镇共享摄影棚、后期机房和孵化空间；抽查入驻企业经营情况；"
                "基地运营主体、扶持政策和人才培养体系落实到位。",
            ),
        )
        self.decide(
            declaration,
            actor=nrta_chief,
            decision="approve",
            on=ZHIJIANG_APPROVED_ON,
            comment="同意设立中国（之江）视听创新创业基地。",
        )

    def first_provincial_batch(self):
        accreditation_round = self.open_round(
            organiser=self.bureau,
            actor=self.person("gov@demo.cloudpark.cn"),
            level="provincial",
            batch=data.PROVINCIAL_BATCH,
            batch_en=data.PROVINCIAL_BATCH_EN,
            window=(PROVINCIAL_ROUND_OPENS_ON, PROVINCIAL_ROUND_CLOSES_ON),
            criteria=PROVINCIAL_CRITERIA,
            materials=PROVINCIAL_MATERIALS,
        )
        for index, key in enumerate(PROVINCIAL_KEYS):
            plan = next(plan for plan in data.PARKS if plan.key == key)
            declaration = self.declare(
                key,
                accreditation_round,
                on=PROVINCIAL_ROUND_OPENS_ON + timedelta(days=14 + 3 * index),
                figures={
                    "enterprises": plan.enterprises * 4 + index,
                    "output": str(42000 + 3500 * index),
                    "measures": f"{plan.name}提供租金减免、公共技术服务和人才引进支持。",
                },
            )
            surveyed_on = PROVINCIAL_SURVEYS_FROM + timedelta(days=2 * index)
            self.opinion(
                declaration,
                actor=self.person("reviewer@demo.cloudpark.cn"),
                on=surveyed_on,
                comment="现场核查符合省级基地（园区）认定条件，建议认定。",
            )
            self.decide(
                declaration,
                actor=self.person("gov@demo.cloudpark.cn"),
                decision="approve",
                on=data.PROVINCIAL_BATCH_AWARDED_ON,
                comment="认定为浙江省第一批省级广播电视和网络视听产业基地（园区）。",
                survey=(surveyed_on, f"{plan.name}：载体、企业集聚和公共服务情况属实。"),
            )

    def zhijiang_annual_review(self):
        park = self.organizations[data.ZHIJIANG]
        with demo_clock(date(2022, 1, 20)):
            review = services.submit_annual_review(
                park,
                actor=self.person("park@demo.cloudpark.cn"),
                year=2021,
                enterprise_count=358,
                employee_count=5120,
                output=Decimal("562000"),
                revenue=Decimal("498000"),
                taxes=Decimal("21600"),
                summary="新增入驻视听企业46家；共享摄影棚全年服务剧组120个；举办网络视听"
                "人才培训18期。",
            )
        with demo_clock(date(2022, 3, 15), 14):
            services.decide_annual_review(
                review,
                actor=self.person(data.NATIONAL_ADMINISTRATION_EMAIL),
                outcome="pass",
                comment="2021年度复核合格。",
                decided_on=date(2022, 3, 15),
            )

    def open_national_round(self):
        year = self.today.year
        opens_on = self.today - timedelta(days=20)
        accreditation_round = self.open_round(
            organiser=self.administration,
            actor=self.person(data.NATIONAL_ADMINISTRATION_EMAIL),
            level="national",
            batch=f"{year}年国家级广播电视和网络视听产业基地（园区）",
            batch_en=f"National radio, TV and online audiovisual industry bases (parks), {year}",
            window=(opens_on, self.today + timedelta(days=40)),
            criteria=NATIONAL_CRITERIA,
            materials=NATIONAL_MATERIALS,
        )
        declaration = self.declare(
            RETURNED_PARK,
            accreditation_round,
            on=opens_on + timedelta(days=8),
            figures={
                "enterprises": 136,
                "output": "268000",
                "measures": "滨江区数字文化产业专项资金；动漫游戏企业房租补贴；视听科技实验室。",
            },
            leave_out=(MISSING_MATERIAL,),
        )
        self.decide(
            declaration,
            actor=self.person("gov@demo.cloudpark.cn"),
            decision="return",
            on=opens_on + timedelta(days=15),
            comment=f"申报材料不全：缺少{MISSING_MATERIAL}（该项上传的是申报书副本），"
            "请补充后重新提交。",
        )
        self.resubmit(declaration, on=opens_on + timedelta(days=17), attach=MISSING_MATERIAL)

    def file_old_notifications(self):
        """The story's notices older than a month were read and e-mailed long ago."""
        month_ago = timezone.make_aware(datetime.combine(self.today - timedelta(days=30), time()))
        old = Notification.objects.filter(
            kind__regex=r"^(bases|reviews)\.", created_at__lt=month_ago
        )
        notification_services.forget_unread_counts(set(old.values_list("recipient", flat=True)))
        old.update(read_at=F("created_at"), emailed_at=F("created_at"))
