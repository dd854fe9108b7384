"""The awards story of the demo: the 2022 industry TV excellent-works selection whose honour
ceremony the demo's events hold in Foshan in February 2023, told through the award services.

The selection's real call ran from June to August and its first round in November; its
results were announced at the ceremony. Here the zone's coordination office keeps the
selection's secretariat on the platform (an illustration: the real secretariat is the
industry TV committee of the China TV Artists Association, listed as host by name). The
edition number, the broadcast window, the quotas, the rubric, the jurors and every entry are
the demo's own, written for it; so are the scores.

* Six categories, as the selection has them, with quotas per level.
* Entries from demo enterprises, found eligible by the secretariat and shown publicly for five
  working days.
* A jury of six voting jurors and a non-voting chair. One juror works for the demo enterprise
  (Hangzhou Zhijiang Light and Shadow) and is kept off its works, with the reason listed.
* A final round scored on the rubric, tallied (mean, trimmed mean, normalised score), results
  on notice for seven days with one objection answered, the honour list made final in January
  2023 and a certificate issued for every award.

Every step runs under ``demo_clock`` on its day.
"""

from datetime import date

from django.contrib.auth import get_user_model

from cloudpark.awards import services
from cloudpark.awards.models import Scheme
from cloudpark.awards.services.common import entrants
from cloudpark.demo import data
from cloudpark.demo.bases import demo_clock
from cloudpark.demo.files import pdf_file
from cloudpark.events.models import Event
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs import services as org_services
from cloudpark.orgs.models import Enterprise
from cloudpark.reviews import enums as review_enums
from cloudpark.reviews import services as review_services

CODE = "HYTV"
EDITION = 29
CEREMONY_TITLE = "2022年度行业电视节目优秀作品创作交流活动及2022行业电视荣誉盛典"
OPENED_ON = date(2022, 6, 6)
ELIGIBLE_ON = date(2022, 8, 15)
JUDGING_ON = date(2022, 11, 7)
SCORED_ON = date(2022, 11, 21)
TALLIED_ON = date(2022, 12, 12)
PUBLISHED_ON = date(2022, 12, 20)
ANSWERED_ON = date(2022, 12, 23)
FINAL_ON = date(2023, 1, 4)
ISSUED_ON = date(2023, 1, 10)

CATEGORIES = (
    ("DOC", "纪录片", "Documentary", {"first": 1, "second": 1, "third": 1}),
    ("SV", "短视频", "Short video", {"first": 1, "second": 1}),
    ("PROMO", "宣传片", "Promotional film", {"first": 1, "second": 2}),
    ("NEWS", "行业新闻", "Industry news", {"first": 1, "second": 2}),
    ("SCI", "科教", "Science and education", {"first": 1, "second": 2}),
    ("ARTS", "文艺节目", "Arts programme", {"first": 1, "second": 2}),
)
CRITERIA = (
    ("思想内涵", "Ideas and meaning", "4"),
    ("艺术表现", "Artistic expression", "3"),
    ("制作水平", "Production craft", "3"),
)
# (key, name, title): the chair, then the voting jurors; the demo's own people.
JURORS = (
    ("chair", "杜文涛", "行业电视研究学者"),
    ("person@demo.cloudpark.cn", "王梓涵", "纪录片导演"),
    ("juror-2", "陆言", "电视节目制片人"),
    ("juror-3", "方敏之", "高校传媒学院教授"),
    ("juror-4", "韩桥", "资深摄影师"),
    ("juror-5", "钱语冰", "新闻评论员"),
    # Works for the demo enterprise: kept off its works.
    ("insider", "沈嘉树", "影视后期总监"),
)
INSIDER_EMAIL = "juror.insider@demo.cloudpark.cn"
# (enterprise: "demo", "service" or the index of a generated one; category; title; column;
# broadcast day; minutes, seconds; credits; the scores of the jurors who judge it, in the
# jury's order)
ENTRIES = (
    (
        "demo",
        "DOC",
        "《钱塘潮声》",
        "行业视点",
        date(2022, 3, 18),
        (28, 40),
        (("导演", "沈若溪"), ("摄像", "许知远")),
        (9.2, 9.0, 8.8, 9.4, 9.1, 9.0),
    ),
    (
        "demo",
        "SV",
        "《一根丝的旅程》",
        "短视频专栏",
        date(2022, 5, 2),
        (3, 15),
        (("编导", "林嘉怡"),),
        (8.6, 8.9, 8.4, 8.8, 8.7, 8.5),
    ),
    (
        "service",
        "DOC",
        "《山村夜校》",
        "纪实频道",
        date(2021, 11, 9),
        (31, 5),
        (("导演", "陆明川"), ("撰稿", "夏禾")),
        (8.5, 8.1, 8.9, 7.2, 8.4, 8.6),
    ),
    (
        0,
        "DOC",
        "《运河船工》",
        "人文纪实",
        date(2022, 1, 21),
        (26, 30),
        (("导演", "郑一舟"),),
        (7.8, 8.2, 8.0, 8.1, 9.6, 7.9),
    ),
    (
        1,
        "SV",
        "《桥上的早点铺》",
        "城市记忆",
        date(2022, 4, 12),
        (2, 58),
        (("编导", "杨帆"),),
        (9.0, 8.7, 9.1, 8.9, 9.2, 8.8),
    ),
    (
        2,
        "SV",
        "《港口的夜班》",
        "行业新闻眼",
        date(2022, 6, 1),
        (4, 2),
        (("记者", "孔令舒"),),
        (8.0, 7.6, 8.3, 7.9, 8.1, 7.7),
    ),
)
RECOMMENDER = "浙江省广播电视局"
OBJECTION = (
    "《运河船工》片中一处航运数据与公开统计不一致，请核实后再确定其获奖等级。",
    "经核实，该数据出自2021年航运年鉴，片中引用无误；评分与排名维持不变。",
)


def is_loaded():
    return Scheme.objects.filter(code=CODE, edition=EDITION).exists()


class AwardsLoader:
    def __init__(self, *, organizations, users, platform_admin):
        self.organizations = organizations
        self.users = users
        self.platform_admin = platform_admin
        self.secretariat = organizations[data.ZONE_OFFICE]
        self.organiser = users["zone@demo.cloudpark.cn"]

    def load(self):
        if is_loaded():
            return
        scheme = self.set_up()
        entries = self.enter(scheme)
        jurors = self.appoint(scheme)
        self.judge(scheme, entries, jurors)
        self.publish(scheme, entries)

    def set_up(self):
        with demo_clock(date(2022, 6, 1)):
            scheme = services.create_scheme(
                owner=self.secretariat,
                actor=self.organiser,
                code=CODE,
                edition=EDITION,
                year=2022,
                title="2022年度行业电视节目优秀作品推选",
                title_en="2022 Industry TV Excellent Works Selection",
                description="面向各行业电视机构和制作单位，推选年度优秀纪录片、短视频、宣传片、"
                "行业新闻、科教和文艺节目。",
                description_en="The year's best documentaries, short videos, promotional films, "
                "industry news, science and education and arts programmes from industry TV.",
                eligible_from=date(2021, 7, 1),
                eligible_until=date(2022, 6, 30),
                entries_open_on=OPENED_ON,
                entries_close_on=date(2022, 8, 5),
                objection_channel="推选活动秘书处（国家文化产业创新实验区协调办公室），"
                "北京市朝阳区，电话 010-65000000；异议须署真实姓名并写明具体事实。",
                ceremony=Event.objects.filter(title=CEREMONY_TITLE).first(),
            )
            for role, name, name_en in (
                ("guidance", "中国电视艺术家协会", "China TV Artists Association"),
                (
                    "host",
                    "中国视协行业电视委员会",
                    "Industry TV Committee of the China TV Artists Association",
                ),
                ("host", "中国教育电视台", "China Education Television"),
            ):
                services.add_organizer(
                    scheme, actor=self.organiser, role=role, name=name, name_en=name_en
                )
            services.add_organizer(
                scheme, actor=self.organiser, role="organizer", organization=self.secretariat
            )
            for code, name, name_en, quotas in CATEGORIES:
                services.add_category(
                    scheme,
                    actor=self.organiser,
                    code=code,
                    name=name,
                    name_en=name_en,
                    quotas=quotas,
                )
            for name, name_en, weight in CRITERIA:
                services.add_criterion(
                    scheme, actor=self.organiser, name=name, name_en=name_en, weight=weight
                )
            services.add_round(scheme, actor=self.organiser, kind="final", mode="scored")
        with demo_clock(OPENED_ON):
            return services.open_scheme(scheme, actor=self.organiser)

    def enterprise(self, which):
        if which == "demo":
            return self.organizations[data.DEMO_ENTERPRISE]
        if which == "service":
            return self.organizations[data.SERVICE_ENTERPRISE]
        fixed = [
            self.organizations[data.DEMO_ENTERPRISE].pk,
            self.organizations[data.SERVICE_ENTERPRISE].pk,
        ]
        return Enterprise.objects.exclude(pk__in=fixed).order_by("pk")[which]

    def entrant(self, enterprise):
        people = entrants(enterprise)
        return people[0] if people else self.platform_admin

    def enter(self, scheme):
        entries = []
        for index, (
            which,
            category,
            title,
            column,
            broadcast_on,
            length,
            credits,
            scores,
        ) in enumerate(ENTRIES):
            enterprise = self.enterprise(which)
            actor = self.entrant(enterprise)
            with demo_clock(date(2022, 7, 4 + index)):
                entry = services.draft_entry(
                    scheme,
                    submitter=enterprise,
                    actor=actor,
                    category=scheme.categories.get(code=category),
                    title=title,
                    recommender_name=RECOMMENDER,
                    broadcast_on=broadcast_on,
                    column=column,
                    length_seconds=length[0] * 60 + length[1],
                    recommendation="该作品主题鲜明，制作精良，符合推选条件，同意推荐。",
                    media_url=f"https://video.demo.cloudpark.cn/hytv/2022/{index + 1}",
                    credits=[{"role": role, "name": name} for role, name in credits],
                    recommendation_scan=pdf_file(
                        f"推荐表-{index + 1}.pdf", "sealed recommendation"
                    ),
                )
                entry = services.submit_entry(entry, actor=actor)
            with demo_clock(ELIGIBLE_ON):
                review_services.decide(
                    entry.review_case,
                    actor=self.organiser,
                    stage_key=entry.review_case.stage_key,
                    decision=review_enums.Decision.APPROVE,
                )
            entries.append((entry, scores))
        return entries

    def juror_account(self, key, name):
        users = get_user_model().objects
        if key in self.users:
            return self.users[key]
        email = INSIDER_EMAIL if key == "insider" else f"{key}@demo.cloudpark.cn"
        user = users.filter(email=email).first()
        if user is None:
            user = users.create_user(email, None, name=name)
            user.set_unusable_password()
            user.save(update_fields=["password"])
        return user

    def appoint(self, scheme):
        jurors = []
        with demo_clock(date(2022, 10, 10)):
            insider = self.juror_account("insider", "沈嘉树")
            org_services.add_member(
                self.organizations[data.DEMO_ENTERPRISE],
                insider,
                role=org_enums.Role.STAFF,
                actor=self.platform_admin,
            )
            for key, name, title in JURORS:
                chair = key == "chair"
                jurors.append(
                    services.appoint_juror(
                        scheme,
                        actor=self.organiser,
                        user=self.juror_account(key, name),
                        name=name,
                        title=title,
                        is_chair=chair,
                        is_voting=not chair,
                    )
                )
            services.declare_relation(
                jurors[3],
                actor=jurors[3].user,
                kind="person",
                person_name="夏禾",
                description="曾共同主持研究课题",
            )
        return jurors

    def judge(self, scheme, entries, jurors):
        voting = [juror for juror in jurors if juror.is_voting]
        with demo_clock(JUDGING_ON):
            services.start_judging(scheme, actor=self.organiser)
            judging_round = services.assign_round(scheme.rounds.get(), actor=self.organiser)
        with demo_clock(SCORED_ON):
            for entry, scores in entries:
                judges = [
                    juror
                    for juror in voting
                    if juror.assignments.filter(round=judging_round, entry=entry).exists()
                ]
                for juror, score in zip(judges, scores[: len(judges)], strict=True):
                    services.score_entry(
                        judging_round,
                        entry,
                        actor=juror.user,
                        scores={
                            criterion.pk: (f"{min(10, score + bump):.1f}", "")
                            for criterion, bump in zip(
                                scheme.criteria.all(), (0.2, -0.1, 0.0), strict=True
                            )
                        },
                    )
        with demo_clock(TALLIED_ON):
            services.close_round(judging_round, actor=self.organiser)
            services.tally_round(judging_round, actor=self.organiser)

    def publish(self, scheme, entries):
        with demo_clock(PUBLISHED_ON):
            scheme = services.publish_results(scheme, actor=self.organiser)
            objection = services.raise_objection(
                entries[3][0],
                name="赵恒",
                organization_name="某航运报社",
                contact="zhaoheng@example.cn",
                text=OBJECTION[0],
            )
        with demo_clock(ANSWERED_ON):
            services.answer_objection(
                objection, actor=self.organiser, upheld=False, answer=OBJECTION[1]
            )
        with demo_clock(FINAL_ON):
            scheme = services.finalise_results(scheme, actor=self.organiser)
        with demo_clock(ISSUED_ON):
            services.issue_certificates(scheme, actor=self.organiser)
