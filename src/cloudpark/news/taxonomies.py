"""Classifications as data, with Chinese and English labels.

Clarification categories: the four classes of the national joint rumour-refuting platform's
verification database, then the industry's own. Disclosure subject categories: the subject
classes government disclosure catalogues use, narrowed to those a culture and media
administration files under.
"""

from dataclasses import dataclass

from cloudpark.core.i18n import Bilingual


@dataclass(frozen=True)
class Category:
    key: str
    name: str
    name_en: str

    display_name = Bilingual("name")


CLARIFICATION_CATEGORIES = (
    Category("science", "科学常识", "Science and common knowledge"),
    Category("current_affairs", "时事政治", "Current affairs"),
    Category("public_policy", "公共政策", "Public policy"),
    Category("public_safety", "公共安全", "Public safety"),
    Category("screen", "影视与网络视听", "Film, television and online video"),
    Category("parks", "园区与企业", "Parks and enterprises"),
    Category("events", "活动与赛事", "Events and competitions"),
)

DISCLOSURE_CATEGORIES = (
    Category("general", "综合政务", "General government affairs"),
    Category("culture_media", "文化、广电、新闻出版", "Culture, broadcasting and publishing"),
    Category("economy", "国民经济管理", "Economic management"),
    Category("finance", "财政、金融、审计", "Finance and audit"),
    Category("science_education", "科技、教育", "Science and education"),
    Category("industry", "工业、交通", "Industry and transport"),
    Category("personnel", "机构、人事", "Organisation and personnel"),
)


def choices(categories):
    return [(category.key, category.name) for category in categories]


# The clarifications' categories, named once in the API schema.
CLARIFICATION_CHOICES = choices(CLARIFICATION_CATEGORIES)


def by_key(categories, key):
    return next((category for category in categories if category.key == key), None)
