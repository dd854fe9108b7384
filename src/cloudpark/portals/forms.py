"""The kit of list filters: small controls with the search box first. Each list's own filter
form sits beside its page; the forms that change data live in the capability's ``forms.py``."""

from django import forms
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
