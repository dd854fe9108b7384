"""Mechanics every capability's services share: locking a row, applying a whitelist of
changes, and turning Django's validation into a ``DomainError`` at the field."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from cloudpark.core.errors import DomainError


def locked(instance, *, select_related=()):
    """``instance``'s row read again and locked until the transaction ends.

    Only the row itself is locked (``of=("self",)``): rows read with ``select_related`` come
    along for reading, so that PostgreSQL need not lock the nullable side of a join.
    """
    model = instance._meta.model
    queryset = model._base_manager.select_for_update(of=("self",))
    if select_related:
        queryset = queryset.select_related(*select_related)
    return queryset.get(pk=instance.pk)


def apply_changes(instance, values, *, allowed):
    """Set on ``instance`` those of ``values`` that differ from what it holds; return their
    names, in the order given. A name outside ``allowed`` is a programming error."""
    unknown = set(values) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    return changed


def domain_error(error):
    """The first complaint of a ``ValidationError`` as a ``DomainError`` at its field."""
    if hasattr(error, "error_dict"):
        field, messages = next(iter(error.message_dict.items()))
    else:
        field, messages = NON_FIELD_ERRORS, error.messages
    return DomainError(" ".join(messages), field=None if field == NON_FIELD_ERRORS else field)


def validated(instance, *, exclude=None, validate_constraints=True):
    """``instance.full_clean()``, its first complaint raised as a ``DomainError`` at its
    field; returns ``instance``."""
    try:
        instance.full_clean(exclude=exclude, validate_constraints=validate_constraints)
    except ValidationError as error:
        raise domain_error(error) from None
    return instance
