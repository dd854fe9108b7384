"""The regime of online drama filing, as data: kinds and their licence codes, the era and
subject pair table, the dated and per-province tier rules, the size limits, the minimum text
lengths and the words that point to a co-review.

Gathered from the regulator's published guides and notices. What could not be confirmed is
marked UNVERIFIED: a sensible default kept here, in one place, so that it can be changed
without touching the rules that read it.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

# Kinds --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    key: str
    name: str
    name_en: str
    # The code between 网 and 审字 in a distribution licence number: （浙）网剧审字（2026）第003号.
    licence_code: str
    # Whether the filing carries a synopsis per episode.
    per_episode_synopses: bool
    # Episodes and minutes per episode a filing may declare (inclusive).
    min_episodes: int
    max_episodes: int
    min_minutes: Decimal
    max_minutes: Decimal
    uses_animation_subjects: bool = False


KINDS = {
    "series": Kind(
        "series", "网络剧", "Online series", "剧", True, 2, 200, Decimal("1"), Decimal("120")
    ),
    # An online film is one episode; 60 minutes is the customary floor (UNVERIFIED).
    "film": Kind(
        "film", "网络电影", "Online film", "影", False, 1, 1, Decimal("60"), Decimal("240")
    ),
    # The licence code of an animation is UNVERIFIED: the notices seen name only 剧, 影, 微剧.
    "animation": Kind(
        "animation",
        "网络动画片",
        "Online animation",
        "动",
        True,
        1,
        500,
        Decimal("1"),
        Decimal("120"),
        uses_animation_subjects=True,
    ),
    # Micro-dramas: at least 3 episodes, from tens of seconds to about 15 minutes each.
    "micro": Kind(
        "micro",
        "网络微短剧",
        "Online micro-drama",
        "微剧",
        True,
        3,
        300,
        Decimal("0.5"),
        Decimal("15"),
    ),
}

# Era and subject ----------------------------------------------------------------------------

ERAS = {
    "contemporary": ("当代", "Contemporary"),
    "modern": ("现代", "Modern"),
    "early_modern": ("近代", "Early modern"),
    "ancient": ("古代", "Ancient"),
}

SUBJECTS = {
    "urban": ("都市", "Urban"),
    "rural": ("农村", "Rural"),
    "military": ("军旅", "Military"),
    "youth": ("青少", "Youth"),
    "crime": ("涉案", "Crime"),
    "science_fiction": ("科幻", "Science fiction"),
    "legend": ("传奇", "Legend"),
    "biography": ("传记", "Biography"),
    "revolution": ("革命", "Revolution"),
    "palace": ("宫廷", "Palace"),
    "martial_arts": ("武打", "Martial arts"),
    "myth": ("神话", "Mythology"),
    "other": ("其它", "Other"),
}

# The pairs the regulator's monthly notices use for drama and film.
ERA_SUBJECTS = {
    "contemporary": ("urban", "rural", "military", "youth", "crime", "science_fiction", "other"),
    "modern": ("urban", "military", "rural", "other"),
    "early_modern": ("urban", "legend", "biography", "revolution", "other"),
    "ancient": ("biography", "legend", "palace", "martial_arts", "myth", "other"),
}

# Animation has its own list and no era.
ANIMATION_SUBJECTS = {
    "fairy_tale": ("童话", "Fairy tale"),
    "realism": ("现实", "Realism"),
    "science_fiction": ("科幻", "Science fiction"),
    "education": ("教育", "Education"),
    "history": ("历史", "History"),
    "myth": ("神话", "Mythology"),
    "culture": ("文化", "Culture"),
    "other": ("其他", "Other"),
}

# Special subjects ---------------------------------------------------------------------------

# Flagged, each sends the filing through a co-review stage.
SPECIAL_SUBJECTS = {
    "politics": ("政治", _("Politics")),
    "military": ("军事", _("Military affairs")),
    "diplomacy": ("外交", _("Diplomacy")),
    "national_security": ("国家安全", _("National security")),
    "united_front": ("统战", _("United front")),
    "ethnic": ("民族", _("Ethnic affairs")),
    "religion": ("宗教", _("Religion")),
    "judiciary": ("司法", _("Judiciary")),
    "police": ("公安", _("Public security")),
    "major": ("重大题材", _("Major subject")),
}

# Words in a title, synopsis or statement of themes that suggest a special subject the filer
# has not flagged. A suggestion for the pre-check, not a rule (UNVERIFIED list).
CO_REVIEW_WORDS = {
    "politics": ("政治", "政府", "领导人", "选举"),
    "military": ("军队", "部队", "军人", "战争", "解放军", "武警"),
    "diplomacy": ("外交", "大使", "使馆", "外交官"),
    "national_security": ("国家安全", "间谍", "特工", "反间", "情报"),
    "united_front": ("统战", "台胞", "港澳"),
    "ethnic": ("少数民族", "民族团结"),
    "religion": ("宗教", "寺庙", "僧", "道观", "教堂"),
    "judiciary": ("法院", "法官", "检察", "审判", "监狱"),
    "police": ("公安", "警察", "刑警", "民警", "派出所", "缉毒"),
    "major": ("革命", "建党", "长征", "抗战", "重大历史"),
}

# Minimum lengths, counted in Chinese characters ---------------------------------------------

MIN_SYNOPSIS_CHARACTERS = 1500
MIN_THEMES_CHARACTERS = 300
# Per-episode synopses: 500 is the television norm; for micro-dramas, whose episodes last a
# few minutes, 100 is a default (UNVERIFIED).
MIN_EPISODE_SYNOPSIS_CHARACTERS = {"series": 500, "animation": 500, "micro": 100}
MIN_ACTORS = 2
MAX_ACTORS = 5

# Drift between the planning and the release filing that calls for a new planning filing.
# Episode length: more than this share longer or shorter (UNVERIFIED).
EPISODE_LENGTH_TOLERANCE = Decimal("0.10")
# Plot: a synopsis whose likeness to the planned one falls below this ratio (UNVERIFIED).
PLOT_LIKENESS_FLOOR = 0.5

# Tiers --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TierRule:
    """When a work of some kinds is key, from a day on, in a province or (``province=""``)
    everywhere. Amounts in 10,000 yuan. The newest rule in force for the province, else the
    newest national one, applies."""

    key: str
    name: str
    name_en: str
    kinds: tuple
    valid_from: date
    # Two digits of the province's region code (33 for Zhejiang); "" for the national rule.
    province: str
    # At or above ``key_from`` (or strictly above, unless ``inclusive``) the work is key.
    key_from: Decimal
    inclusive: bool = False
    # Below ``key_from`` and at or above this, ordinary; below it, other. None: ordinary.
    ordinary_from: Decimal | None = None
    # A special subject makes the work key.
    special_subject_is_key: bool = False


TIER_RULES = (
    TierRule(
        "national-2022-series",
        "2022年重点网络剧片标准（剧、动画）",
        "2022 key works rule (series, animation)",
        ("series", "animation"),
        date(2022, 6, 1),
        "",
        Decimal("500"),
    ),
    TierRule(
        "national-2022-film",
        "2022年重点网络剧片标准（电影、微短剧）",
        "2022 key works rule (film, micro-drama)",
        ("film", "micro"),
        date(2022, 6, 1),
        "",
        Decimal("100"),
    ),
    TierRule(
        "national-2025-micro",
        "2025年网络微短剧分类分层审核标准",
        "2025 micro-drama tiers",
        ("micro",),
        date(2025, 2, 5),
        "",
        Decimal("100"),
        inclusive=True,
        ordinary_from=Decimal("30"),
        special_subject_is_key=True,
    ),
    # Guangxi's 2026 threshold for micro-dramas; the day it took effect is UNVERIFIED.
    TierRule(
        "guangxi-2026-micro",
        "广西2026年网络微短剧重点标准",
        "Guangxi 2026 micro-drama rule",
        ("micro",),
        date(2026, 1, 1),
        "45",
        Decimal("300"),
        inclusive=True,
        ordinary_from=Decimal("30"),
        special_subject_is_key=True,
    ),
)

TIER_RULES_BY_KEY = {rule.key: rule for rule in TIER_RULES}

# Issuers ------------------------------------------------------------------------------------

NATIONAL_ISSUER = "总局"

# The one-character abbreviation of each province, by the first two digits of its GB/T 2260
# code, used in licence numbers: （浙）网剧审字（2026）第003号.
PROVINCE_ABBREVIATIONS = {
    "11": "京",
    "12": "津",
    "13": "冀",
    "14": "晋",
    "15": "蒙",
    "21": "辽",
    "22": "吉",
    "23": "黑",
    "31": "沪",
    "32": "苏",
    "33": "浙",
    "34": "皖",
    "35": "闽",
    "36": "赣",
    "37": "鲁",
    "41": "豫",
    "42": "鄂",
    "43": "湘",
    "44": "粤",
    "45": "桂",
    "46": "琼",
    "50": "渝",
    "51": "川",
    "52": "贵",
    "53": "云",
    "54": "藏",
    "61": "陕",
    "62": "甘",
    "63": "青",
    "64": "宁",
    "65": "新",
}

# Number formats -----------------------------------------------------------------------------

LICENCE_NUMBER_FORMAT = "（{issuer}）网{code}审字（{year}）第{sequence:03d}号"
LICENCE_NUMBER_PATTERN = (
    r"^[（(](总局|[\u4e00-\u9fa5])[)）]网([\u4e00-\u9fa5]{1,2})审字[（(](\d{4})[)）]第(\d{3,})号$"
)
# The planning number's format is not published (UNVERIFIED): one of our own, unique per
# issuer, kind and year.
PLANNING_NUMBER_FORMAT = "（{issuer}）网{code}规备字（{year}）第{sequence:04d}号"
# A producer's 广播电视节目制作经营许可证 number: （浙）字第01234号, the issuing province first.
PRODUCTION_LICENCE_PATTERN = r"^[（(]([\u4e00-\u9fa5])[)）]字第(\d{3,6})号$"

# The monthly calendar -----------------------------------------------------------------------

# Filed by this day of the month, a filing joins that month's batch.
BATCH_CUT_OFF_DAY = 25
# The province forwards the batch by this day of the next month.
FORWARD_BY_DAY = 5
# The national re-review takes about this many working days.
NATIONAL_REVIEW_WORKING_DAYS = 20
# The approved list appears about this day of the month after the re-review.
NOTICE_DAY = 5

# The review room ----------------------------------------------------------------------------

# The clauses of content a work may not carry, after article 5 of the TV drama content rules
# (《电视剧内容管理规定》, 2010) that the online review follows [D19]: the ten clauses and the
# catch-all eleventh. A time-coded comment names one of them. The Chinese text is a short form
# of the clause, not its full wording.
PROHIBITED_CONTENT = {
    "constitution": (
        "违反宪法确定的基本原则",
        _("Against the basic principles of the Constitution"),
    ),
    "unity": ("危害国家统一、主权和领土完整", _("Harms national unity, sovereignty or territory")),
    "security": (
        "泄露国家秘密，危害国家安全、荣誉和利益",
        _("Leaks state secrets or harms national security, honour or interests"),
    ),
    "ethnic": (
        "煽动民族仇恨、民族歧视，破坏民族团结",
        _("Incites ethnic hatred or discrimination, harms ethnic unity"),
    ),
    "religion": (
        "违背国家宗教政策，宣扬邪教、迷信",
        _("Goes against the state's religious policy, promotes cults or superstition"),
    ),
    "order": ("扰乱社会秩序，破坏社会稳定", _("Disturbs social order or stability")),
    "obscenity_violence": (
        "宣扬淫秽、赌博、暴力、恐怖、吸毒，教唆犯罪",
        _("Promotes obscenity, gambling, violence, terror or drugs, or teaches crime"),
    ),
    "defamation": ("侮辱、诽谤他人", _("Insults or defames others")),
    "morality": (
        "危害社会公德或者民族优秀文化传统",
        _("Harms public morality or the nation's fine cultural traditions"),
    ),
    "minors": (
        "侵害未成年人合法权益或有害其身心健康",
        _("Harms minors' rights or their physical and mental health"),
    ),
    "other": ("法律、行政法规和规章禁止的其他内容", _("Other content the law forbids")),
}
