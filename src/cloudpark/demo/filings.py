"""The drama-filing story of the demo, told through the filing services and the review engine:
the Zhijiang light-and-shadow company (with the base's service company as co-producer on two
works) files its works, the Zhejiang bureau's reviewer gives opinions and its chief decides,
and the national administration re-reviews the key work and co-reviews the one with a
special subject. Every state a filing can be in is there:

* 《西溪晨光》, a micro-drama: planning approved three months ago, released and licensed last
  month with the bureau's first micro-drama licence number of the year.
* 《山间来信》 approved four months ago, then renamed 《云端来信》: the rename was approved last
  month, so the first filing and its number are superseded; the renamed work's release filing
  is with the bureau, its film (a short generated clip) in the screening room, where the
  reviewer and the chief have left time-coded comments.
* 《运河人家》, returned by the bureau for its episode synopses.
* 《钱塘潮声》, a key series (investment above five million yuan): passed by the bureau, before
  the national re-review.
* 《夜行档案》, flagged as a public-security subject: passed by the bureau, rejected at the
  co-review.
* 《雨巷》, an online film, withdrawn by the company while in review.
* 《茶园的夏天》, an animation, a draft whose pre-check still lists problems.

The titles, texts and people are the demo's own. The steps run under ``bases.demo_clock`` so
that the dates, batches and numbers tell a consistent story up to the demo's today.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import F
from django.utils import timezone

from cloudpark.demo import data
from cloudpark.demo.bases import demo_clock
from cloudpark.demo.files import pdf_file, webm_film
from cloudpark.filings import reference, regime, screening, services
from cloudpark.filings.models import PlanningFiling
from cloudpark.notifications import services as notification_services
from cloudpark.notifications.models import Notification
from cloudpark.reviews import services as review_services
from cloudpark.reviews.enums import Decision, Recommendation

LICENCE = "（浙）字第00318号"
CO_PRODUCER_LICENCE = "（浙）字第00562号"
LICENCE_EXPIRES_ON = date(2029, 6, 30)

# Sentences the demo's synopses are made of, one list per work; a text repeats its list until
# it is long enough.
STORIES = {
    "西溪晨光": (
        "西溪湿地边的民宿女主人林晓在清晨的薄雾中迎来一位沉默的摄影师。",
        "他每天只拍同一片芦苇，直到她发现照片里藏着他与母亲的旧约定。",
        "两人在船娘、茶农和候鸟之间慢慢打开心结，也让小村重新被游人看见。",
    ),
    "山间来信": (
        "支教老师周禾在浙西山村收到一封二十年前寄出的信。",
        "她循着信里的线索寻找写信人，带着孩子们走遍山间的小路与祠堂。",
        "信的主人早已成为村里的护林员，一段被遗忘的乡村教育往事由此展开。",
        "孩子们用手机拍下寻信的过程，把山村的四季发到了网上。",
    ),
    "运河人家": (
        "拱宸桥畔三代人守着一家老茶馆，见证运河两岸的变迁。",
        "孙女回乡接手茶馆，想把它改成年轻人喜欢的文化空间。",
        "祖父坚持老规矩，父亲忙于生计，一家人在争吵与理解中找到新的方向。",
    ),
    "钱塘潮声": (
        "一支年轻的海塘工程队在钱塘江口守护堤坝，迎接一年一度的大潮。",
        "总工程师沈潮带领队员改造百年老塘，面对台风、资金与质疑的多重考验。",
        "他们用新技术与老工匠的智慧，让古老海塘成为城市的生态长廊。",
        "剧集以工程人的坚守，写出一座城市与江潮共处的千年故事。",
    ),
    "夜行档案": (
        "城郊派出所的夜班民警接到一个个看似平常的求助电话。",
        "老刑警与新入职的民警搭档，在深夜的街巷中化解邻里纠纷和突发险情。",
        "每一个案件背后，都是普通人的困境与温情。",
    ),
    "雨巷": (
        "梅雨季的江南小城，一位修伞匠在小巷深处守着祖传的手艺。",
        "一名建筑系学生为完成毕业设计走进小巷，记录即将改造的老街。",
        "一把旧油纸伞把两代人的记忆连在一起，也改变了老街改造的方案。",
    ),
    "茶园的夏天": (
        "小茶芽阿青住在龙井山上，梦想看到山外的大海。",
        "它和萤火虫、山雀一起学习采茶、炒茶的学问。",
    ),
}
# What the bureau's reviewer and chief note in the screening room of 《云端来信》.
SCREENING_NOTES = (
    "山路追逐一段镜头晃动剧烈，伴有撞击特写，建议删减撞击画面。",
    "少年角色在篝火旁饮酒，请确认是否必要，建议删除或改为饮茶。",
    "同意前一意见：追逐段撞击特写过于直接，建议剪短至两秒以内。",
)

THEMES = (
    "作品以平实的视角记录普通人的奋斗与温情，弘扬自强不息、守望相助的精神。",
    "通过人物的成长与选择，展现新时代浙江城乡的发展面貌和文化传承。",
    "作品倡导尊重自然、热爱家乡、珍视亲情的价值观，传递积极向上的生活态度。",
)
CREW = {
    "西溪晨光": ("许知远", "陈一苇", (("叶青禾", "林晓"), ("顾南城", "摄影师"))),
    "山间来信": ("程雨桐", "何川", (("宋溪", "周禾"), ("梁木", "护林员老梁"))),
    "运河人家": ("孟秋", "韩笛", (("白露", "孙女小满"), ("高山", "祖父"), ("方正", "父亲"))),
    "钱塘潮声": ("庄海", "邱望", (("沈毅", "沈潮"), ("林帆", "技术员阿帆"))),
    "夜行档案": ("董夜", "石磊", (("严明", "老刑警"), ("陆小北", "新民警"))),
    "雨巷": ("苏晴", "江南", (("温言", "修伞匠"), ("夏知", "建筑系学生"))),
    "茶园的夏天": ("陶然", "米粒", ()),
}


def _text(sentences, minimum):
    """``sentences`` repeated, in order, until the text holds ``minimum`` Chinese characters."""
    parts = []
    while regime.chinese_characters("".join(parts)) < minimum:
        parts.append(sentences[len(parts) % len(sentences)])
    return "".join(parts)


def _people(title):
    writer, director, actors = CREW[title]
    return [
        {"role": "writer", "name": writer},
        {"role": "director", "name": director},
        *({"role": "actor", "name": name, "character": role} for name, role in actors),
    ]


class FilingsLoader:
    def __init__(self, *, today, organizations, users):
        self.today = today
        self.organizations = organizations
        self.users = users

    @property
    def enterprise(self):
        return self.organizations[data.DEMO_ENTERPRISE]

    @property
    def filer(self):
        return self.users["enterprise@demo.cloudpark.cn"]

    @property
    def chief(self):
        return self.users["gov@demo.cloudpark.cn"]

    @property
    def reviewer(self):
        return self.users["reviewer@demo.cloudpark.cn"]

    @property
    def national_chief(self):
        return self.users[data.NATIONAL_ADMINISTRATION_EMAIL]

    def day(self, days_ago):
        return self.today - timedelta(days=days_ago)

    def load(self):
        if PlanningFiling.objects.filter(project__enterprise=self.enterprise).exists():
            return
        self.licensed_micro_drama()
        self.renamed_work()
        self.returned_series()
        self.key_series_before_the_national_review()
        self.special_subject_rejected_at_co_review()
        self.withdrawn_film()
        self.draft_animation()
        self.file_old_notifications()

    def file_old_notifications(self):
        """The story's notices older than a month were read and e-mailed long ago."""
        month_ago = timezone.make_aware(datetime.combine(self.day(30), time()))
        old = Notification.objects.filter(kind__startswith="reviews.", created_at__lt=month_ago)
        notification_services.forget_unread_counts(set(old.values_list("recipient", flat=True)))
        old.update(read_at=F("created_at"), emailed_at=F("created_at"))

    # Building blocks --------------------------------------------------------------------------

    def producers(self, *, with_co_producer=False):
        producers = [
            {
                "enterprise": self.enterprise,
                "licence_number": LICENCE,
                "licence_expires_on": LICENCE_EXPIRES_ON,
                "is_lead": True,
            }
        ]
        if with_co_producer:
            producers.append(
                {
                    "enterprise": self.organizations[data.SERVICE_ENTERPRISE],
                    "licence_number": CO_PRODUCER_LICENCE,
                    "licence_expires_on": LICENCE_EXPIRES_ON,
                }
            )
        return producers

    def draft(
        self,
        title,
        *,
        on,
        kind="series",
        episodes=6,
        minutes="42",
        investment="300",
        era="contemporary",
        subject="urban",
        with_co_producer=False,
        complete=True,
        **extra,
    ):
        stories = STORIES[title]
        per_episode = reference.MIN_EPISODE_SYNOPSIS_CHARACTERS.get(kind)
        values = {
            "title": f"《{title}》",
            "kind": kind,
            "era": era,
            "subject": subject,
            "episodes": episodes,
            "minutes_per_episode": Decimal(minutes),
            "planned_investment": Decimal(investment),
            "shoot_starts_on": on + timedelta(days=45),
            "shoot_ends_on": on + timedelta(days=120),
            "synopsis": _text(stories, reference.MIN_SYNOPSIS_CHARACTERS if complete else 200),
            "themes": _text(THEMES, reference.MIN_THEMES_CHARACTERS if complete else 80),
            "episode_synopses": [
                _text(stories[number % len(stories) :] + stories, per_episode)
                for number in range(episodes if complete else 1)
            ]
            if per_episode
            else [],
            **extra,
        }
        with demo_clock(on, 9):
            return services.create_planning_filing(
                self.enterprise,
                actor=self.filer,
                producers=self.producers(with_co_producer=with_co_producer),
                people=_people(title),
                **values,
            )

    def attach_contract(self, filing, on, title_en):
        with demo_clock(on, 9):
            services.attach_material(
                filing,
                actor=self.filer,
                name="联合摄制合同",
                uploaded=pdf_file("contract.pdf", f"Co-production contract: {title_en}"),
            )

    def submit(self, filing, on):
        with demo_clock(on, 10):
            submit = (
                services.submit_planning_filing
                if isinstance(filing, PlanningFiling)
                else services.submit_release_filing
            )
            return submit(filing, actor=self.filer)

    def opinion(self, subject, on, recommendation, comment):
        subject.refresh_from_db()
        case = subject.review_case
        with demo_clock(on, 11):
            review_services.record_opinion(
                case,
                actor=self.reviewer,
                stage_key=case.stage_key,
                recommendation=recommendation,
                comment=comment,
            )

    def decide(self, subject, on, decision, *, actor=None, comment=""):
        subject.refresh_from_db()
        case = subject.review_case
        with demo_clock(on, 15):
            review_services.decide(
                case,
                actor=actor or self.chief,
                stage_key=case.stage_key,
                decision=decision,
                comment=comment,
            )
        subject.refresh_from_db()
        return subject

    def approve_by_the_bureau(self, filing, on):
        self.opinion(filing, on, Recommendation.APPROVE, "内容导向正确，材料齐全，建议通过。")
        return self.decide(filing, on, Decision.APPROVE)

    # The story ----------------------------------------------------------------------------------

    def licensed_micro_drama(self):
        filing = self.draft(
            "西溪晨光", on=self.day(100), kind="micro", episodes=12, minutes="3", investment="60"
        )
        self.submit(filing, self.day(98))
        self.approve_by_the_bureau(filing, self.day(90))
        with demo_clock(self.day(45), 9):
            release = services.create_release_filing(
                filing,
                actor=self.filer,
                platforms=["之江视频", "云端短剧"],
                actual_investment=Decimal("58"),
                actor_fees=Decimal("9.5"),
                episode_synopses=filing.episode_synopses,
                ai_content_declared=True,
                ai_content_note="片头湿地航拍画面的天空部分由人工智能生成，已在片尾字幕中注明。",
            )
        self.submit(release, self.day(44))
        self.approve_by_the_bureau(release, self.day(30))

    def renamed_work(self):
        filing = self.draft("山间来信", on=self.day(130), with_co_producer=True)
        self.submit(filing, self.day(128))
        self.approve_by_the_bureau(filing, self.day(120))
        with demo_clock(self.day(60), 9):
            renamed = services.rename_planning_filing(filing, actor=self.filer, title="云端来信")
        self.submit(renamed, self.day(59))
        self.approve_by_the_bureau(renamed, self.day(35))
        with demo_clock(self.day(5), 9):
            release = services.create_release_filing(
                renamed,
                actor=self.filer,
                platforms=["之江视频"],
                actual_investment=Decimal("280"),
                actor_fees=Decimal("36"),
                episode_synopses=renamed.episode_synopses,
            )
            screening.attach_cut(
                release,
                actor=self.filer,
                uploaded=webm_film("cloud-letters-cut-1.webm", "Letters from the Cloud"),
                duration="00:00:20",
            )
        release = self.submit(release, self.day(4))
        self.screening_comments(release)

    def screening_comments(self, release):
        """The bureau's reviewer and chief watch the film and comment on moments of it."""
        bureau = release.review_case.reviewing_organization
        for days_ago, author, start, end, clause, text in (
            (3, self.reviewer, "00:00:04", "00:00:07", "obscenity_violence", SCREENING_NOTES[0]),
            (3, self.reviewer, "00:00:15", "", "minors", SCREENING_NOTES[1]),
            (2, self.chief, "00:00:05", "00:00:09", "obscenity_violence", SCREENING_NOTES[2]),
        ):
            with demo_clock(self.day(days_ago), 14):
                screening.add_timed_comment(
                    release,
                    author=author,
                    organization=bureau,
                    start=start,
                    end=end,
                    category=clause,
                    text=text,
                )

    def returned_series(self):
        filing = self.draft("运河人家", on=self.day(20), episodes=4, investment="260")
        self.attach_contract(filing, self.day(19), "Canal Family")
        self.submit(filing, self.day(18))
        self.opinion(
            filing, self.day(10), Recommendation.RETURN, "第三集梗概与内容概要的人物关系不一致。"
        )
        self.decide(
            filing,
            self.day(9),
            Decision.RETURN,
            comment="第三集分集梗概中祖父与父亲的关系与内容概要不符，请核实后修改。",
        )

    def key_series_before_the_national_review(self):
        filing = self.draft(
            "钱塘潮声", on=self.day(25), episodes=8, investment="1200", with_co_producer=True
        )
        self.attach_contract(filing, self.day(25), "Tide of the Qiantang")
        self.submit(filing, self.day(24))
        self.opinion(filing, self.day(12), Recommendation.APPROVE, "题材积极，制作计划可行。")
        self.decide(filing, self.day(11), Decision.ADVANCE)

    def special_subject_rejected_at_co_review(self):
        filing = self.draft(
            "夜行档案", on=self.day(40), subject="crime", special_subjects=["police"]
        )
        self.submit(filing, self.day(39))
        self.opinion(filing, self.day(30), Recommendation.APPROVE, "涉公安题材，建议报请协审。")
        self.decide(filing, self.day(29), Decision.ADVANCE)
        self.decide(
            filing,
            self.day(15),
            Decision.REJECT,
            actor=self.national_chief,
            comment="协审意见：剧中执法程序表现与实际不符，本次不予通过。",
        )

    def withdrawn_film(self):
        filing = self.draft(
            "雨巷", on=self.day(14), kind="film", episodes=1, minutes="92", investment="80"
        )
        filing = self.submit(filing, self.day(13))
        with demo_clock(self.day(6), 16):
            services.withdraw_planning_filing(filing, actor=self.filer)

    def draft_animation(self):
        self.draft(
            "茶园的夏天",
            on=self.day(3),
            kind="animation",
            era="",
            subject="fairy_tale",
            episodes=10,
            minutes="12",
            investment="150",
            complete=False,
        )
