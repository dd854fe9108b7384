"""The kit of list filters: small controls with the search box first. Each list's own filter
form sits beside its page; the forms that change data live in the capability's ``forms.py``."""

import html

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _


def attributes(attrs):
    """``attrs`` as Django's ``attrs.html`` writes them: in their order, ``True`` as a bare
    name, ``False`` left out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class SearchInput(forms.TextInput):
    """The search box of every list, written out in one pass (the markup of Django's
    ``input.html``) rather than through two templates on each page."""

    input_type = "search"

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            widget["type"],
            name,
            shown,
            attributes(widget["attrs"]),
        )


class SearchField(forms.CharField):
    widget = SearchInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("label", _("Search"))
        super().__init__(**kwargs)
        self.widget.attrs["placeholder"] = _("Name, e.g. 影视 or 园区")


def valid_filters(form):
    """The cleaned values of a list's filters that are valid, or none for a form not sent. A
    filter that is not valid (an address edited by hand, a park since removed) is left out,
    and a ``FilterForm`` shows it at its field; the others still apply."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return form.cleaned_data


class FilterForm(forms.Form):
    """A list's filters: small controls, and the search box first. A plain dropdown is
    written out by ``QuickSelect``: through Django's templates each of its options cost as
    much as a table row, on every list page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field.widget) is forms.Select:
                quick = QuickSelect(attrs=field.widget.attrs)
                quick.choices = field.widget.choices
                field.widget = quick
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = f"{css} {css}-sm"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
                attrs["aria-describedby"] = f"{self[name].auto_id}_error"


class QuickSelect(forms.Select):
    """Django's single select, its options written out in one pass instead of a template
    each: a dropdown of a few hundred regions or categories otherwise takes as long as the
    rest of the page. The markup is the same; option groups fall back to Django's."""

    def render(self, name, value, attrs=None, renderer=None):
        # Through iter(): ``list()`` would ask a model field's choices for their length
        # first, a COUNT query of its own.
        choices = list(iter(self.choices))
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            return super().render(name, value, attrs, renderer)
        selected = set(self.format_value(value))
        final_attrs = self.build_attrs(self.attrs, attrs)
        # Escaped straight through the standard library: Django's ``format_html`` per
        # option, with its checks for lazy text, took 40 µs an option.
        options = []
        for option, label in choices:
            option = "" if option is None else str(option)
            mark = " selected" if option in selected else ""
            options.append(
                f'\n  <option value="{html.escape(option)}"{mark}>{_escaped(label)}</option>\n'
            )
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            name,
            attributes(final_attrs),
            mark_safe("".join(options)),  # every piece escaped above
        )


def _escaped(text):
    """``text`` as a template writes it: safe text as it is, anything else escaped."""
    if hasattr(text, "__html__"):
        return text.__html__()
    return html.escape(str(text))


def use_choices(field, choices):
    """Give a model choice field ``choices`` (``[(pk, label), ...]``, kept in a cache) to
    show, after its empty label; what is sent back is still checked against its queryset."""
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    field.choices = [*empty, *choices]
    field.widget = QuickSelect(attrs=field.widget.attrs)
    field.widget.choices = field.choices
