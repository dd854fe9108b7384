"""``makemessages`` that also extracts ``_t(...)``: the project's name for the eager
``gettext``, used where a message is formatted at once (service errors, exports)."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=_t"]
