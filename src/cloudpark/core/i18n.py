from django.utils.translation import get_language


def prefers_english():
    return (get_language() or "").startswith("en")


def localized(chinese, english):
    """The text for the active language, falling back to the Chinese original."""
    if prefers_english() and english:
        return english
    return chinese or english or ""


class LocalizedNameMixin:
    """Models with ``name`` (Chinese, authoritative) and ``name_en`` get ``display_name``."""

    @property
    def display_name(self):
        return localized(self.name, self.name_en)
