"""Errors that services raise and that pages and the API show to the user as they are."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A business rule refused an action; ``message`` is written for the user."""

    default_message = _("This action is not possible.")

    def __init__(self, message=None, *, field=None):
        self.message = message or self.default_message
        self.field = field
        super().__init__(str(self.message))

    def __str__(self):
        return str(self.message)


class TransitionNotAllowed(DomainError):
    default_message = _("This step is not possible in the current state.")
