import re

from django.utils import translation
from django.utils.translation import get_language

ENGLISH_SUFFIX = "_en"


def prefers_english():
    return (get_language() or "").startswith("en")


def localized(chinese, english):
    """The text for the active language, falling back to the Chinese original."""
    return localizer()(chinese, english)


def localizer():
    """``localized`` with the language settled now, for many texts read in one language (the
    rows of an export)."""
    return _english_first if prefers_english() else _chinese_first


def _english_first(chinese, english):
    return english or chinese or ""


def _chinese_first(chinese, english):
    return chinese or english or ""


HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def language_of(text):
    """The ``lang`` of a stored text that has no English twin: Chinese when it holds Han
    characters, English otherwise."""
    return "zh-Hans" if HAN.search(str(text or "")) else "en"


def in_both(value):
    """``value`` (a lazy text, an object's ``str``) rendered in Chinese and in English."""
    with translation.override("zh-hans"):
        chinese = str(value)
    with translation.override("en"):
        english = str(value)
    return chinese, english


def english_of(field):
    """The name of the field holding ``field``'s English rendering."""
    return f"{field}{ENGLISH_SUFFIX}"


class Bilingual:
    """One bilingual field, declared once on its model: ``display_title = Bilingual("title")``.

    Chinese (``title``) is authoritative and searched; English (``title_en``) is its
    rendering. Read on an object, the attribute gives the text in the active language. The
    declaration also lists ``title`` in the model's ``bilingual_fields``, from which forms,
    serializers and services name the pair (``with_english``).
    """

    def __init__(self, field):
        self.field = field
        self.english = english_of(field)

    def __set_name__(self, owner, name):
        self.name = name
        declared = owner.__dict__.get("bilingual_fields")
        if declared is None:
            declared = tuple(getattr(owner, "bilingual_fields", ()))
        if self.field not in declared:
            owner.bilingual_fields = (*declared, self.field)

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return localized(getattr(instance, self.field), getattr(instance, self.english))


def bilingual_fields(model):
    """The Chinese names of ``model``'s bilingual fields, in the order declared."""
    return tuple(getattr(model, "bilingual_fields", ()))


def with_english(model, *names):
    """``names`` with the English field after each bilingual one of ``model``, in order:
    ``with_english(Event, "kind", "title")`` is ``("kind", "title", "title_en")``."""
    bilingual = set(bilingual_fields(model))
    return tuple(
        name
        for field in names
        for name in ((field, english_of(field)) if field in bilingual else (field,))
    )


class LocalizedNameMixin:
    """Models with ``name`` (Chinese, authoritative) and ``name_en`` get ``display_name``."""

    display_name = Bilingual("name")
