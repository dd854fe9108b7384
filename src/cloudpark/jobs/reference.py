"""Reference data of recruitment: the words a posting may not use, and how age limits are read.

The law (就业促进法 arts. 3, 27-31; 就业服务与就业管理规定 art. 20; the five ministries'
notice on online recruitment) bans limits by sex, ethnicity, race, religion, household
registration (户籍), region and marital or child-bearing status. Age limits are not listed as
such, but a posting may only ask what the work needs: the platform accepts the statutory
minimum working age (16) and adult age (18) as lower limits and refuses any other age limit.
The lists are data: a phrase found in a posting's text is shown back to its author.
"""

import re

from django.utils.translation import gettext_lazy as _

# kind -> (label, phrases). Phrases are matched case-insensitively as substrings, so that
# they are short, specific and never ordinary words of a job description.
DISCRIMINATORY_PHRASES = {
    "sex": (
        _("sex"),
        (
            "限男",
            "限女",
            "仅限男",
            "仅限女",
            "只招男",
            "只招女",
            "仅招男",
            "仅招女",
            "男性优先",
            "女性优先",
            "男士优先",
            "女士优先",
            "男生优先",
            "女生优先",
            "性别要求",
            "性别：男",
            "性别：女",
            "male only",
            "female only",
            "men only",
            "women only",
        ),
    ),
    "ethnicity": (
        _("ethnicity"),
        (
            "限汉族",
            "汉族优先",
            "仅限汉族",
            "少数民族除外",
            "不招少数民族",
            "民族要求",
            "宗教信仰要求",
            "无宗教信仰",
        ),
    ),
    "household": (
        _("household registration"),
        (
            "本地户口",
            "本地户籍",
            "户籍要求",
            "户口要求",
            "京籍",
            "沪籍",
            "北京户口",
            "上海户口",
            "农村户口除外",
            "非农户口",
            "local hukou",
        ),
    ),
    "region": (
        _("region"),
        (
            "限本地",
            "本地人优先",
            "仅限本地",
            "外地人勿扰",
            "不招外地",
            "限本省",
            "本省生源",
            "locals only",
        ),
    ),
    "marriage": (
        _("marital or child-bearing status"),
        (
            "已婚",
            "未婚",
            "已育",
            "未育",
            "生育要求",
            "三年内不生育",
            "不得怀孕",
            "unmarried",
            "no children",
        ),
    ),
}

AGE_KIND = "age"
AGE_LABEL = _("age beyond the law")

# Lower age limits the law itself sets: the minimum working age and adulthood.
LAWFUL_MINIMUM_AGES = frozenset({16, 18})

_AGE_RANGE = re.compile(r"(\d{2})\s*(?:-|~|－|至|到)\s*(\d{2})\s*周?岁")
_AGE_UPPER = re.compile(
    r"(?:(\d{2})\s*周?岁\s*(?:以下|以内|之内|以前)|"
    r"(?:年龄|年纪)\s*(?:不超过|不大于|小于|低于|在)\s*(\d{2})|"
    r"不超过\s*(\d{2})\s*周?岁|"
    r"(?:under|below)\s*(\d{2})\b)",
    re.IGNORECASE,
)
_AGE_LOWER = re.compile(r"(?:年满|(?<!\d))(\d{2})\s*周?岁\s*以上")


def _age_phrases(text):
    found = [match.group(0) for match in _AGE_RANGE.finditer(text)]
    found += [match.group(0) for match in _AGE_UPPER.finditer(text)]
    found += [
        match.group(0)
        for match in _AGE_LOWER.finditer(text)
        if int(match.group(1)) not in LAWFUL_MINIMUM_AGES
    ]
    return found


def discriminatory_phrases(*texts):
    """``[(kind label, [phrases found])]`` in the order of the lists, for every kind found."""
    text = "\n".join(str(part or "") for part in texts)
    lowered = text.lower()
    found = []
    for label, phrases in DISCRIMINATORY_PHRASES.values():
        hits = [phrase for phrase in phrases if phrase.lower() in lowered]
        if hits:
            found.append((label, hits))
    ages = _age_phrases(text)
    if ages:
        found.append((AGE_LABEL, list(dict.fromkeys(ages))))
    return found


# Bounds of a salary range, in thousands of yuan a month, and of the months paid a year.
MAX_MONTHLY_SALARY = 500
MIN_SALARY_MONTHS = 12
MAX_SALARY_MONTHS = 24
