"""The support programmes of the demo, told through the programme services and the review
engine, so that every application's state has its submissions, opinions, decisions, audit
trail and notifications behind it.

The policy is a real one: the General Office of the Zhejiang Provincial People's Government's
*Implementing Opinions on Accelerating the High-Quality Development of the Big Audiovisual
Industry* (浙政办发〔2024〕24号), issued on 1 July 2024 and in force from 1 August 2024, as
reported by the provincial government and the trade press. Its text here is a short summary
written for the demo, not the document itself; read the original before quoting it. The three
programmes under it (a development fund, key industrial projects and fine-art creation),
their budgets, windows, rules and every application are illustrative. The demo publishes them
through the Zhejiang Provincial Radio and Television Bureau, the demo's provincial body.

Applications come from enterprises of the China (Zhijiang) Audiovisual Innovation and
Entrepreneurship Base, so that its administrator gives the first opinions. The demo producer
(enterprise@demo.cloudpark.cn) has an approved fine-art project, a key-project application
returned for revision, and has not yet applied to the development fund: the scenario of
finding a programme it qualifies for and applying starts there. The generated enterprises
have no accounts of their own; the platform's administrator enters their applications.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from cloudpark.demo import data
from cloudpark.demo.files import pdf_file
from cloudpark.orgs.models import Enterprise
from cloudpark.programs import selectors, services
from cloudpark.programs.enums import Combinator, ProgrammeType, RuleKind
from cloudpark.programs.models import Policy
from cloudpark.reviews import services as reviews

DOCUMENT_NUMBER = "浙政办发〔2024〕24号"
CHIEF = "gov@demo.cloudpark.cn"
REVIEWER = "reviewer@demo.cloudpark.cn"
PARK_ADMIN = "park@demo.cloudpark.cn"
PRODUCER = "enterprise@demo.cloudpark.cn"

POLICY = {
    "title": "浙江省人民政府办公厅关于加快推进大视听产业高质量发展的实施意见",
    "title_en": "Implementing Opinions of the General Office of the Zhejiang Provincial People's "
    "Government on Accelerating the High-Quality Development of the Big Audiovisual Industry",
    "issuer_name": "浙江省人民政府办公厅",
    "issuer_name_en": "General Office of the Zhejiang Provincial People's Government",
    "document_number": DOCUMENT_NUMBER,
    "issued_on": "2024-07-01",
    "effective_on": "2024-08-01",
    "full_text": (
        "（演示摘要，非公文原文）\n"
        "为贯彻国家文化数字化战略，加快推进我省大视听产业高质量发展，提出以下意见。\n"
        "一、总体要求。坚持创新驱动、内容为王，实施重大项目牵引、视听技术赋能、视听业态提升、"
        "产业环境优化四大行动。到2027年，打造年营业收入超万亿元的大视听产业，培育视听内容生产、"
        "视听电子产品、视听文化服务三大千亿级产业集群，建设国家级大视听类产业基地（园区）8个、"
        "省级重点大视听类产业基地（园区）40个以上，培育视听领域省级重点企业500家以上。\n"
        "二、重大项目牵引。谋划实施一批大视听重大产业项目，支持产业基地（园区）集聚发展。\n"
        "三、视听技术赋能。推动人工智能、超高清等技术在视听内容生产和传播中的研发应用。\n"
        "四、繁荣内容生产。支持网络剧、纪录片、动画等精品创作，打造视听文化品牌。\n"
        "五、优化产业环境。加强资金、人才、用地等要素保障，完善公共服务平台。"
    ),
    "full_text_en": (
        "(A summary written for the demo, not the document's text.)\n"
        "To carry out the national cultural digitalisation strategy and speed up the "
        "high-quality development of the province's big audiovisual industry: innovation and "
        "content first, through four actions (major projects, technology, new business forms "
        "and a better environment). By 2027: an industry with annual revenue above one "
        "trillion yuan; three clusters of a hundred billion yuan each in content production, "
        "audiovisual electronics and audiovisual cultural services; 8 national and more than "
        "40 provincial key audiovisual bases (parks); more than 500 provincial key enterprises."
    ),
    "interpretation": (
        "（演示解读）省广播电视局据此设立大视听产业发展专项资金、重点视听产业项目和网络视听精品"
        "创作扶持三类项目，企业可在云园区查看申报条件、对照自身情况申报，由所在园区出具初审意见后"
        "报省局评审。"
    ),
    "interpretation_en": (
        "(Demo interpretation.) Under these opinions the provincial bureau runs a development "
        "fund, key industrial projects and support for fine-art online audiovisual creation. "
        "Enterprises check the rules against their own data on Cloud Park and apply; their park "
        "gives the first opinion and the bureau reviews and decides."
    ),
    "is_published": True,
}

LICENCE = {
    "key": "business_licence",
    "label_zh": "营业执照副本",
    "label_en": "Business licence",
    "required": True,
}
FINANCE = {
    "key": "financial_statements",
    "label_zh": "上年度财务报表",
    "label_en": "Last year's financial statements",
    "required": True,
}
PROJECT_NAME = {
    "key": "project_name",
    "label_zh": "项目名称",
    "label_en": "Project name",
    "kind": "text",
    "required": True,
}
INVESTMENT = {
    "key": "investment",
    "label_zh": "项目总投资（万元）",
    "label_en": "Total investment (10,000 yuan)",
    "kind": "number",
    "required": True,
}

PROGRAMMES = {
    "fund": {
        "values": {
            "title": "2026年度浙江省大视听产业发展专项资金",
            "title_en": "Zhejiang Big Audiovisual Industry Development Fund 2026",
            "programme_type": ProgrammeType.FUNDING,
            "summary": "支持视听内容生产、视听技术研发应用和视听公共服务平台建设项目，单个项目"
            "补助一般不超过100万元。",
            "summary_en": "Supports audiovisual content, the research and use of audiovisual "
            "technology and shared service platforms; usually at most one million yuan a project.",
            "budget": Decimal("8000000"),
        },
        "window": (-20, 40),
        "combinator": Combinator.ALL,
        "rules": [
            (RuleKind.CATEGORY_IN, {"codes": ["01", "02", "04", "07"]}),
            (RuleKind.RESIDENT_IN_ZONE, {}),
            (RuleKind.FOUNDED_BEFORE, {"date": "2025-01-01"}),
            (RuleKind.REVENUE_AT_LEAST, {"amount": "300"}),
        ],
        "materials": [
            LICENCE,
            {
                "key": "application",
                "label_zh": "项目申报书",
                "label_en": "Project application",
                "required": True,
            },
            FINANCE,
        ],
        "questions": [
            PROJECT_NAME,
            {
                "key": "direction",
                "label_zh": "支持方向",
                "label_en": "Direction",
                "kind": "choice",
                "required": True,
                "choices": [
                    {"value": "content", "label_zh": "视听内容生产", "label_en": "Content"},
                    {"value": "technology", "label_zh": "视听技术应用", "label_en": "Technology"},
                    {"value": "platform", "label_zh": "公共服务平台", "label_en": "Platform"},
                ],
            },
            INVESTMENT,
            {
                "key": "completion",
                "label_zh": "计划完成日期",
                "label_en": "Planned completion",
                "kind": "date",
                "required": False,
            },
        ],
    },
    "key_project": {
        "values": {
            "title": "2026年度浙江省重点视听产业项目",
            "title_en": "Zhejiang Key Audiovisual Industry Projects 2026",
            "programme_type": ProgrammeType.KEY_PROJECT,
            "summary": "遴选总投资较大、带动作用强的重点视听产业项目，给予资金支持和要素保障。",
            "summary_en": "Selects large audiovisual industry projects with a strong pull on the "
            "industry for funding and priority access to land, talent and services.",
            "budget": Decimal("20000000"),
        },
        "window": (-45, 15),
        "combinator": Combinator.ALL,
        "rules": [
            (RuleKind.PARK_LEVEL_AT_LEAST, {"level": "provincial"}),
            (RuleKind.STAFF_BETWEEN, {"min": 20, "max": None}),
        ],
        "materials": [
            LICENCE,
            {
                "key": "feasibility",
                "label_zh": "项目可行性研究报告",
                "label_en": "Feasibility study",
                "required": True,
            },
        ],
        "questions": [PROJECT_NAME, INVESTMENT],
    },
    "fine_art": {
        "values": {
            "title": "2026年度网络视听精品创作扶持项目",
            "title_en": "Support for Fine Online Audiovisual Works 2026",
            "programme_type": ProgrammeType.FINE_ART,
            "summary": "扶持反映新时代浙江发展的网络剧、网络纪录片、网络动画等精品创作。",
            "summary_en": "Supports online series, documentaries and animation of high quality "
            "about Zhejiang in the new era.",
            "budget": Decimal("3000000"),
        },
        "window": (-50, 5),
        "combinator": Combinator.ALL,
        "rules": [
            (RuleKind.CATEGORY_IN, {"codes": ["022", "023", "024"]}),
            (RuleKind.FOUNDED_BEFORE, {"date": "2025-06-30"}),
        ],
        "materials": [
            {
                "key": "treatment",
                "label_zh": "作品创作方案",
                "label_en": "Treatment of the work",
                "required": True,
            },
            LICENCE,
        ],
        "questions": [
            {
                "key": "work_title",
                "label_zh": "作品名称",
                "label_en": "Title of the work",
                "kind": "text",
                "required": True,
            },
            {
                "key": "form",
                "label_zh": "作品形态",
                "label_en": "Form",
                "kind": "choice",
                "required": True,
                "choices": [
                    {"value": "series", "label_zh": "网络剧", "label_en": "Online series"},
                    {"value": "documentary", "label_zh": "网络纪录片", "label_en": "Documentary"},
                    {"value": "animation", "label_zh": "网络动画", "label_en": "Animation"},
                ],
            },
            {
                "key": "episodes",
                "label_zh": "集数",
                "label_en": "Episodes",
                "kind": "number",
                "required": False,
            },
        ],
    },
}


def is_loaded():
    return Policy.objects.filter(document_number=DOCUMENT_NUMBER).exists()


class ProgrammesLoader:
    def __init__(self, *, organizations, users, platform_admin):
        self.organizations = organizations
        self.users = users
        self.platform_admin = platform_admin
        self.bureau = organizations[data.ZHEJIANG_BUREAU]
        self.chief = users[CHIEF]
        self.reviewer = users[REVIEWER]
        self.park_admin = users[PARK_ADMIN]
        self.producer = organizations[data.DEMO_ENTERPRISE]
        self.now = timezone.now()

    def load(self):
        if is_loaded():
            return
        policy = services.create_policy(self.bureau, actor=self.chief, **POLICY)
        services.attach_to_policy(
            policy,
            actor=self.chief,
            title="实施意见（演示摘要）",
            uploaded=pdf_file("zhezhengbanfa-2024-24-summary.pdf", "Big audiovisual opinions"),
        )
        programmes = {key: self.programme(policy, spec) for key, spec in PROGRAMMES.items()}
        self.applications(programmes)

    def office_time(self, days, at):
        """``at`` o'clock, local time, ``days`` days from today: windows open and close in office
        hours as a bureau's notice says, not at the minute the demo was loaded."""
        day = timezone.localdate(self.now) + timedelta(days=days)
        return timezone.make_aware(datetime.combine(day, at))

    def programme(self, policy, spec):
        opens, closes = spec["window"]
        return services.save_programme(
            policy=policy,
            actor=self.chief,
            values={
                "opens_at": self.office_time(opens, time(9)),
                "closes_at": self.office_time(closes, time(17, 30)),
                "is_published": True,
                **spec["values"],
            },
            rules=spec["rules"],
            combinator=spec["combinator"],
            materials=spec["materials"],
            form_fields=spec["questions"],
        )

    # Applications -------------------------------------------------------------------------

    def candidates(self, programme, count, taken):
        """Zhijiang enterprises other than the demo's own that qualify, in a fixed order."""
        enterprises = selectors.with_facts(
            Enterprise.objects.filter(park=self.organizations[data.ZHIJIANG])
            .exclude(pk__in=[self.producer.pk, *taken])
            .exclude(
                pk=self.organizations[data.SERVICE_ENTERPRISE].pk,
            )
            .order_by("credit_code")
        )
        chosen = []
        for enterprise in enterprises:
            if selectors.eligibility_of(enterprise, programme).qualifies:
                chosen.append(enterprise)
            if len(chosen) == count:
                return chosen
        raise RuntimeError(f"The demo needs {count} enterprises qualifying for {programme}.")

    def draft(self, programme, enterprise, answers, amount, actor=None):
        actor = actor or self.platform_admin
        application = services.draft_application(
            programme, enterprise, actor=actor, requested_amount=amount, answers=answers
        )
        for item in programme.required_materials:
            services.upload_material(
                application,
                actor=actor,
                key=item["key"],
                uploaded=pdf_file(f"{item['key']}.pdf", f"{enterprise.credit_code} {item['key']}"),
            )
        return application

    def submit(self, application, actor=None):
        return services.submit_application(application, actor=actor or self.platform_admin)

    def park_passes(self, application, comment="材料齐全，情况属实，同意推荐。"):
        reviews.decide(
            application.review_case,
            actor=self.park_admin,
            stage_key="park_opinion",
            decision="advance",
            comment=comment,
        )

    def opinions(self, application, scores):
        for reviewer, (recommendation, score, comment) in zip(
            (self.reviewer, self.chief), scores, strict=False
        ):
            reviews.record_opinion(
                application.review_case,
                actor=reviewer,
                stage_key="government_review",
                recommendation=recommendation,
                comment=comment,
                score=Decimal(score),
            )

    def decide(self, application, decision, comment="", amount=None):
        reviews.decide(
            application.review_case,
            actor=self.chief,
            stage_key="government_review",
            decision=decision,
            comment=comment,
            data={"amount": str(amount)} if amount is not None else None,
        )

    def reviewed(self, application, scores):
        application = self.submit(application)
        self.park_passes(application)
        self.opinions(application, scores)
        return application

    def applications(self, programmes):
        fund, key_project, fine_art = (
            programmes["fund"],
            programmes["key_project"],
            programmes["fine_art"],
        )
        producer_admin = self.users[PRODUCER]
        taken = []

        # The development fund: one application in each state before a decision, and after.
        drafted, in_park, in_government, withdrawn, rejected = self.candidates(fund, 5, taken)
        taken += [drafted.pk, in_park.pk, in_government.pk, withdrawn.pk, rejected.pk]
        self.fund_application(fund, drafted, "4K超高清纪录片制作技术改造", "technology")
        self.submit(self.fund_application(fund, in_park, "数字人主播内容生产平台", "platform"))
        application = self.fund_application(fund, in_government, "《运河人家》网络剧", "content")
        application = self.reviewed(
            application,
            [
                ("approve", "86", "项目内容导向正确，制作团队成熟，建议予以支持。"),
                ("approve", "82", "预算基本合理，建议按申请额度的八成支持。"),
            ],
        )
        application = self.submit(
            self.fund_application(fund, withdrawn, "短视频创作者孵化计划", "platform")
        )
        services.withdraw_application(application, actor=self.platform_admin)
        application = self.fund_application(fund, rejected, "视听设备租赁平台升级", "platform")
        application = self.reviewed(
            application, [("reject", "58", "项目以设备租赁为主，不属于本专项支持方向。")]
        )
        self.decide(
            application,
            "reject",
            comment="项目以设备租赁经营为主，不属于本年度专项资金支持方向。",
        )

        # Key projects: the producer's application returned for revision; another approved.
        application = self.draft(
            key_project,
            self.producer,
            {"project_name": "之江光影微短剧制作基地", "investment": "3200"},
            Decimal("2000000"),
            actor=producer_admin,
        )
        application = self.submit(application, actor=producer_admin)
        self.park_passes(application)
        self.opinions(application, [("return", "74", "需补充投资测算和资金来源证明。")])
        self.decide(
            application,
            "return",
            comment="请补充项目投资测算明细和自有资金来源证明后重新提交。",
        )
        (partner,) = self.candidates(key_project, 1, taken)
        taken.append(partner.pk)
        application = self.draft(
            key_project,
            partner,
            {"project_name": "虚拟制片棚建设项目", "investment": "5600"},
            Decimal("3000000"),
        )
        application = self.reviewed(application, [("approve", "90", "技术先进，带动作用明显。")])
        self.decide(application, "approve", amount=Decimal("2500000"))

        # Fine-art creation: the producer and another enterprise approved, one the park
        # turned down; the approved list publicised, with an objection answered.
        application = self.draft(
            fine_art,
            self.producer,
            {"work_title": "《钱塘潮声》", "form": "series", "episodes": "24"},
            Decimal("600000"),
            actor=producer_admin,
        )
        application = self.submit(application, actor=producer_admin)
        self.park_passes(application)
        self.opinions(
            application,
            [
                ("approve", "92", "题材立意好，展现新时代浙江风貌，建议重点扶持。"),
                ("approve", "88", "剧本成熟，主创团队有代表作品。"),
            ],
        )
        self.decide(application, "approve", amount=Decimal("500000"))
        approved_too, turned_down = self.candidates(fine_art, 2, taken)
        application = self.draft(
            fine_art,
            approved_too,
            {"work_title": "《西溪四季》", "form": "documentary", "episodes": "6"},
            Decimal("400000"),
        )
        application = self.reviewed(application, [("approve", "85", "纪录片选题具有地方特色。")])
        self.decide(application, "approve", amount=Decimal("300000"))
        application = self.submit(
            self.draft(
                fine_art,
                turned_down,
                {"work_title": "《像素江湖》", "form": "animation"},
                Decimal("800000"),
            )
        )
        reviews.decide(
            application.review_case,
            actor=self.park_admin,
            stage_key="park_opinion",
            decision="reject",
            comment="作品尚处于概念阶段，未完成剧本创作，暂不推荐。",
        )
        self.notice(fine_art)

    def fund_application(self, fund, enterprise, project, direction):
        return self.draft(
            fund,
            enterprise,
            {
                "project_name": project,
                "direction": direction,
                "investment": "860",
                "completion": (self.now + timedelta(days=300)).date().isoformat(),
            },
            Decimal("500000"),
        )

    def notice(self, programme):
        notice = services.create_notice(
            programme,
            actor=self.chief,
            title=f"关于{programme.title}拟支持名单的公示",
            title_en=f"Public notice of the proposed recipients: {programme.title_en}",
            body="根据企业申报、园区初审和专家评审结果，现将拟支持名单予以公示。公示期内如有"
            "异议，请通过本页面实名或匿名反映，并写明事实和理由。",
            body_en="Following the applications, the parks' first opinions and the expert "
            "review, the proposed recipients are publicised below. Objections may be made on "
            "this page while the notice is open, stating the facts and reasons.",
            objection_days=7,
        )
        notice = services.publish_notice(notice, actor=self.chief)
        objection = services.record_objection(
            notice,
            text="名单中《钱塘潮声》项目的出品方是否已取得广播电视节目制作经营许可？请核实。",
            name="王先生",
            contact="13900571234",
        )
        services.answer_objection(
            objection,
            actor=self.chief,
            answer="经核实，出品方杭州之江光影文化传媒有限公司持有有效的《广播电视节目制作经营"
            "许可证》，符合申报条件，维持公示结果。",
        )
