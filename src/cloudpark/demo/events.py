"""Events of the demo, from the industry's own calendar, written through ``events.services``.

What is taken from the public record (news reports of the time):

* the 2021 China Internet Media Forum, Guangzhou, opening ceremony and main forum on
  25 November 2021, theme 发展与秩序·让大流量澎湃正能量, hosted by the Cyberspace
  Administration of China, China Media Group and the Guangdong Provincial Cyberspace Affairs
  Commission; five parallel forums (technology, content, responsibility, industry, the Greater
  Bay Area) with their themes; the industry forum organised by China Economic Net, Southern
  Finance Omnimedia and Kuaishou; a showcase of new technology, applications and business
  models; the speakers of the opening as reported;
* the 2022 China-ASEAN Film Culture Week, opened in Nanning on 29 December 2022, theme
  光影筑梦 美美与共, with screenings, a film co-creation and development forum and a film
  concert, hosted by the Guangxi Film Bureau, the Guangxi Department of Culture and Tourism,
  the Guangxi Foreign Affairs Office and the China-ASEAN Expo Secretariat;
* the 2022 Industry TV Honour Ceremony and the excellent-works creation exchange, Foshan,
  15-17 February 2023, with every organiser role as its announcement listed them, and the
  ceremony's five chapters and narrators;
* the Development Forum of the National Cultural Industry Innovation Experimental Zone,
  Beijing, 9 January 2023, theme 科技赋能文化创新 文化赋能城市发展, where the zone's
  "cloud park" was launched, with its guidance unit, hosts and co-organisers as reported.

What is plausible rather than reported: the venues and exact hours, the film week's closing
day and its organiser (the Guangxi Cultural Industry Group, whose manager spoke there), the
ultra-high-definition seminar's slot, the 43 exhibitors of the Guangzhou showcase and their
booths (organisations of the kind that exhibit there, not the published list), every film
of the film week (invented titles, with permit numbers marked as examples), the seats, and
every registration. The forum of next January is an illustrative next edition, so that the
demo has an event open for registration.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from cloudpark.events import enums, services
from cloudpark.events.models import Event
from cloudpark.orgs.models import Organization

BEIJING_TIME = ZoneInfo("Asia/Shanghai")
ANCHOR_TITLE = "2021中国网络媒体论坛"

K = enums.EventKind
R = enums.OrganizerRole
F = enums.SessionFormat


def at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=BEIJING_TIME)


@dataclass
class Talk:
    """A session: ``(start, end)`` as hours and minutes on ``day``, and its speakers as
    ``(name, title, organisation)``."""

    day: date
    start: tuple
    end: tuple
    title: str
    title_en: str
    format: str = F.PRESENTATION
    place: str = ""
    place_en: str = ""
    speakers: tuple = ()

    def values(self):
        return {
            "starts_at": at(self.day, *self.start),
            "ends_at": at(self.day, *self.end),
            "title": self.title,
            "title_en": self.title_en,
            "format": self.format,
            "place": self.place,
            "place_en": self.place_en,
        }

    def speaker_values(self):
        return [
            {"name": name, "title": title, "organization_name": organization}
            for name, title, organization in self.speakers
        ]


@dataclass
class Plan:
    kind: str
    title: str
    title_en: str
    starts_at: datetime
    ends_at: datetime
    city: str = ""
    city_en: str = ""
    venue: str = ""
    venue_en: str = ""
    theme: str = ""
    theme_en: str = ""
    description: str = ""
    description_en: str = ""
    organizers: tuple = ()  # (role, name, name_en)
    sessions: tuple = ()
    parts: tuple = ()
    registration: dict = field(default_factory=dict)

    def values(self, parent=None):
        values = {
            "kind": self.kind,
            "title": self.title,
            "title_en": self.title_en,
            "starts_at": self.starts_at,
            "ends_at": self.ends_at,
            "city": self.city or (parent.city if parent else ""),
            "city_en": self.city_en or (parent.city_en if parent else ""),
            "venue": self.venue,
            "venue_en": self.venue_en,
            "theme": self.theme,
            "theme_en": self.theme_en,
            "description": self.description,
            "description_en": self.description_en,
        }
        values.update(self.registration)
        return values


# 2021 China Internet Media Forum ------------------------------------------------------------

CIMF_DAY = date(2021, 11, 25)
PARALLEL_FORUMS = (
    ("技术论坛", "Technology Forum", "创新：技术赋能", "Innovation: empowered by technology"),
    ("内容论坛", "Content Forum", "传播：塑造价值", "Communication: shaping values"),
    (
        "责任论坛",
        "Responsibility Forum",
        "责任：共治共享",
        "Responsibility: governed and shared together",
    ),
    ("产业论坛", "Industry Forum", "发展：行稳致远", "Development: steady and far-reaching"),
    (
        "大湾区论坛",
        "Greater Bay Area Forum",
        "大湾区：一网相联",
        "Greater Bay Area: joined by one network",
    ),
)
PARALLEL_SPEAKERS = {
    "内容论坛": (
        ("陈睿", "董事长兼首席执行官", "哔哩哔哩"),
        ("陈勇", "副总裁", "腾讯公司"),
    ),
    "产业论坛": (
        ("郑庆东", "社长兼总编辑", "经济日报社"),
        ("薛晓峰", "副主席", "广东省政协"),
    ),
}
INDUSTRY_FORUM_ORGANISERS = (
    (R.HOST, "中央网信办", "Cyberspace Administration of China"),
    (R.HOST, "中央广播电视总台", "China Media Group"),
    (R.HOST, "广东省委网信委", "Guangdong Provincial Cyberspace Affairs Commission"),
    (R.ORGANIZER, "中国经济网", "China Economic Net"),
    (R.ORGANIZER, "南方财经全媒体集团", "Southern Finance Omnimedia Corp."),
    (R.ORGANIZER, "快手科技", "Kuaishou Technology"),
)

# Exhibitors of the showcase: (name, name_en, what they showed). Organisations of the kind
# that exhibit at the forum; the demo's own film company takes the 43rd booth.
SHOWCASE = (
    ("人民网", "People's Daily Online", "人工智能内容审核与主流价值传播平台"),
    ("新华网", "Xinhuanet", "生成式新闻生产与数据新闻可视化"),
    ("中国网", "China.org.cn", "多语种国际传播矩阵"),
    ("央视网", "CCTV.com", "5G+4K/8K超高清直播"),
    ("国际在线", "CRI Online", "多语种音视频融合传播"),
    ("中国日报网", "ChinaDaily.com.cn", "双语短视频与海外社交媒体传播"),
    ("中国青年网", "Youth.cn", "青年网络文明志愿服务平台"),
    ("中国经济网", "China Economic Net", "经济数据可视化产品"),
    ("中国新闻网", "Chinanews.com", "全球华文媒体内容协作平台"),
    ("光明网", "Gmw.cn", "网络文明传播实验室"),
    ("央广网", "CNR.cn", "云听音频平台"),
    ("中国台湾网", "Taiwan.cn", "两岸融媒体互动产品"),
    ("中国西藏网", "Tibet.cn", "高原文化数字展示"),
    ("千龙网", "Qianlong.com", "首都网络文化传播"),
    ("北方网", "Enorth.com.cn", "区域融媒体中心解决方案"),
    ("东方网", "Eastday.com", "城市数字生活服务平台"),
    ("南方网", "Southcn.com", "粤省事融媒体服务"),
    ("金羊网", "Ycwb.com", "羊城晚报全媒体产品"),
    ("大洋网", "Dayoo.com", "广州城市网络传播平台"),
    ("南方报业传媒集团", "Nanfang Media Group", "南方+客户端与智媒云"),
    ("南方财经全媒体集团", "Southern Finance Omnimedia Corp.", "财经数据与智库产品"),
    ("广州日报报业集团", "Guangzhou Daily Press Group", "新花城客户端"),
    ("羊城晚报报业集团", "Yangcheng Evening News Group", "羊城派与文化IP产品"),
    ("广东广播电视台", "Guangdong Radio and Television", "触电新闻与4K超高清频道"),
    ("深圳广播电影电视集团", "Shenzhen Media Group", "壹深圳与8K制播"),
    ("腾讯", "Tencent", "数字文化遗产保护与云上展陈"),
    ("字节跳动", "ByteDance", "短视频内容安全与青少年模式"),
    ("快手科技", "Kuaishou Technology", "短视频与直播助农"),
    ("哔哩哔哩", "Bilibili", "中国风原创视频与UP主生态"),
    ("小红书", "Xiaohongshu", "生活方式社区与内容治理"),
    ("阿里巴巴", "Alibaba Group", "云上会展与数字消费"),
    ("百度", "Baidu", "文心大模型与智能搜索"),
    ("网易", "NetEase", "数字人与游戏引擎"),
    ("新浪微博", "Weibo", "热搜治理与政务传播"),
    ("华为", "Huawei", "5G与终端云服务"),
    ("中国移动", "China Mobile", "5G+超高清视频彩铃"),
    ("中国电信", "China Telecom", "天翼云与超高清视频"),
    ("中国联通", "China Unicom", "5G网络直播保障"),
    ("华大集团", "BGI Group", "生命科学科普视频"),
    ("蚂蚁集团", "Ant Group", "数字支付与公益平台"),
    ("柔宇科技", "Royole", "柔性显示屏"),
    ("芒果超媒", "Mango Excellent Media", "芒果TV与超高清内容"),
)
DEMO_EXHIBITOR = "杭州之江光影文化传媒有限公司"


def internet_media_forum():
    day = CIMF_DAY
    parallel = tuple(
        Plan(
            kind=K.SUB_FORUM,
            title=f"2021中国网络媒体论坛{name}",
            title_en=f"2021 China Internet Media Forum: {name_en}",
            starts_at=at(day, 14),
            ends_at=at(day, 17, 30),
            venue=f"{name}分会场",
            venue_en=f"{name_en} hall",
            theme=theme,
            theme_en=theme_en,
            organizers=INDUSTRY_FORUM_ORGANISERS if name == "产业论坛" else (),
            sessions=(
                Talk(
                    day,
                    (14, 0),
                    (14, 30),
                    "嘉宾致辞",
                    "Addresses",
                    F.OPENING,
                    speakers=PARALLEL_SPEAKERS.get(name, ())[:1],
                ),
                Talk(
                    day,
                    (14, 30),
                    (16, 0),
                    f"主题演讲：{theme}",
                    f"Keynotes: {theme_en}",
                    F.KEYNOTE,
                    speakers=PARALLEL_SPEAKERS.get(name, ())[1:],
                ),
                Talk(day, (16, 0), (17, 30), "圆桌对话", "Round table", F.ROUND_TABLE),
            ),
            registration={"registration_enabled": True, "capacity": 300},
        )
        for name, name_en, theme, theme_en in PARALLEL_FORUMS
    )
    return Plan(
        kind=K.FORUM,
        title=ANCHOR_TITLE,
        title_en="2021 China Internet Media Forum",
        starts_at=at(day, 8, 30),
        ends_at=at(day, 21),
        city="广州",
        city_en="Guangzhou",
        venue="广州主会场",
        venue_en="Main venue, Guangzhou",
        theme="发展与秩序·让大流量澎湃正能量",
        theme_en="Development and order: letting heavy traffic carry positive energy",
        description="我国网络媒体界年度盛会。论坛举行开幕式暨主论坛、技术、内容、责任、产业、"
        "大湾区五场平行论坛、“同心粤港澳 携手大湾区”网络主题活动和中国网络媒体领域新技术、"
        "新应用、新业态展示会。",
        description_en="The internet media industry's yearly gathering: an opening ceremony and "
        "main forum, five parallel forums (technology, content, responsibility, industry and the "
        "Greater Bay Area), online activities on the Greater Bay Area, and a showcase of new "
        "technology, applications and business models in internet media.",
        organizers=INDUSTRY_FORUM_ORGANISERS[:3],
        parts=(
            Plan(
                kind=K.FORUM,
                title="开幕式暨主论坛",
                title_en="Opening ceremony and main forum",
                starts_at=at(day, 9),
                ends_at=at(day, 12),
                venue="主会场",
                venue_en="Main hall",
                sessions=(
                    Talk(
                        day,
                        (9, 0),
                        (9, 10),
                        "开幕式主持",
                        "Opening of the ceremony",
                        F.OPENING,
                        speakers=(("牛一兵", "中央网信办副主任、国家网信办副主任", "中央网信办"),),
                    ),
                    Talk(
                        day,
                        (9, 10),
                        (9, 20),
                        "欢迎致辞",
                        "Welcome address",
                        F.OPENING,
                        speakers=(("马兴瑞", "省长", "广东省人民政府"),),
                    ),
                    Talk(
                        day,
                        (9, 20),
                        (10, 10),
                        "致辞",
                        "Addresses",
                        F.KEYNOTE,
                        speakers=(
                            ("林郑月娥", "行政长官（视频致辞）", "香港特别行政区"),
                            ("贺一诚", "行政长官", "澳门特别行政区"),
                            ("慎海雄", "中央宣传部副部长、台长兼总编辑", "中央广播电视总台"),
                            (
                                "庄荣文",
                                "中央宣传部副部长、中央网信办主任、国家网信办主任",
                                "中央网信办",
                            ),
                            ("傅华", "总编辑", "新华社"),
                        ),
                    ),
                    Talk(
                        day,
                        (10, 20),
                        (12, 0),
                        "主论坛：发展与秩序",
                        "Main forum: development and order",
                        F.KEYNOTE,
                    ),
                ),
                registration={"registration_enabled": True, "capacity": 800},
            ),
            *parallel,
            Plan(
                kind=K.EXHIBITION,
                title="中国网络媒体领域新技术新应用新业态展示会",
                title_en="Showcase of new technology, applications and business in internet media",
                starts_at=at(day, 9),
                ends_at=at(day, 18),
                venue="展示区",
                venue_en="Exhibition area",
            ),
            Plan(
                kind=K.SUB_FORUM,
                title="超高清视频研讨会",
                title_en="Ultra-high-definition video seminar",
                starts_at=at(day, 14),
                ends_at=at(day, 16),
                venue="研讨室",
                venue_en="Seminar room",
                theme="5G+4K/8K超高清视频的制作与传播",
                theme_en="Producing and distributing 5G, 4K and 8K video",
                sessions=(
                    Talk(
                        day,
                        (14, 0),
                        (16, 0),
                        "超高清视频技术与应用研讨",
                        "UHD video: technology and uses",
                        F.ROUND_TABLE,
                    ),
                ),
            ),
        ),
    )


# 2022 China-ASEAN Film Culture Week ---------------------------------------------------------

WEEK_START = date(2022, 12, 29)
FILMS = (
    # (title, title_en, minutes, country, country_en, language, language_en, subtitles,
    #  subtitles_en, director, director_en, rights holder, permit)
    (
        "山海之约",
        "A Pact of Mountains and Sea",
        102,
        "中国",
        "China",
        "汉语普通话",
        "Mandarin",
        "中文、英文",
        "Chinese, English",
        "林远",
        "Lin Yuan",
        "广西电影集团（示例）",
        "（示例）影字〔2022〕第101号",
    ),
    (
        "邕江夜色",
        "Nights on the Yong River",
        95,
        "中国",
        "China",
        "汉语普通话、粤语",
        "Mandarin, Cantonese",
        "中文、英文",
        "Chinese, English",
        "韦晓岚",
        "Wei Xiaolan",
        "南宁光影文化传媒（示例）",
        "（示例）影字〔2022〕第102号",
    ),
    (
        "稻田里的歌",
        "Songs of the Rice Fields",
        88,
        "中国",
        "China",
        "壮语、汉语普通话",
        "Zhuang, Mandarin",
        "中文、英文",
        "Chinese, English",
        "蓝天",
        "Lan Tian",
        "广西壮族自治区电影制片厂（示例）",
        "（示例）影字〔2022〕第103号",
    ),
    (
        "湄公河的孩子",
        "Children of the Mekong",
        97,
        "泰国",
        "Thailand",
        "泰语",
        "Thai",
        "中文",
        "Chinese",
        "颂猜·帕努",
        "Somchai Panu",
        "曼谷影业（示例）",
        "",
    ),
    (
        "稻香季节",
        "Rice-Scented Season",
        91,
        "越南",
        "Vietnam",
        "越南语",
        "Vietnamese",
        "中文",
        "Chinese",
        "阮文安",
        "Nguyen Van An",
        "河内电影制片厂（示例）",
        "",
    ),
    (
        "海峡之光",
        "Light over the Strait",
        104,
        "马来西亚",
        "Malaysia",
        "马来语、英语",
        "Malay, English",
        "中文",
        "Chinese",
        "阿兹曼·拉希德",
        "Azman Rashid",
        "吉隆坡影视（示例）",
        "",
    ),
)
SCREENING_VENUES = (
    ("南宁国际会展中心放映厅", "Nanning International Convention Centre screening hall"),
    ("广西艺术学院影视厅", "Guangxi Arts University cinema"),
)


# (film, day of the week, hour, minute, venue): two screens, no overlaps.
SCREENING_SLOTS = (
    (0, 0, 20, 30, 0),
    (0, 1, 10, 0, 0),
    (1, 1, 14, 0, 1),
    (2, 1, 16, 30, 0),
    (2, 2, 10, 0, 1),
    (3, 2, 14, 0, 1),
    (4, 2, 16, 30, 0),
    (4, 2, 19, 30, 1),
    (5, 2, 19, 30, 0),
)


def film_week():
    day1, day2, day3 = WEEK_START, WEEK_START + timedelta(days=1), WEEK_START + timedelta(days=2)
    return Plan(
        kind=K.FILM_WEEK,
        title="2022中国—东盟电影文化周",
        title_en="2022 China-ASEAN Film Culture Week",
        starts_at=at(day1, 18),
        ends_at=at(day3, 22),
        city="南宁",
        city_en="Nanning",
        venue="广西南宁",
        venue_en="Nanning, Guangxi",
        theme="光影筑梦 美美与共",
        theme_en="Dreams built in light and shadow, beauty shared",
        description="通过影片展映、电影合作共创发展论坛、电影音乐会等活动，汇聚国内及东盟电影业界"
        "专家，围绕电影政策环境、创作生产、产业发展和合作前景开展对话交流。",
        description_en="Screenings, a film co-creation and development forum and a film concert "
        "bring together film professionals of China and ASEAN to talk about film policy, "
        "production, the industry and co-operation.",
        organizers=(
            (R.HOST, "广西壮族自治区电影局", "Guangxi Zhuang Autonomous Region Film Bureau"),
            (R.HOST, "广西壮族自治区文化和旅游厅", "Department of Culture and Tourism of Guangxi"),
            (R.HOST, "广西壮族自治区外事办公室", "Foreign Affairs Office of Guangxi"),
            (R.HOST, "中国—东盟博览会秘书处", "China-ASEAN Expo Secretariat"),
            (R.ORGANIZER, "广西文化产业集团", "Guangxi Cultural Industry Group"),
        ),
        parts=(
            Plan(
                kind=K.CEREMONY,
                title="开幕式",
                title_en="Opening ceremony",
                starts_at=at(day1, 19, 30),
                ends_at=at(day1, 21),
                venue="南宁国际会展中心",
                venue_en="Nanning International Convention Centre",
                sessions=(
                    Talk(
                        day1,
                        (19, 30),
                        (20, 0),
                        "开幕致辞",
                        "Opening addresses",
                        F.OPENING,
                        speakers=(("唐成喜", "总经理", "广西文化产业集团"),),
                    ),
                    Talk(day1, (20, 0), (21, 0), "开幕影片放映", "Opening film", F.SCREENING),
                ),
                registration={"registration_enabled": True, "capacity": 600},
            ),
            Plan(
                kind=K.SCREENING,
                title="中国与东盟优秀影片展映",
                title_en="Screenings of Chinese and ASEAN films",
                starts_at=at(day1, 18),
                ends_at=at(day3, 22),
                venue="南宁各放映厅",
                venue_en="Cinemas in Nanning",
            ),
            Plan(
                kind=K.SUB_FORUM,
                title="中国—东盟电影合作共创发展论坛",
                title_en="China-ASEAN Film Co-creation and Development Forum",
                starts_at=at(day2, 9, 30),
                ends_at=at(day2, 12),
                venue="南宁国际会展中心会议室",
                venue_en="Meeting room, Nanning International Convention Centre",
                theme="电影政策环境、创作生产与合作前景",
                theme_en="Film policy, production and the prospects of co-operation",
                sessions=(
                    Talk(
                        day2,
                        (9, 30),
                        (10, 30),
                        "主旨演讲：中国与东盟电影合作",
                        "Keynotes: film co-operation between China and ASEAN",
                        F.KEYNOTE,
                    ),
                    Talk(
                        day2,
                        (10, 30),
                        (12, 0),
                        "圆桌对话：合拍与共创",
                        "Round table: co-production and co-creation",
                        F.ROUND_TABLE,
                    ),
                ),
                registration={"registration_enabled": True, "capacity": 200},
            ),
            Plan(
                kind=K.CONCERT,
                title="中国—东盟电影音乐会",
                title_en="China-ASEAN Film Concert",
                starts_at=at(day2, 19, 30),
                ends_at=at(day2, 21, 30),
                venue="广西文化艺术中心",
                venue_en="Guangxi Culture and Art Centre",
                sessions=(
                    Talk(day2, (19, 30), (21, 30), "电影音乐会", "Film concert", F.PERFORMANCE),
                ),
                registration={"registration_enabled": True, "capacity": 1200},
            ),
        ),
    )


# 2022 Industry TV Honour Ceremony -----------------------------------------------------------

CEREMONY_DAYS = (date(2023, 2, 15), date(2023, 2, 16), date(2023, 2, 17))


def honour_ceremony():
    first, second, third = CEREMONY_DAYS
    chapters = (
        ("奋斗精神", "The spirit of striving", "刘之冰"),
        ("劳动精神", "The spirit of labour", "曹磊"),
        ("勤俭节约精神", "The spirit of thrift", "宗峰岩"),
        ("奉献精神", "The spirit of dedication", "斓曦"),
        ("创造精神", "The spirit of creation", "许斌"),
    )
    return Plan(
        kind=K.CEREMONY,
        title="2022年度行业电视节目优秀作品创作交流活动及2022行业电视荣誉盛典",
        title_en="2022 Industry TV Excellent Works Exchange and 2022 Industry TV Honour Ceremony",
        starts_at=at(first, 9),
        ends_at=at(third, 22),
        city="佛山",
        city_en="Foshan",
        venue="广东佛山",
        venue_en="Foshan, Guangdong",
        theme="跨行业携手 聚媒体力量",
        theme_en="Joining hands across industries, gathering the strength of the media",
        description="行业电视的年度盛会。2022年度行业电视节目推介活动共收到新闻、纪录片、行业"
        "专题片、短视频等各类作品2600余部，盛典揭晓50余部最佳作品。",
        description_en="The industry TV sector's yearly gathering. The 2022 selection received "
        "more than 2,600 works (news, documentaries, industry features, short videos and more); "
        "the ceremony announced over 50 best works.",
        organizers=(
            (R.GUIDANCE, "中国电视艺术家协会", "China TV Artists Association"),
            (
                R.HOST,
                "中国视协行业电视委员会",
                "Industry TV Committee of the China TV Artists Association",
            ),
            (R.HOST, "中国教育电视台", "China Education Television"),
            (
                R.ORGANIZER,
                "中国教育电视台艺术教育中心",
                "Art Education Centre of China Education Television",
            ),
            (R.ORGANIZER, "缪柯文化投资有限公司", "Miaoke Culture Investment Co., Ltd."),
            (
                R.ORGANIZER,
                "广东省有给文化科技有限公司",
                "Guangdong Yougei Culture Technology Co., Ltd.",
            ),
            (R.CO_ORGANIZER, "中国教育电视协会", "China Education Television Association"),
            (R.CO_ORGANIZER, "中国国际贸易促进委员会佛山市委员会", "CCPIT Foshan"),
            (R.CO_ORGANIZER, "佛山国际商会", "Foshan International Chamber of Commerce"),
            (
                R.CO_ORGANIZER,
                "广东省广播电视网络股份有限公司佛山分公司",
                "Guangdong Cable Network, Foshan branch",
            ),
            (
                R.CO_ORGANIZER,
                "佛山珠影文投影视服务有限公司",
                "Foshan Zhuying Film Services Co., Ltd.",
            ),
            (
                R.SUPPORTER,
                "佛山市文化广电旅游体育局",
                "Foshan Bureau of Culture, Radio, TV, Tourism and Sports",
            ),
            (
                R.SUPPORTER,
                "佛山市南海区文化广电旅游体育局",
                "Nanhai District Bureau of Culture, Radio, TV, Tourism and Sports",
            ),
            (R.SUPPORTER, "中国文艺网", "China Art Net"),
            (
                R.SUPPORTER,
                "中国民族商品交易会组委会",
                "Organising Committee of the China Ethnic Commodities Fair",
            ),
        ),
        parts=(
            Plan(
                kind=K.SUB_FORUM,
                title="2022年度行业电视节目优秀作品创作交流活动",
                title_en="2022 Industry TV excellent works creation exchange",
                starts_at=at(first, 9),
                ends_at=at(second, 18),
                venue="佛山市南海区",
                venue_en="Nanhai District, Foshan",
                sessions=(
                    Talk(
                        first,
                        (9, 30),
                        (12, 0),
                        "优秀作品展评",
                        "Showing and discussing the excellent works",
                        F.PRESENTATION,
                    ),
                    Talk(
                        second,
                        (9, 30),
                        (12, 0),
                        "行业题材节目策划与制作交流",
                        "Planning and producing industry programmes",
                        F.ROUND_TABLE,
                    ),
                ),
                registration={"registration_enabled": True, "capacity": 200},
            ),
            Plan(
                kind=K.CEREMONY,
                title="2022行业电视荣誉盛典",
                title_en="2022 Industry TV Honour Ceremony",
                starts_at=at(third, 19, 30),
                ends_at=at(third, 22),
                venue="佛山市南海区",
                venue_en="Nanhai District, Foshan",
                sessions=tuple(
                    Talk(
                        third,
                        divmod(19 * 60 + 30 + 25 * index, 60),
                        divmod(19 * 60 + 55 + 25 * index, 60),
                        f"第{index + 1}篇章：{name}",
                        f"Chapter {index + 1}: {name_en}",
                        F.CEREMONY,
                        speakers=((narrator, "行业主讲人", ""),),
                    )
                    for index, (name, name_en, narrator) in enumerate(chapters)
                ),
                registration={"registration_enabled": True, "capacity": 500},
            ),
        ),
    )


# Development Forum of the zone --------------------------------------------------------------

ZONE_FORUM_DAY = date(2023, 1, 9)
ZONE_ORGANISERS = (
    (
        R.GUIDANCE,
        "国家文化产业创新实验区建设工作协调小组",
        "Coordination Group for the National Cultural Industry Innovation Experimental Zone",
    ),
    (R.HOST, "中共北京市朝阳区委", "CPC Chaoyang District Committee, Beijing"),
    (R.HOST, "北京市朝阳区人民政府", "Chaoyang District People's Government, Beijing"),
    (R.CO_ORGANIZER, "中国传媒大学", "Communication University of China"),
    (R.CO_ORGANIZER, "中央美术学院", "Central Academy of Fine Arts"),
    (R.CO_ORGANIZER, "北京工业大学", "Beijing University of Technology"),
    (R.CO_ORGANIZER, "北京服装学院", "Beijing Institute of Fashion Technology"),
    (R.CO_ORGANIZER, "新京报", "The Beijing News"),
    (R.CO_ORGANIZER, "中国文化产业协会", "China Cultural Industry Association"),
)


def zone_forum():
    day = ZONE_FORUM_DAY
    return Plan(
        kind=K.FORUM,
        title="国家文化产业创新实验区发展论坛",
        title_en="Development Forum of the National Cultural Industry Innovation Experimental Zone",
        starts_at=at(day, 9),
        ends_at=at(day, 12, 30),
        city="北京",
        city_en="Beijing",
        venue="北京市朝阳区",
        venue_en="Chaoyang District, Beijing",
        theme="科技赋能文化创新 文化赋能城市发展",
        theme_en="Technology empowering cultural innovation, culture empowering the city",
        description="围绕数字文化产业发展，聚焦实验区规划建设，探讨数字文化产业的创新发展与实践"
        "探索。论坛上，国家文创实验区“云园区”建设正式启动：一个云服务中心加N个数字服务模块。",
        description_en="On the digital culture industry and the zone's planning. At the forum the "
        "zone launched its 'cloud park': one cloud service centre with digital service modules "
        "around it.",
        organizers=ZONE_ORGANISERS,
        sessions=(
            Talk(day, (9, 0), (9, 30), "开幕致辞", "Opening addresses", F.OPENING),
            Talk(
                day,
                (9, 30),
                (10, 0),
                "国家文创实验区“云园区”建设启动仪式",
                "Launch of the zone's cloud park",
                F.CEREMONY,
            ),
            Talk(
                day,
                (10, 0),
                (11, 15),
                "主旨演讲：数字文化产业的创新发展",
                "Keynotes: innovation in the digital culture industry",
                F.KEYNOTE,
            ),
            Talk(
                day,
                (11, 15),
                (12, 30),
                "圆桌对话：文化赋能城市发展",
                "Round table: culture empowering the city",
                F.ROUND_TABLE,
            ),
        ),
        registration={"registration_enabled": True, "capacity": 120},
    )


def next_zone_forum(today):
    """An illustrative next edition on the coming 9 January, open for registration."""
    year = today.year + 1 if (today.month, today.day) >= (1, 9) else today.year
    day = date(year, 1, 9)
    subs = (
        (
            "数字文化分论坛",
            "Digital culture forum",
            "数字内容与文化大数据",
            "Digital content and cultural big data",
        ),
        (
            "文化金融分论坛",
            "Cultural finance forum",
            "文化企业的融资与服务",
            "Financing and services for cultural enterprises",
        ),
        (
            "视听产业分论坛",
            "Audiovisual industry forum",
            "网络视听基地的高质量发展",
            "High-quality development of online audiovisual bases",
        ),
    )
    return Plan(
        kind=K.FORUM,
        title=f"{year}国家文化产业创新实验区发展论坛",
        title_en=f"{year} Development Forum of the National Cultural Industry Innovation "
        "Experimental Zone",
        starts_at=at(day, 9),
        ends_at=at(day, 17, 30),
        city="北京",
        city_en="Beijing",
        venue="北京市朝阳区",
        venue_en="Chaoyang District, Beijing",
        theme="云上园区 数字赋能",
        theme_en="The cloud park: digital services for the zone",
        description="实验区年度发展论坛：主论坛和三场分论坛，发布“云园区”平台的服务模块。",
        description_en="The zone's yearly forum: a main forum and three sub-forums, presenting the "
        "cloud park's service modules.",
        organizers=ZONE_ORGANISERS[:3],
        sessions=(
            Talk(day, (9, 0), (9, 30), "开幕致辞", "Opening addresses", F.OPENING),
            Talk(
                day,
                (9, 30),
                (10, 30),
                "主旨演讲：云园区一年",
                "Keynote: a year of the cloud park",
                F.KEYNOTE,
                speakers=(("李京华", "主任", "国家文化产业创新实验区协调办公室"),),
            ),
            Talk(
                day,
                (10, 45),
                (12, 0),
                "圆桌对话：园区服务的数字化",
                "Round table: park services gone digital",
                F.ROUND_TABLE,
            ),
        ),
        registration={
            "registration_enabled": True,
            "capacity": 300,
            "registration_deadline": at(day - timedelta(days=2), 18),
        },
        parts=tuple(
            Plan(
                kind=K.SUB_FORUM,
                title=name,
                title_en=name_en,
                starts_at=at(day, 14),
                ends_at=at(day, 17, 30),
                venue=f"{name}会场",
                venue_en=f"{name_en} room",
                theme=theme,
                theme_en=theme_en,
                sessions=(
                    Talk(
                        day,
                        (14, 0),
                        (15, 30),
                        f"主题报告：{theme}",
                        f"Talks: {theme_en}",
                        F.KEYNOTE,
                    ),
                    Talk(day, (15, 45), (17, 30), "圆桌对话", "Round table", F.ROUND_TABLE),
                ),
                registration={"registration_enabled": True, "capacity": 80},
            )
            for name, name_en, theme, theme_en in subs
        ),
    )


# Writing it ----------------------------------------------------------------------------------


class EventsLoader:
    """Writes the events for ``owners`` (organisation key -> organisation) and registers
    ``people`` (e-mail -> user) as a person would."""

    def __init__(self, *, today, owners, people):
        self.today = today
        self.owners = owners
        self.people = people
        self.directory = {}

    def directory_organization(self, name):
        if name not in self.directory:
            self.directory[name] = Organization.objects.filter(name=name).first()
        return self.directory[name]

    def create(self, plan, *, owner, actor, parent=None):
        event = services.create_event(owner, actor=actor, parent=parent, **plan.values(parent))
        for role, name, name_en in plan.organizers:
            organization = self.directory_organization(name)
            services.add_organizer(
                event, actor=actor, role=role, organization=organization, name=name, name_en=name_en
            )
        for talk in plan.sessions:
            services.add_session(
                event, actor=actor, speakers=talk.speaker_values(), **talk.values()
            )
        for part in plan.parts:
            self.create(part, owner=owner, actor=actor, parent=event)
        return event

    def write(self, plan, *, owner, actor, published_at):
        event = self.create(plan, owner=owner, actor=actor)
        return services.publish_event(event, actor=actor, now=published_at)

    def part(self, event, title):
        return event.parts.get(title=title)

    def register(
        self,
        event,
        email,
        *,
        at_time,
        name=None,
        organization="",
        check_in_at=None,
        door=None,
        actor=None,
    ):
        user = self.people[email]
        registration = services.register(
            event,
            user,
            actor=user,
            name=name or user.name,
            organization_name=organization,
            now=at_time,
            language="zh-hans",
        )
        if check_in_at is not None:
            services.check_in(door or event, registration.code, actor=actor, now=check_in_at)
        return registration

    def load(self, *, internet_media_owner, film_week_owner, ceremony_owner, zone_owner, actors):
        person = "person@demo.cloudpark.cn"
        enterprise_admin = "enterprise@demo.cloudpark.cn"

        # 2021 China Internet Media Forum.
        actor = actors[internet_media_owner]
        forum = self.write(
            internet_media_forum(),
            owner=self.owners[internet_media_owner],
            actor=actor,
            published_at=at(CIMF_DAY - timedelta(days=20), 10),
        )
        self.showcase(forum, actor=actor)
        content = self.part(forum, "2021中国网络媒体论坛内容论坛")
        self.register(
            content,
            person,
            at_time=at(CIMF_DAY - timedelta(days=7), 20),
            organization="杭州之江光影文化传媒有限公司",
            check_in_at=at(CIMF_DAY, 13, 42),
            actor=actor,
        )
        services.finish_event(forum, actor=actor, now=at(CIMF_DAY, 21, 30))

        # 2022 China-ASEAN Film Culture Week.
        actor = actors[film_week_owner]
        week = self.write(
            film_week(),
            owner=self.owners[film_week_owner],
            actor=actor,
            published_at=at(WEEK_START - timedelta(days=14), 10),
        )
        self.films(week.parts.get(kind=K.SCREENING), actor=actor)
        concert = self.part(week, "中国—东盟电影音乐会")
        self.register(
            concert,
            person,
            at_time=at(WEEK_START - timedelta(days=3), 12),
            check_in_at=at(WEEK_START + timedelta(days=1), 19, 12),
            actor=actor,
        )
        services.finish_event(week, actor=actor, now=at(WEEK_START + timedelta(days=3), 10))

        # 2022 Industry TV Honour Ceremony, Foshan.
        actor = actors[ceremony_owner]
        ceremony = self.write(
            honour_ceremony(),
            owner=self.owners[ceremony_owner],
            actor=actor,
            published_at=at(date(2023, 2, 1), 10),
        )
        gala = self.part(ceremony, "2022行业电视荣誉盛典")
        self.register(
            gala,
            person,
            at_time=at(date(2023, 2, 10), 9),
            check_in_at=at(CEREMONY_DAYS[2], 19, 5),
            actor=actor,
        )
        self.register(
            gala,
            enterprise_admin,
            at_time=at(date(2023, 2, 9), 15),
            organization=DEMO_EXHIBITOR,
            check_in_at=at(CEREMONY_DAYS[2], 19, 8),
            actor=actor,
        )
        services.finish_event(ceremony, actor=actor, now=at(CEREMONY_DAYS[2], 22, 30))

        # The zone's Development Forum, where the cloud park was launched.
        actor = actors[zone_owner]
        launch = self.write(
            zone_forum(),
            owner=self.owners[zone_owner],
            actor=actor,
            published_at=at(ZONE_FORUM_DAY - timedelta(days=15), 10),
        )
        self.register(
            launch,
            person,
            at_time=at(ZONE_FORUM_DAY - timedelta(days=5), 11),
            organization="杭州之江光影文化传媒有限公司",
            check_in_at=at(ZONE_FORUM_DAY, 8, 52),
            actor=actor,
        )
        services.finish_event(launch, actor=actor, now=at(ZONE_FORUM_DAY, 13))

        # Its next edition, open for registration.
        plan = next_zone_forum(self.today)
        opened = (
            at(self.today, 9) if self.today < plan.starts_at.date() - timedelta(days=2) else None
        )
        upcoming = self.write(
            plan,
            owner=self.owners[zone_owner],
            actor=actor,
            published_at=opened or at(plan.starts_at.date() - timedelta(days=30), 9),
        )
        if opened is not None:
            self.register(
                upcoming,
                person,
                at_time=opened + timedelta(hours=1),
                organization="杭州之江光影文化传媒有限公司",
            )
            self.register(
                upcoming.parts.order_by("position").last(),
                person,
                at_time=opened + timedelta(hours=1),
            )
            self.register(
                upcoming,
                enterprise_admin,
                at_time=opened + timedelta(hours=2),
                organization=DEMO_EXHIBITOR,
            )
            # A change after publication, as the agenda shows it.
            round_table = upcoming.sessions.get(format=F.ROUND_TABLE)
            services.update_session(
                round_table,
                actor=actor,
                now=opened + timedelta(hours=3),
                place="多功能厅",
                place_en="Multi-purpose hall",
            )
        return [forum, week, ceremony, launch, upcoming]

    def showcase(self, forum, *, actor):
        exhibition = forum.parts.get(kind=K.EXHIBITION)
        rows = [(name, name_en, exhibits) for name, name_en, exhibits in SHOWCASE]
        for index, (name, name_en, exhibits) in enumerate(rows, start=1):
            exhibitor = services.invite_exhibitor(
                exhibition,
                actor=actor,
                organization=self.directory_organization(name),
                name=name,
                name_en=name_en,
                exhibits=exhibits,
            )
            services.confirm_exhibitor(
                exhibitor,
                actor=actor,
                booth=f"{'A' if index <= 22 else 'B'}{(index - 1) % 22 + 1:02d}",
                now=at(CIMF_DAY - timedelta(days=10), 10),
            )
        demo_enterprise = self.directory_organization(DEMO_EXHIBITOR)
        if demo_enterprise is not None:
            exhibitor = services.invite_exhibitor(
                exhibition,
                actor=actor,
                organization=demo_enterprise,
                exhibits="网络微短剧与纪录片的超高清制作",
                exhibits_en="Micro-dramas and documentaries made in ultra-high definition",
            )
            services.confirm_exhibitor(
                exhibitor, actor=actor, booth="C43", now=at(CIMF_DAY - timedelta(days=10), 10)
            )
        return exhibition

    def films(self, screenings, *, actor):
        for index, row in enumerate(FILMS):
            (
                title,
                title_en,
                minutes,
                country,
                country_en,
                language,
                language_en,
                subtitles,
                subtitles_en,
                director,
                director_en,
                rights_holder,
                permit,
            ) = row
            film = services.add_film(
                screenings,
                actor=actor,
                title=title,
                title_en=title_en,
                runtime_minutes=minutes,
                country_or_region=country,
                country_or_region_en=country_en,
                language=language,
                language_en=language_en,
                subtitles=subtitles,
                subtitles_en=subtitles_en,
                director=director,
                director_en=director_en,
                rights_holder=rights_holder,
                permit_number=permit,
            )
            for film_index, day, hour, minute, venue_index in SCREENING_SLOTS:
                if film_index == index:
                    venue, venue_en = SCREENING_VENUES[venue_index]
                    services.add_screening(
                        film,
                        actor=actor,
                        venue=venue,
                        venue_en=venue_en,
                        starts_at=at(WEEK_START + timedelta(days=day), hour, minute),
                    )


def is_loaded():
    return Event.objects.filter(title=ANCHOR_TITLE).exists()
