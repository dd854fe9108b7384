"""The demo's news, written through the news services and the review engine.

The Zhejiang bureau keeps department news (read first by its reviewer, then approved by its
chief), notices, policy interpretation, industry news and its disclosure catalogue; the
Zhijiang base keeps its park news. The articles are about the events and bases the demo
already holds, in our own words; each Chinese article has its English version.

One article went out with the wrong host city for the 2021 China Internet Media Forum: a
reader asked for a correction, the bureau corrected it in both languages (the correction
keeps the corrected text as a revision and reaches the subscriber who was sent the article)
and answered the request. A clarification answers a made-up rumour that the base had stopped
admitting enterprises, published once the base's chief editor approved it; another, on a
made-up rumour about base accreditation, awaits the bureau's chief editor in the review room.
The disclosure items went through the same review; they and their document numbers are
illustrative. Each editor has a draft in progress, and the base has a request for a right of
reply to answer.
"""

from datetime import date, timedelta

from django.utils import timezone

from cloudpark.demo import data
from cloudpark.demo.files import pdf_file
from cloudpark.events.models import Event
from cloudpark.news import enums, services
from cloudpark.news.models import Article, Channel
from cloudpark.programs.models import Policy
from cloudpark.reviews import enums as review_enums
from cloudpark.reviews import services as review_services

CHIEF = "gov@demo.cloudpark.cn"
REVIEWER = "reviewer@demo.cloudpark.cn"
PARK_ADMIN = "park@demo.cloudpark.cn"
READER = "person@demo.cloudpark.cn"
ANCHOR_SLUG = "zhejiang-department-news"

CHANNELS = {
    "department": (
        enums.ChannelKind.DEPARTMENT_NEWS,
        ANCHOR_SLUG,
        "工作动态",
        "Department news",
        2,
    ),
    "notice": (enums.ChannelKind.NOTICE, "zhejiang-notices", "通知公告", "Notices", 1),
    "policy": (
        enums.ChannelKind.POLICY_INTERPRETATION,
        "zhejiang-policy",
        "政策解读",
        "Policy interpretation",
        1,
    ),
    "industry": (
        enums.ChannelKind.INDUSTRY_NEWS,
        "zhejiang-industry",
        "行业资讯",
        "Industry news",
        1,
    ),
    "disclosure": (
        enums.ChannelKind.DISCLOSURE,
        "zhejiang-disclosure",
        "政府信息公开",
        "Government information disclosure",
        1,
    ),
}

FORUM_BODY = (
    "<p>2021中国网络媒体论坛在杭州开幕。论坛以“发展与秩序”为主题，主论坛之外还设有多个平行"
    "论坛，并同期举办网络媒体新技术新应用展示。</p>"
    "<p>我省多家网络视听企业参加了展示和交流，介绍了超高清制作和融媒体传播方面的做法。</p>"
)
FORUM_BODY_EN = (
    "<p>The 2021 China Internet Media Forum opened in Hangzhou. Under the theme of development "
    "and order, it held parallel forums beside the main session and a showcase of new "
    "technology for online media.</p>"
    "<p>Several audiovisual enterprises of the province took part, presenting their work in "
    "ultra-high-definition production and converged media.</p>"
)


class NewsLoader:
    def __init__(self, *, organizations, users):
        self.bureau = organizations[data.ZHEJIANG_BUREAU]
        self.zhijiang = organizations[data.ZHIJIANG]
        self.chief = users[CHIEF]
        self.reviewer = users[REVIEWER]
        self.park_admin = users[PARK_ADMIN]
        self.reader = users[READER]

    def load(self):
        if is_loaded():
            return
        channels = {
            key: services.open_channel(
                self.bureau,
                actor=self.chief,
                kind=kind,
                slug=slug,
                name=name,
                name_en=name_en,
                review_stages=stages,
            )
            for key, (kind, slug, name, name_en, stages) in CHANNELS.items()
        }
        park_news = services.open_channel(
            self.zhijiang,
            actor=self.park_admin,
            kind=enums.ChannelKind.PARK_NEWS,
            slug="zhijiang-park-news",
            name="基地动态",
            name_en="Base news",
        )
        services.subscribe(channels["department"], user=self.reader)
        forum = self.forum_article(channels["department"])
        self.film_week_article(channels["industry"])
        self.policy_article(channels["policy"])
        self.notice(channels["notice"])
        base_news = self.base_article(park_news)
        self.corrected_forum(forum)
        self.clarification(base_news)
        self.disclosures(channels["disclosure"])
        self.clarification_in_review()
        self.work_in_progress(channels["department"], park_news, base_news)

    # Publishing ------------------------------------------------------------------------------

    def publish(self, channel, *, actor, chief, first_reader=None, files=(), **values):
        """Draft, submit and approve an article through each stage of its channel."""
        article = services.draft_article(channel, actor=actor, **values)
        for uploaded in files:
            services.attach_file(article, actor=actor, uploaded=uploaded)
        article = services.submit_article(article, actor=actor)
        self.approve(article, chief=chief, first_reader=first_reader)
        return Article.objects.get(pk=article.pk)

    def approve(self, publication, *, chief, first_reader=None):
        """Take a submitted publication through each stage of its review to the approval."""
        case = services.case_of(publication)
        while case.is_open:
            if case.flow.is_last_for(case, case.stage_key):
                decider, decision = chief, review_enums.Decision.APPROVE
            else:
                decider, decision = first_reader or chief, review_enums.Decision.ADVANCE
            case = review_services.decide(
                case, actor=decider, stage_key=case.stage_key, decision=decision
            )

    def bureau_article(self, channel, **values):
        return self.publish(
            channel, actor=self.chief, chief=self.chief, first_reader=self.reviewer, **values
        )

    def forum_article(self, channel):
        event = Event.objects.filter(title="2021中国网络媒体论坛", parent=None).first()
        links = {"events": [event]} if event else {}
        chinese = self.bureau_article(
            channel,
            title="2021中国网络媒体论坛开幕，我省视听企业参展交流",
            subtitle="主论坛与平行论坛同期举行",
            author="省局宣传处",
            editor="周文清",
            summary="论坛以“发展与秩序”为主题，我省多家视听企业参加展示。",
            body=FORUM_BODY,
            tags=["网络媒体", "论坛"],
            **links,
        )
        self.bureau_article(
            channel,
            original=chinese,
            title="2021 China Internet Media Forum opens; the province's audiovisual firms "
            "take part",
            subtitle="Main session and parallel forums",
            author="Publicity office of the bureau",
            editor="Zhou Wenqing",
            body=FORUM_BODY_EN,
            tags=["online media", "forum"],
            **links,
        )
        return chinese

    def film_week_article(self, channel):
        event = Event.objects.filter(title="2022中国—东盟电影文化周", parent=None).first()
        self.bureau_article(
            channel,
            title="中国—东盟电影文化周举行展映和合作论坛",
            author="实验区宣传处",
            editor="周文清",
            body=(
                "<p>2022中国—东盟电影文化周期间，组织方安排了中国与东盟国家优秀影片展映，"
                "并举办电影合作共创发展论坛和电影音乐会。</p>"
            ),
            tags=["电影", "东盟"],
            is_repost=True,
            source_name="国家文化产业创新实验区管委会网站",
            original_author="实验区宣传处",
            original_title="电影文化周展映和论坛活动综述",
            **({"events": [event]} if event else {}),
        )

    def policy_article(self, channel):
        policy = Policy.objects.filter(owner=self.bureau).first()
        self.bureau_article(
            channel,
            title="一图读懂：加快大视听产业高质量发展的实施意见",
            author="省局产业处",
            editor="周文清",
            body=(
                "<p>实施意见从内容创作、技术创新、园区集聚和人才培养四个方面提出举措。</p>"
                "<ul><li>支持精品内容创作；</li><li>推动超高清和虚拟制作应用；</li>"
                "<li>培育一批视听产业基地（园区）；</li><li>完善人才引进和培养。</li></ul>"
            ),
            tags=["政策解读", "大视听"],
            **({"policies": [policy]} if policy else {}),
        )

    def notice(self, channel):
        self.bureau_article(
            channel,
            title="关于组织申报国家级广播电视和网络视听产业基地的通知",
            author="省局产业处",
            editor="周文清",
            body=(
                "<p>请符合条件的省级基地（园区）按通知要求准备申报材料，在申报期内通过平台"
                "提交。省局将组织初审和实地核查后择优推荐。</p>"
            ),
            tags=["基地申报"],
            files=[pdf_file("national-base-call.pdf", "Call for national base declarations")],
        )

    def base_article(self, channel):
        return self.publish(
            channel,
            actor=self.park_admin,
            chief=self.park_admin,
            title="之江基地新入驻一批网络视听企业",
            author="基地运营中心",
            editor="陈艺禾",
            body=(
                "<p>本季度基地新入驻网络视听企业十余家，涵盖短视频制作、虚拟拍摄和版权服务。"
                "基地为新入驻企业提供公共技术平台和政策申报辅导。</p>"
            ),
            tags=["入驻企业"],
        )

    # The correction, the request behind it, and the clarification --------------------------

    def corrected_forum(self, forum):
        request = services.file_request(
            article=forum,
            remedy=enums.Remedy.CORRECTION,
            passage="2021中国网络媒体论坛在杭州开幕。",
            reason="论坛的主会场在广州，不在杭州。",
            evidence="论坛官方日程列明主会场为广州。",
            requester_name="王梓涵",
            requester_email=self.reader.email,
            requester=self.reader,
        )
        services.take_request(request, actor=self.chief)
        english = Article.objects.get(original=forum)
        services.correct_article(
            forum,
            actor=self.chief,
            kind=enums.CorrectionKind.CORRECTION,
            wrong="原文称论坛在杭州开幕。",
            wrong_en="The article said the forum opened in Hangzhou.",
            right="论坛在广州开幕，主会场设在广州。",
            right_en="The forum opened in Guangzhou, where its main venue was.",
            request=request,
            body=forum.body.replace("在杭州开幕", "在广州开幕"),
            translation_body=english.body.replace("opened in Hangzhou", "opened in Guangzhou"),
        )
        services.answer_request(
            request,
            actor=self.chief,
            outcome=enums.RequestOutcome.CORRECTED,
            answer="感谢指正。文章已更正，更正说明显示在标题下方。",
        )

    def clarification(self, base_news):
        clarification = services.draft_clarification(
            self.zhijiang,
            actor=self.park_admin,
            title="关于“之江基地暂停企业入驻”的说明",
            title_en="On the claim that the Zhijiang base has stopped admitting enterprises",
            claim="网传之江基地即日起暂停一切企业入驻。",
            claim_en="A post claimed the Zhijiang base had stopped admitting any enterprise.",
            first_appeared_in="某短视频平台账号",
            first_appeared_on=timezone.localdate() - timedelta(days=6),
            verdict=enums.Verdict.FALSE,
            facts="基地入驻工作正常进行，本季度新入驻企业十余家。",
            facts_en="The base admits enterprises as usual; more than ten joined this quarter.",
            category="parks",
            related_articles=[base_news],
            organizations=[self.zhijiang],
            sources=[
                {"title": "之江基地新入驻一批网络视听企业", "issuing_unit": "基地运营中心"},
            ],
        )
        clarification = services.submit_clarification(clarification, actor=self.park_admin)
        self.approve(clarification, chief=self.park_admin)

    def clarification_in_review(self):
        """A clarification the bureau's chief editor has yet to decide."""
        clarification = services.draft_clarification(
            self.bureau,
            actor=self.chief,
            title="关于“今年暂停省级视听产业基地认定”的说明",
            title_en="On the claim that provincial base accreditation is suspended this year",
            claim="网传今年起暂停省级广播电视和网络视听产业基地认定。",
            claim_en="A post claimed the accreditation of provincial audiovisual bases was "
            "suspended from this year.",
            first_appeared_in="某微信群",
            first_appeared_on=timezone.localdate() - timedelta(days=2),
            verdict=enums.Verdict.FALSE,
            facts="省级基地认定按通知继续开展，申报安排以省局发布的通知为准。",
            facts_en="The accreditation continues as announced; the bureau's notices set the "
            "dates for applying.",
            category="public_policy",
            organizations=[self.zhijiang],
            sources=[
                {
                    "title": "关于开展省级广播电视和网络视听产业基地认定工作的通知",
                    "issuing_unit": self.bureau.name,
                },
            ],
        )
        services.submit_clarification(clarification, actor=self.chief)

    def work_in_progress(self, department_news, park_news, base_news):
        """A draft on each editor's desk, and a request the base has yet to answer."""
        services.draft_article(
            department_news,
            actor=self.chief,
            title="2026年度网络视听精品创作扶持计划启动征集",
            author="省局产业处",
            editor="周文清",
            body="<p>征集对象为省内网络视听制作机构，重点支持现实题材和科技应用类作品。</p>",
        )
        services.draft_article(
            park_news,
            actor=self.park_admin,
            title="基地公共技术平台新增虚拟制作棚",
            author="基地运营中心",
            editor="陈艺禾",
            body="<p>新启用的虚拟制作棚面向入驻企业开放预约。</p>",
        )
        services.file_request(
            article=base_news,
            remedy=enums.Remedy.REPLY,
            passage="涵盖短视频制作、虚拟拍摄和版权服务。",
            reason="我司同期入驻，主营数字音频，希望在文中补充说明。",
            requester_name="杭州某数字音频公司",
            requester_phone="057188000000",
        )

    def disclosures(self, channel):
        for index, (number, title, category, issued_on) in enumerate(DISCLOSURES, start=1):
            item = services.draft_disclosure(
                channel,
                actor=self.chief,
                index_number=f"ZJGD-{issued_on.year}-{index:05d}",
                issuing_body=self.bureau.name,
                document_number=number,
                issued_on=issued_on,
                subject_category=category,
                title=title,
            )
            item = services.submit_disclosure(item, actor=self.chief)
            self.approve(item, chief=self.chief)


DISCLOSURES = (
    (
        "浙广电发〔2022〕31号（演示）",
        "关于开展省级广播电视和网络视听产业基地认定工作的通知",
        "culture_media",
        date(2022, 9, 1),
    ),
    (
        "浙广电发〔2023〕8号（演示）",
        "关于公布第一批省级广播电视和网络视听产业基地（园区）名单的通知",
        "culture_media",
        date(2023, 3, 9),
    ),
)


def is_loaded():
    return Channel.objects.filter(slug=ANCHOR_SLUG).exists()
