"""The kit of list filters: small controls with the search box first. Each list's own filter
form sits beside its page; the forms that change data live in the capability's ``forms.py``."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _


class SearchInput(forms.TextInput):
    input_type = "search"


class SearchField(forms.CharField):
    widget = SearchInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("label", _("Search"))
        super().__init__(**kwargs)
        self.widget.attrs["placeholder"] = _("Name, e.g. 影视 or 园区")


class FilterForm(forms.Form):
    """A list's filters: small controls, and the search box first."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = f"{css} {css}-sm"


class QuickSelect(forms.Select):
    """Django's single select, its options written out in one pass instead of a template
    each: a dropdown of a few hundred regions or categories otherwise takes as long as the
    rest of the page. The markup is the same; option groups fall back to Django's."""

    def render(self, name, value, attrs=None, renderer=None):
        choices = list(self.choices)
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            return super().render(name, value, attrs, renderer)
        selected = set(self.format_value(value))
        final_attrs = self.build_attrs(self.attrs, attrs)
        options = format_html_join(
            "",
            '\n  <option value="{}"{}>{}</option>\n',
            (
                (
                    "" if option is None else str(option),
                    " selected" if ("" if option is None else str(option)) in selected else "",
                    label,
                )
                for option, label in choices
            ),
        )
        return format_html('<select name="{}"{}>{}\n</select>', name, flatatt(final_attrs), options)


def use_choices(field, choices):
    """Give a model choice field ``choices`` (``[(pk, label), ...]``, kept in a cache) to
    show, after its empty label; what is sent back is still checked against its queryset."""
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    field.choices = [*empty, *choices]
    field.widget = QuickSelect(attrs=field.widget.attrs)
    field.widget.choices = field.choices
