"""The hand-written part of the demo: government bodies, parks, fixed enterprises, accounts.

What is taken from the public record:

* the China (Zhijiang) Audiovisual Innovation and Entrepreneurship Base: approved by the
  National Radio and Television Administration on 23 December 2020 in Xihu Yichuang Town,
  Xihu District, Hangzhou, the province's first national online audiovisual base (Zhejiang
  Provincial Radio and Television Bureau, department news of 5 January 2021);
* the first batch of Zhejiang provincial radio, TV and online audiovisual industry bases
  (parks): its list was read out and its plaques awarded at the province's meeting on the
  high-quality development of the bases in Hangzhou on 9 March 2023 (gdj.zj.gov.cn, 10 March
  2023). The list itself is not reproduced here: the twelve provincial parks below are
  representative parks spread over the province's cities, not the official list.

Operators, areas, addresses and every enterprise and person are illustrative.
"""

from dataclasses import dataclass
from datetime import date

from cloudpark.orgs.enums import GovernmentLevel, ParkLevel, Role

DEMO_PASSWORD = "cloudpark-demo"
SEED = 20201223

NATIONAL_ADMINISTRATION = "nrta"
ZHEJIANG_BUREAU = "zhejiang-bureau"
ZONE_OFFICE = "zone-office"
ZONE = "zone"
ZHIJIANG = "zhijiang"
DEMO_ENTERPRISE = "demo-enterprise"
SERVICE_ENTERPRISE = "service-enterprise"
# The bank of the zone's finance service centre whose desk the demo's banker works at.
FINANCE_BANK = "finance-bank"
# Service partners the Zhijiang base admitted to publish benefit offers to its people.
PARTNER_GYM = "partner-gym"
PARTNER_CINEMA = "partner-cinema"

GOVERNMENTS = (
    {
        "key": NATIONAL_ADMINISTRATION,
        "name": "国家广播电视总局",
        "name_en": "National Radio and Television Administration",
        "level": GovernmentLevel.NATIONAL,
        "parent": None,
        "region": None,
        "address": "北京市西城区复兴门外大街2号",
        "description": "主管全国广播电视和网络视听工作，批复设立国家级广播电视和网络视听产业"
        "基地（园区）。",
        "description_en": "Oversees radio, television and online audiovisual services "
        "nationwide and approves the national radio, TV and online audiovisual industry bases.",
    },
    {
        "key": ZHEJIANG_BUREAU,
        "name": "浙江省广播电视局",
        "name_en": "Zhejiang Provincial Radio and Television Bureau",
        "level": GovernmentLevel.PROVINCIAL,
        "parent": NATIONAL_ADMINISTRATION,
        "region": "330000",
        "address": "浙江省杭州市",
        # Since 2024 these duties sit with the provincial Department of Culture, Radio, TV and
        # Tourism; the demo keeps the bureau that accredited the first provincial batch.
        "description": "负责全省广播电视和网络视听产业发展，认定省级广播电视和网络视听产业"
        "基地（园区）。",
        "description_en": "Guides the province's radio, TV and online audiovisual industry and "
        "accredits the provincial industry bases (parks).",
    },
    {
        "key": ZONE_OFFICE,
        "name": "国家文化产业创新实验区协调办公室",
        "name_en": "Coordination Office of the National Cultural Industry Innovation "
        "Experimental Zone",
        "level": GovernmentLevel.DISTRICT,
        "parent": None,
        "region": "110105",
        "address": "北京市朝阳区",
        "description": "统筹国家文化产业创新实验区的政策、服务和企业发展工作。",
        "description_en": "Coordinates policy, services and enterprise development in the "
        "National Cultural Industry Innovation Experimental Zone.",
    },
)

PROVINCIAL_BATCH = "浙江省第一批省级广播电视和网络视听产业基地（园区）"
PROVINCIAL_BATCH_EN = (
    "First batch of Zhejiang provincial radio, TV and online audiovisual industry bases (parks)"
)
PROVINCIAL_BATCH_AWARDED_ON = date(2023, 3, 9)


@dataclass(frozen=True)
class ParkPlan:
    """A park of the demo. ``categories`` are the mid categories its enterprises lean to,
    ``enterprises`` how many it hosts, ``opened_on`` the earliest admission date."""

    key: str
    name: str
    name_en: str
    region: str
    level: str
    address: str
    operator: str
    area: int | None
    focus: str
    focus_en: str
    description: str
    description_en: str
    categories: tuple
    enterprises: int
    opened_on: date
    batch: str = ""
    batch_en: str = ""
    approved_on: date | None = None


def _provincial(key, name, name_en, region, address, operator, area, focus, categories, opened):
    focus_zh, focus_en = focus
    return ParkPlan(
        key=key,
        name=name,
        name_en=name_en,
        region=region,
        level=ParkLevel.PROVINCIAL,
        address=address,
        operator=operator,
        area=area,
        focus=focus_zh,
        focus_en=focus_en,
        description=f"{name}是浙江省省级广播电视和网络视听产业基地（园区），重点发展{focus_zh}。",
        description_en=f"{name_en} is a Zhejiang provincial radio, TV and online audiovisual "
        f"industry base, concentrating on {focus_en.lower()}.",
        categories=categories,
        enterprises=12,
        opened_on=opened,
        batch=PROVINCIAL_BATCH,
        batch_en=PROVINCIAL_BATCH_EN,
        approved_on=PROVINCIAL_BATCH_AWARDED_ON,
    )


PARKS = (
    ParkPlan(
        key=ZONE,
        name="国家文化产业创新实验区",
        name_en="National Cultural Industry Innovation Experimental Zone",
        region="110105",
        level=ParkLevel.NATIONAL,
        address="北京市朝阳区",
        operator="国家文化产业创新实验区协调办公室",
        # A district-wide zone rather than a fenced park: it has no floor area of its own.
        area=None,
        focus="文化传媒、创意设计、数字内容、文化金融",
        focus_en="Media, creative design, digital content, cultural finance",
        description="以北京市朝阳区为主体建设的国家级文化产业创新实验区，沿CBD—定福庄一线"
        "集聚传媒、创意设计和数字内容企业，探索文化与金融、科技融合发展。",
        description_en="A national experimental zone for cultural industry innovation built "
        "around Chaoyang District, Beijing, gathering media, creative design and digital "
        "content enterprises along the CBD to Dingfuzhuang corridor.",
        categories=("011", "022", "031", "032", "051", "074"),
        enterprises=30,
        opened_on=date(2014, 6, 1),
    ),
    ParkPlan(
        key=ZHIJIANG,
        name="中国（之江）视听创新创业基地",
        name_en="China (Zhijiang) Audiovisual Innovation and Entrepreneurship Base",
        region="330106",
        level=ParkLevel.NATIONAL,
        address="浙江省杭州市西湖区转塘街道艺创小镇（之江文化产业带）",
        operator="杭州西湖艺创小镇开发运营有限公司",
        area=350000,
        focus="网络视听、影视制作、数字文创、视听人才孵化",
        focus_en="Online audiovisual, film and TV production, digital creative industries, "
        "incubation of audiovisual talent",
        description="2020年12月23日经国家广播电视总局批复设立，位于杭州市西湖区艺创小镇，"
        "是浙江省首个国家级网络视听产业基地（园区）。基地立足长三角，推动视听艺术与数字技术"
        "融合，培育视听中小企业和创新创业人才。",
        description_en="Approved by the National Radio and Television Administration on "
        "23 December 2020 in Xihu Yichuang Town, Hangzhou: the province's first national online "
        "audiovisual industry base. It joins audiovisual art with digital technology and "
        "incubates small audiovisual enterprises and their founders.",
        categories=("022", "024", "045", "014", "032", "077"),
        enterprises=50,
        opened_on=date(2019, 6, 1),
        batch="国家级网络视听基地",
        batch_en="National online audiovisual base",
        approved_on=date(2020, 12, 23),
    ),
    _provincial(
        "binjiang",
        "杭州滨江数字视听产业园",
        "Hangzhou Binjiang Digital Audiovisual Industrial Park",
        "330108",
        "浙江省杭州市滨江区江南大道",
        "杭州滨江数字文化产业发展有限公司",
        180000,
        ("动漫游戏、网络视听、视听科技", "Animation and games, online audiovisual, AV technology"),
        ("024", "045", "014", "082"),
        date(2012, 3, 1),
    ),
    _provincial(
        "yuhang",
        "杭州余杭未来影视数字产业园",
        "Hangzhou Yuhang Future Film and Digital Industrial Park",
        "330110",
        "浙江省杭州市余杭区文一西路",
        "杭州余杭文化产业投资有限公司",
        150000,
        ("数字影视、虚拟制作、网络视听", "Digital film, virtual production, online audiovisual"),
        ("022", "024", "014", "083"),
        date(2016, 9, 1),
    ),
    _provincial(
        "grand-canal",
        "杭州运河网络视听产业基地",
        "Hangzhou Grand Canal Online Audiovisual Industry Base",
        "330100",
        "浙江省杭州市拱墅区丽水路",
        "杭州运河文创园区运营管理有限公司",
        90000,
        ("网络视听、直播电商、广告创意", "Online audiovisual, live commerce, advertising"),
        ("045", "031", "022", "075"),
        date(2015, 5, 1),
    ),
    _provincial(
        "ningbo",
        "宁波影视文化产业园",
        "Ningbo Film and Culture Industrial Park",
        "330200",
        "浙江省宁波市象山县影视城大道",
        "宁波影视文化产业园区开发有限公司",
        600000,
        ("影视拍摄、影视器材、文化旅游", "Film shooting, film equipment, cultural tourism"),
        ("022", "076", "062", "075"),
        date(2010, 10, 1),
    ),
    _provincial(
        "wenzhou",
        "温州瓯江视听产业园",
        "Wenzhou Oujiang Audiovisual Industrial Park",
        "330300",
        "浙江省温州市鹿城区瓯江路",
        "温州市文化产业发展集团有限公司",
        80000,
        ("网络视听、微短剧、品牌传播", "Online audiovisual, micro-dramas, brand communication"),
        ("045", "022", "031"),
        date(2017, 4, 1),
    ),
    _provincial(
        "jiaxing",
        "嘉兴南湖网络视听产业基地",
        "Jiaxing Nanhu Online Audiovisual Industry Base",
        "330400",
        "浙江省嘉兴市南湖区南湖大道",
        "嘉兴南湖文化产业投资有限公司",
        70000,
        ("网络视听、会展服务、数字内容", "Online audiovisual, exhibitions, digital content"),
        ("045", "074", "024", "014"),
        date(2018, 3, 1),
    ),
    _provincial(
        "huzhou",
        "湖州太湖影视文化产业园",
        "Huzhou Taihu Film and Culture Industrial Park",
        "330500",
        "浙江省湖州市吴兴区太湖路",
        "湖州太湖文化旅游发展有限公司",
        120000,
        ("影视制作、文化旅游、传统工艺", "Film production, cultural tourism, traditional crafts"),
        ("022", "062", "092", "026"),
        date(2016, 6, 1),
    ),
    _provincial(
        "shaoxing",
        "绍兴柯桥数字文创视听园",
        "Shaoxing Keqiao Digital Creative Audiovisual Park",
        "330600",
        "浙江省绍兴市柯桥区鉴湖路",
        "绍兴柯桥文化创意产业发展有限公司",
        75000,
        ("创意设计、演艺、数字视听", "Creative design, performing arts, digital audiovisual"),
        ("032", "044", "024", "023"),
        date(2017, 8, 1),
    ),
    _provincial(
        "jinhua",
        "金华数字影视产业园",
        "Jinhua Digital Film and Television Industrial Park",
        "330700",
        "浙江省金华市婺城区双龙南街",
        "金华文化产业投资集团有限公司",
        100000,
        ("影视后期、动漫、影视发行", "Post-production, animation, film distribution"),
        ("022", "024", "043"),
        date(2015, 11, 1),
    ),
    _provincial(
        "dongyang",
        "东阳影视后期制作产业园",
        "Dongyang Film Post-production Industrial Park",
        "330783",
        "浙江省东阳市横店镇万盛街",
        "东阳影视产业服务有限公司",
        200000,
        ("影视后期、服化道、艺人经纪", "Post-production, costume and props, talent management"),
        ("022", "076", "075", "084"),
        date(2011, 5, 1),
    ),
    _provincial(
        "taizhou",
        "台州和合文化视听产业园",
        "Taizhou Hehe Culture Audiovisual Industrial Park",
        "331000",
        "浙江省台州市椒江区市府大道",
        "台州市文化产业投资有限公司",
        60000,
        ("文化创作、网络视听、工艺美术", "Cultural creation, online audiovisual, arts and crafts"),
        ("023", "045", "026", "022"),
        date(2018, 9, 1),
    ),
    _provincial(
        "quzhou",
        "衢州数字文化视听产业园",
        "Quzhou Digital Culture Audiovisual Industrial Park",
        "330800",
        "浙江省衢州市柯城区荷花中路",
        "衢州文化产业发展有限公司",
        50000,
        ("数字内容、文化培训、网络视听", "Digital content, cultural training, online audiovisual"),
        ("024", "077", "045"),
        date(2019, 4, 1),
    ),
)

ANCHOR_PARK_NAME = next(park.name for park in PARKS if park.key == ZONE)

# Who oversees which parks directly; bodies also oversee what the bodies below them oversee.
ZHEJIANG_PARKS = tuple(park.key for park in PARKS if park.region.startswith("33"))
JURISDICTION = {
    NATIONAL_ADMINISTRATION: (ZHIJIANG,),
    ZHEJIANG_BUREAU: ZHEJIANG_PARKS,
    ZONE_OFFICE: (ZONE,),
}

# Enterprises the demo accounts work for; the rest are generated.
FIXED_ENTERPRISES = (
    {
        "key": DEMO_ENTERPRISE,
        "park": ZHIJIANG,
        "admitted_on": date(2021, 3, 18),
        "tags": ("high-tech", "audiovisual-license", "online-av-license"),
        "values": {
            "name": "杭州之江光影文化传媒有限公司",
            "name_en": "Hangzhou Zhijiang Light and Shadow Culture Media Co., Ltd.",
            "credit_code_base": "91330106MA2H7K3L5",
            "category": "022",
            "region": "330106",
            "address": "浙江省杭州市西湖区转塘街道艺创小镇3幢201室",
            "founded_on": date(2018, 5, 8),
            "registered_capital": 1000,
            "staff_count": 86,
            "legal_representative": "沈若溪",
            "contact_name": "沈若溪",
            "contact_mobile": "13757120318",
            "description": "专注网络剧、纪录片和微短剧的策划与制作，入驻中国（之江）视听创新"
            "创业基地。",
            "description_en": "Develops and produces online series, documentaries and "
            "micro-dramas; resident in the China (Zhijiang) Audiovisual Innovation and "
            "Entrepreneurship Base.",
        },
        # Revenue, output and taxes (10,000 yuan) of the last completed years, oldest first.
        "years": ((2680, 3020, 142), (3350, 3870, 188), (4120, 4790, 236)),
    },
    {
        "key": SERVICE_ENTERPRISE,
        "park": ZHIJIANG,
        "admitted_on": date(2020, 6, 1),
        "tags": ("tech-sme",),
        "values": {
            "name": "杭州艺创视听公共服务有限公司",
            "name_en": "Hangzhou Yichuang Audiovisual Public Services Co., Ltd.",
            "credit_code_base": "91330106MA2GY8N4P",
            "category": "076",
            "region": "330106",
            "address": "浙江省杭州市西湖区转塘街道艺创小镇1幢105室",
            "founded_on": date(2019, 11, 20),
            "registered_capital": 500,
            "staff_count": 24,
            "legal_representative": "陆明川",
            "contact_name": "陆明川",
            "contact_mobile": "18968015236",
            "description": "为基地企业提供摄影棚、器材租赁和后期机房等公共服务。",
            "description_en": "Runs the base's shared studios, equipment rental and "
            "post-production suites for its enterprises.",
        },
        "years": ((860, 910, 41), (1040, 1120, 52)),
    },
)


@dataclass(frozen=True)
class DemoAccount:
    email: str
    name: str
    mobile: str
    portal: str
    memberships: tuple = ()  # (organisation key, role)
    is_superuser: bool = False


SUPERUSER_EMAIL = "admin@demo.cloudpark.cn"
# Decides national accreditations (the Zhijiang base) in the demo's accreditation story.
NATIONAL_ADMINISTRATION_EMAIL = "nrta@demo.cloudpark.cn"

ACCOUNTS = (
    DemoAccount(SUPERUSER_EMAIL, "平台管理员", "13800571000", "admin", is_superuser=True),
    DemoAccount(
        "gov@demo.cloudpark.cn",
        "周文清",
        "13906510021",
        "government",
        ((ZHEJIANG_BUREAU, Role.ADMIN),),
    ),
    DemoAccount(
        "reviewer@demo.cloudpark.cn",
        "吴思远",
        "13588062043",
        "government",
        ((ZHEJIANG_BUREAU, Role.REVIEWER),),
    ),
    DemoAccount(
        "zone@demo.cloudpark.cn",
        "李京华",
        "13601165532",
        "government",
        ((ZONE_OFFICE, Role.ADMIN),),
    ),
    # The park's administrator also works for the base's service company: two portals.
    DemoAccount(
        "park@demo.cloudpark.cn",
        "陈艺禾",
        "15858170264",
        "park",
        ((ZHIJIANG, Role.ADMIN), (SERVICE_ENTERPRISE, Role.STAFF)),
    ),
    DemoAccount(
        "park-staff@demo.cloudpark.cn", "徐晓晨", "18757135590", "park", ((ZHIJIANG, Role.STAFF),)
    ),
    DemoAccount(
        "enterprise@demo.cloudpark.cn",
        "沈若溪",
        "13757120318",
        "enterprise",
        ((DEMO_ENTERPRISE, Role.ADMIN),),
    ),
    DemoAccount(
        "enterprise-staff@demo.cloudpark.cn",
        "林嘉怡",
        "17767081125",
        "enterprise",
        ((DEMO_ENTERPRISE, Role.STAFF),),
    ),
    DemoAccount(
        NATIONAL_ADMINISTRATION_EMAIL,
        "郑国华",
        "13910286731",
        "government",
        ((NATIONAL_ADMINISTRATION, Role.ADMIN),),
    ),
    DemoAccount("person@demo.cloudpark.cn", "王梓涵", "19857162207", "individual"),
    # A financial institution is an organisation of the kind "other": My Cloud Park's desk.
    DemoAccount(
        "bank@demo.cloudpark.cn",
        "何嘉言",
        "13666612078",
        "individual",
        ((FINANCE_BANK, Role.ADMIN),),
    ),
    # A service partner is an organisation of the kind "other" too: its benefits desk.
    DemoAccount(
        "partner@demo.cloudpark.cn",
        "高远帆",
        "13588176530",
        "individual",
        ((PARTNER_GYM, Role.ADMIN),),
    ),
)


# Personal API tokens of the individual: (name, revoked?).
API_TOKEN_OWNER = "person@demo.cloudpark.cn"
API_TOKENS = [("旧笔记本上的导出脚本", True), ("日历同步", False)]
