"""The demo's talent and jobs, written through the services.

The base's film and TV company posts jobs; the base reviews them before they go out, and
one still awaits its review. People of the zone keep résumés
and apply, and their applications stand in every state a hiring takes. The zone office's
director, who speaks at the zone's forum, finds that talk on her résumé as a verified credit.

Every posting, person and résumé is illustrative. Validity dates count from the day the demo
is loaded, so that the job list is never empty; one posting is then let run past its date,
as time would, to show an expired posting leaving the list.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from cloudpark.demo import data
from cloudpark.events.models import Event
from cloudpark.jobs import enums, services
from cloudpark.jobs.enums import ApplicationState
from cloudpark.jobs.models import JobPosting
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs.models import Region
from cloudpark.reviews import enums as review_enums
from cloudpark.reviews import services as review_services

C = enums.JobCategory
E = enums.Experience
D = enums.Education
N = enums.JobNature

HANGZHOU = "330100"
XIHU = "330106"


@dataclass(frozen=True)
class PostingPlan:
    key: str
    enterprise: str
    title: str
    category: str
    experience: str
    education: str
    salary: tuple  # (from, to, months)
    skills: tuple
    description: str
    conditions: str
    benefits: str
    nature: str = N.FULL_TIME
    headcount: int = 1
    valid_days: int = 45
    # "published", "in_review", "draft", "closed" or "expired"
    outcome: str = "published"


BENEFITS = "五险一金，补充医疗保险，带薪年假，园区食堂与班车，项目奖金。"

POSTINGS = (
    PostingPlan(
        "editor",
        data.DEMO_ENTERPRISE,
        "剧集剪辑师",
        C.EDITING,
        E.THREE_TO_FIVE,
        D.BACHELOR,
        (12, 18, 14),
        ("达芬奇", "Premiere", "剧集"),
        "负责网络剧集从粗剪到精剪的全流程，与导演、调色和声音部门协作完成交付。",
        "三年以上剧集或电影剪辑经验，有上线作品；熟悉达芬奇或Premiere工作流程。",
        BENEFITS,
        headcount=2,
    ),
    PostingPlan(
        "writer",
        data.DEMO_ENTERPRISE,
        "网络剧编剧",
        C.SCREENWRITING,
        E.ONE_TO_THREE,
        D.BACHELOR,
        (10, 15, 13),
        ("剧本创作", "分场大纲"),
        "参与短剧和网络剧项目的策划，撰写分集大纲和剧本，配合制片推进修改。",
        "有完整署名作品或获奖剧本优先；熟悉网络视听节目内容审核要求。",
        BENEFITS,
    ),
    PostingPlan(
        "colorist",
        data.DEMO_ENTERPRISE,
        "调色师",
        C.CINEMATOGRAPHY,
        E.ONE_TO_THREE,
        D.COLLEGE,
        (9, 14, 13),
        ("调色", "达芬奇"),
        "负责剧集和宣传片的调色，建立项目色彩风格，与摄影指导沟通画面意图。",
        "熟练使用达芬奇调色，有HDR交付经验者优先。",
        BENEFITS,
    ),
    PostingPlan(
        "compositor",
        data.DEMO_ENTERPRISE,
        "视效合成师",
        C.VISUAL_EFFECTS,
        E.THREE_TO_FIVE,
        D.COLLEGE,
        (15, 25, 13),
        ("Nuke", "合成"),
        "负责剧集镜头的抠像、擦除和合成，参与视效流程规划。",
        "熟练使用Nuke，有剧集视效项目经历。",
        BENEFITS,
        outcome="in_review",
    ),
    PostingPlan(
        "intern",
        data.DEMO_ENTERPRISE,
        "新媒体运营实习生",
        C.OPERATIONS,
        E.ANY,
        D.ANY,
        (3, 4, 12),
        ("短视频", "文案"),
        "协助运营剧集官方账号，策划短视频选题和宣发物料。",
        "每周到岗四天以上，实习三个月以上。",
        "实习补贴，表现优秀者可转正。",
        nature=N.INTERNSHIP,
        valid_days=20,
        outcome="expired",
    ),
    PostingPlan(
        "producer",
        data.DEMO_ENTERPRISE,
        "制片助理",
        C.PRODUCING,
        E.ONE_TO_THREE,
        D.BACHELOR,
        (8, 12, 13),
        ("预算", "统筹"),
        "协助制片人管理拍摄计划、预算和外联，跟进后期进度。",
        "有剧组统筹或制片经验，沟通能力强。",
        BENEFITS,
        outcome="closed",
    ),
    PostingPlan(
        "sound",
        data.DEMO_ENTERPRISE,
        "声音设计师",
        C.SOUND,
        E.ONE_TO_THREE,
        D.COLLEGE,
        (9, 15, 13),
        ("Pro Tools", "拟音"),
        "为公司出品的剧集和纪录片做声音设计、对白编辑和混录。",
        "熟悉Pro Tools，有影视混录经验者优先。",
        BENEFITS,
    ),
    PostingPlan(
        "engineer",
        data.DEMO_ENTERPRISE,
        "技术支持工程师",
        C.TECHNOLOGY,
        E.ONE_TO_THREE,
        D.BACHELOR,
        (10, 16, 13),
        ("存储", "网络"),
        "维护公司后期制作平台的存储、渲染和网络设备，响应各项目组的技术需求。",
        "熟悉Linux和网络存储，能适应项目交付期间的值班安排。",
        BENEFITS,
        outcome="draft",
    ),
)


@dataclass(frozen=True)
class SeekerPlan:
    email: str
    name: str
    mobile: str
    headline: str
    categories: tuple
    experience: str
    education: str
    skills: tuple
    visibility: str = enums.ResumeVisibility.OPEN
    school: tuple = ()  # (school, degree, major, from, to)
    jobs: tuple = ()  # (employer, role, category, from, to, what)
    works: tuple = ()  # (title, role, year)
    # (posting key, the state the application reaches)
    applications: tuple = ()
    follows: tuple = field(default_factory=tuple)


PERSON_EMAIL = "person@demo.cloudpark.cn"
ZONE_EMAIL = "zone@demo.cloudpark.cn"

SEEKERS = (
    SeekerPlan(
        PERSON_EMAIL,
        "王梓涵",
        "19857162207",
        "剧集剪辑师，五年网络剧后期经验",
        (C.EDITING, C.CINEMATOGRAPHY),
        E.THREE_TO_FIVE,
        D.BACHELOR,
        ("达芬奇", "Premiere", "调色"),
        school=(("浙江传媒学院", D.BACHELOR, "影视摄影与制作", 2015, 2019),),
        jobs=(("杭州某影视后期公司", "剪辑师", C.EDITING, 2019, None, "参与四部网络剧的剪辑。"),),
        works=(("《运河人家》", "剪辑", 2023), ("《城市微光》", "剪辑指导", 2024)),
        applications=(
            ("editor", ApplicationState.INTERVIEW),
            ("colorist", ApplicationState.APPLIED),
        ),
        follows=("enterprise", "park", "event"),
    ),
    SeekerPlan(
        ZONE_EMAIL,
        "李京华",
        "13601165532",
        "文化产业园区运营与政策研究",
        (C.MANAGEMENT,),
        E.OVER_TEN,
        D.MASTER,
        ("园区运营", "政策研究"),
        visibility=enums.ResumeVisibility.ON_APPLY,
        school=(("中国传媒大学", D.MASTER, "文化产业管理", 2005, 2008),),
    ),
    SeekerPlan(
        "zhao.yiming@people.demo.cloudpark.cn",
        "赵一鸣",
        "13867001021",
        "电影剪辑，擅长节奏与叙事",
        (C.EDITING,),
        E.FIVE_TO_TEN,
        D.BACHELOR,
        ("Avid", "达芬奇"),
        applications=(("editor", ApplicationState.HIRED),),
    ),
    SeekerPlan(
        "qian.xiaoyu@people.demo.cloudpark.cn",
        "钱晓雨",
        "13867001022",
        "网络剧编剧",
        (C.SCREENWRITING,),
        E.ONE_TO_THREE,
        D.MASTER,
        ("剧本创作",),
        applications=(("writer", ApplicationState.OFFER),),
    ),
    SeekerPlan(
        "sun.haoran@people.demo.cloudpark.cn",
        "孙浩然",
        "13867001023",
        "剪辑师",
        (C.EDITING,),
        E.ONE_TO_THREE,
        D.COLLEGE,
        ("Premiere",),
        applications=(("editor", ApplicationState.SHORTLISTED),),
    ),
    SeekerPlan(
        "zhou.kexin@people.demo.cloudpark.cn",
        "周可欣",
        "13867001024",
        "声音设计与拟音",
        (C.SOUND, C.SCREENWRITING),
        E.ONE_TO_THREE,
        D.BACHELOR,
        ("Pro Tools", "拟音"),
        applications=(
            ("sound", ApplicationState.VIEWED),
            ("writer", ApplicationState.WITHDRAWN),
        ),
    ),
    SeekerPlan(
        "wu.tianyou@people.demo.cloudpark.cn",
        "吴天佑",
        "13867001025",
        "短视频剪辑",
        (C.EDITING,),
        E.GRADUATE,
        D.COLLEGE,
        ("剪映",),
        applications=(("editor", ApplicationState.DECLINED),),
    ),
    SeekerPlan(
        "zheng.yating@people.demo.cloudpark.cn",
        "郑雅婷",
        "13867001026",
        "制片统筹",
        (C.PRODUCING,),
        E.ONE_TO_THREE,
        D.BACHELOR,
        ("统筹", "预算"),
        applications=(("producer", ApplicationState.APPLIED),),
    ),
)

# The employer's steps to each state, and the note that goes with each.
STEPS = {
    ApplicationState.APPLIED: (),
    ApplicationState.VIEWED: (ApplicationState.VIEWED,),
    ApplicationState.SHORTLISTED: (ApplicationState.SHORTLISTED,),
    ApplicationState.INTERVIEW: (ApplicationState.SHORTLISTED, ApplicationState.INTERVIEW),
    ApplicationState.OFFER: (ApplicationState.INTERVIEW, ApplicationState.OFFER),
    ApplicationState.HIRED: (ApplicationState.INTERVIEW, ApplicationState.OFFER),
    ApplicationState.DECLINED: (ApplicationState.VIEWED, ApplicationState.DECLINED),
    ApplicationState.WITHDRAWN: (),
}
INTERVIEW_NOTE = "下周三下午两点，之江基地A座三楼会议室，请携带作品集。"


class JobsLoader:
    def __init__(self, *, organizations, users, platform_admin):
        self.organizations = organizations
        self.users = users
        self.platform_admin = platform_admin
        self.today = timezone.localdate()
        self.regions = {code: Region.objects.get(code=code) for code in (HANGZHOU, XIHU)}
        self.postings = {}

    def load(self):
        park = self.organizations[data.ZHIJIANG]
        services.set_park_review(park, actor=self.admin_of(park), required=True)
        for plan in POSTINGS:
            self.postings[plan.key] = self.post(plan)
        for plan in SEEKERS:
            self.seek(plan)
        self.close_and_expire()

    def admin_of(self, organization):
        return next(
            membership.user
            for membership in organization.memberships.filter(
                role=org_enums.Role.ADMIN, is_active=True
            ).select_related("user")
        )

    def person(self, email, name, mobile):
        users = get_user_model().objects
        user = self.users.get(email) or users.filter(email=email).first()
        if user is None:
            # Demo people who apply but never sign in: no password.
            user = users.create_user(email, None, name=name, mobile=mobile)
        self.users[email] = user
        return user

    def post(self, plan):
        enterprise = self.organizations[plan.enterprise]
        actor = self.admin_of(enterprise)
        low, high, months = plan.salary
        posting = services.create_posting(
            enterprise,
            actor=actor,
            values={
                "title": plan.title,
                "category": plan.category,
                "nature": plan.nature,
                "headcount": plan.headcount,
                "salary_min": low,
                "salary_max": high,
                "salary_months": months,
                "experience": plan.experience,
                "education": plan.education,
                "city": self.regions[HANGZHOU],
                "district": self.regions[XIHU],
                "skills": list(plan.skills),
                "description": plan.description,
                "conditions": plan.conditions,
                "benefits": plan.benefits,
                "valid_until": self.today + timedelta(days=plan.valid_days),
            },
        )
        if plan.outcome == "draft":
            return posting
        posting = services.publish_posting(posting, actor=actor)
        if plan.outcome != "in_review" and posting.state == enums.PostingState.IN_REVIEW:
            case = services.case_of(posting)
            review_services.decide(
                case,
                actor=self.admin_of(posting.park),
                stage_key=case.stage_key,
                decision=review_enums.Decision.APPROVE,
            )
            posting.refresh_from_db()
        return posting

    def seek(self, plan):
        user = self.person(plan.email, plan.name, plan.mobile)
        profile = services.save_profile(
            user,
            actor=user,
            values={
                "headline": plan.headline,
                "summary": "",
                "city": self.regions[HANGZHOU],
                "district": self.regions[XIHU],
                "categories": list(plan.categories),
                "experience": plan.experience,
                "education": plan.education,
                "skills": list(plan.skills),
                "visibility": plan.visibility,
            },
        )
        for school, degree, major, start, end in plan.school:
            services.add_profile_row(
                profile,
                "education",
                actor=user,
                values={
                    "school": school,
                    "degree": degree,
                    "major": major,
                    "start_year": start,
                    "end_year": end,
                },
            )
        for employer, role, category, start, end, what in plan.jobs:
            services.add_profile_row(
                profile,
                "experience",
                actor=user,
                values={
                    "employer": employer,
                    "role": role,
                    "category": category,
                    "start_year": start,
                    "end_year": end,
                    "description": what,
                },
            )
        for title, role, year in plan.works:
            services.add_profile_row(
                profile, "work", actor=user, values={"title": title, "role": role, "year": year}
            )
        for key, state in plan.applications:
            self.apply(user, self.postings[key], state)
        for target in plan.follows:
            services.follow(user, self.follow_target(target))

    def follow_target(self, target):
        if target == "enterprise":
            return self.organizations[data.DEMO_ENTERPRISE]
        if target == "park":
            return self.organizations[data.ZHIJIANG]
        zone = self.organizations[data.ZONE_OFFICE]
        return Event.objects.filter(owner=zone, parent=None, status="published").first() or zone

    def apply(self, user, posting, state):
        application = services.apply_for(
            posting,
            applicant=user,
            consent=True,
            cover_letter="您好，附上我的简历和作品，期待进一步沟通。",
        )
        employer = self.admin_of(posting.enterprise)
        for step in STEPS[state]:
            if step == ApplicationState.VIEWED:
                services.mark_viewed(application, actor=employer)
                continue
            note = INTERVIEW_NOTE if step == ApplicationState.INTERVIEW else ""
            services.move_application(application, step, actor=employer, note=note)
            if step == ApplicationState.INTERVIEW and state != ApplicationState.INTERVIEW:
                services.accept_interview(application, actor=user)
        if state == ApplicationState.HIRED:
            services.answer_offer(application, actor=user, accept=True)
        if state == ApplicationState.WITHDRAWN:
            services.withdraw_application(application, actor=user)
        return application

    def close_and_expire(self):
        for plan in POSTINGS:
            posting = self.postings[plan.key]
            if plan.outcome == "closed":
                services.close_posting(posting, actor=self.admin_of(posting.enterprise))
            if plan.outcome == "expired":
                # Time passing is what expires a posting; the demo lets it pass at once.
                JobPosting.objects.filter(pk=posting.pk).update(
                    valid_until=self.today - timedelta(days=3)
                )
