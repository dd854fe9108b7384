"""Widgets and fields every capability's forms share: the browser's own date and time
pickers, and a choice of a row by its id."""

from django import forms

from cloudpark.core import validators


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class IdChoiceField(forms.ModelChoiceField):
    """A choice of a row by its id, where an id beyond 64 bits, or not a number at all, is an
    invalid choice rather than a database error (SQLite cannot compare such an id)."""

    def to_python(self, value):
        if value not in self.empty_values and not self.to_field_name:
            try:
                validators.validate_id(value)
            except forms.ValidationError:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice"
                ) from None
        return super().to_python(value)
