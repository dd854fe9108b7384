"""Mechanics every capability's services share: locking a row, applying a whitelist of
changes, turning Django's validation into a ``DomainError`` at the field, and queueing a task
for after the commit."""

import functools

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connections, router, transaction
from django_tasks_db.backend import DatabaseBackend

from cloudpark.core.bulk import bulk_insert, insert_columns
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


def share_locked(instance):
    """``instance``'s row read again and held until the transaction ends against changes,
    not against other transactions that hold it the same way (PostgreSQL's ``FOR SHARE``):
    those read on side by side, while a writer of the row waits for them all. A database
    without row locks (SQLite, which lets one transaction write at a time) reads it again.
    Relations are read when first used. For a model kept in one table (not a child of
    another model's table)."""
    model = instance._meta.model
    if model._meta.parents:
        raise TypeError(f"{model._meta.label} keeps its row in more than one table.")
    connection = connections[router.db_for_write(model)]
    if not connection.features.has_select_for_update:
        return model._base_manager.get(pk=instance.pk)
    quote = connection.ops.quote_name
    sql = (
        f"SELECT * FROM {quote(model._meta.db_table)} "
        f"WHERE {quote(model._meta.pk.column)} = %s FOR SHARE"
    )
    for row in model._base_manager.raw(sql, [instance.pk]):
        return row
    raise model.DoesNotExist(f"{model._meta.object_name} {instance.pk} no longer exists.")


def enqueue_after_commit(task, *args):
    """Queue ``task`` with ``args`` to run once the current transaction commits, and not at
    all if it rolls back.

    A backend that keeps its queue in the database (``django_tasks_db``, in production) has
    the task's row written at once, inside the transaction: the worker cannot see the row
    before the commit, and a rollback takes it away with the rest, so no transaction of its
    own follows every commit. Any other backend (the immediate one of the demo and the
    tests) is called on commit.
    """
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(*args)
    else:
        transaction.on_commit(functools.partial(task.enqueue, *args))


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


def bulk_create_inherited(objs, *, batch_size=1000):
    """``bulk_create`` for a model one table below its parent (multi-table inheritance),
    which Django's own refuses: the parents' rows first, a batch per query, then the
    children's rows pointing at them, both written by ``core.bulk``. ``objs`` get their
    primary keys and timestamps; no ``save()`` runs, so whatever ``save()`` would compute
    must already be set."""
    if not objs:
        return objs
    model = type(objs[0])
    (parent_model, parent_link), *more = model._meta.parents.items()
    if more or parent_model._meta.parents:
        raise ValueError(f"{model.__name__} is not one table below a single parent")
    parent_fields = [field for field in parent_model._meta.concrete_fields if not field.primary_key]
    # Built from their values in field order (Django's quick way), without a primary key yet.
    names = [field.attname for field in parent_model._meta.concrete_fields]
    key = parent_model._meta.pk.attname
    parents = [
        parent_model(*[None if name == key else getattr(obj, name) for name in names])
        for obj in objs
    ]
    bulk_insert(parents, batch_size=batch_size)
    for obj, parent in zip(objs, parents, strict=True):
        for field in parent_fields:
            setattr(obj, field.attname, getattr(parent, field.attname))
        setattr(obj, parent_model._meta.pk.attname, parent.pk)
        setattr(obj, parent_link.attname, parent.pk)
    # The documented bulk_create refuses inherited models; this is its own insert step.
    return insert_columns(objs, model._meta.local_concrete_fields, batch_size=batch_size)
