"""Inserting many model objects at once, more cheaply than Django's ``bulk_create``.

Django's insert compiler spends most of a large insert's time placing each value into the SQL
(a placeholder and a parameter list for every value of every row, then the lists flattened),
not in the database. For the common case, every value a plain parameter, the SQL is the
same for every row, so it is written once a batch with string operations here; each value is
still prepared by its field (``pre_save(obj, add=True)``, then ``get_db_prep_save``), so the
rows written are the ones ``bulk_create`` writes, timestamps, JSON, dates and decimals
included. Anything out of that case goes to Django's own code.
"""

from contextlib import nullcontext
from datetime import date, datetime
from decimal import Decimal

from django.db import connections, router, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import AutoField, CompositePrimaryKey

# Types of the values a field gives that can be no expression; any other value is asked.
_NO_EXPRESSION = frozenset({str, int, float, bool, type(None), Decimal, date, datetime, bytes})


def bulk_insert(objs, *, batch_size=1000):
    """``Model._base_manager.bulk_create(objs, batch_size=batch_size)``, with the SQL of
    each batch written directly: one ``INSERT ... VALUES (...), (...) RETURNING ...`` a
    batch, no larger than the database's limit on parameters allows. ``objs`` (unsaved, all
    of one model) get their primary keys and the rest of what ``bulk_create`` sets.

    Django's ``bulk_create`` does the work instead, to the same result, for what this does
    not handle: a database that cannot return the keys of a multi-row insert, a field that
    writes its value with SQL of its own (``get_placeholder_sql``), a value that is an
    expression (``Now()``, a database default), objects of which only some have their
    primary key, a model inheriting another's table, ordered with respect to another, or
    whose primary key has more than one column.
    """
    if not objs:
        return objs
    model = type(objs[0])
    opts = model._meta
    using = router.db_for_write(model)
    connection = connections[using]
    if (
        opts.parents
        or opts.order_with_respect_to
        or isinstance(opts.pk, CompositePrimaryKey)
        or not connection.features.can_return_rows_from_bulk_insert
    ):
        return _bulk_create(model, objs, batch_size, using)
    with_pk = 0
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="bulk_create")
        if obj.pk is None:
            obj.pk = opts.pk.get_pk_value_on_save(obj)
        with_pk += obj.pk is not None
    if with_pk not in (0, len(objs)):
        return _bulk_create(model, objs, batch_size, using)
    fields = [field for field in opts.concrete_fields if not field.generated]
    if not with_pk:
        fields = [field for field in fields if not isinstance(field, AutoField)]
    returning = opts.db_returning_fields
    returned = _insert(model, objs, fields, returning, batch_size, connection)
    if returned is None:
        return _bulk_create(model, objs, batch_size, using)
    for obj, row in zip(objs, returned, strict=True):
        for field, value in zip(returning, row, strict=True):
            setattr(obj, field.attname, value)
        obj._state.adding = False
        obj._state.db = using
    return objs


def insert_columns(objs, fields, *, batch_size=1000):
    """Insert ``fields`` of ``objs`` (all of one model, each holding its primary key) into
    their model's own table, reading nothing back: the insert step Django's ``bulk_create``
    would take for a model one table below its parent, if it took that model (see
    ``services.bulk_create_inherited``). One ``INSERT`` a batch, written as ``bulk_insert``
    writes it, or by Django's insert compiler where that cannot be done."""
    if not objs:
        return objs
    model = type(objs[0])
    manager = model._base_manager
    connection = connections[manager.db]
    if _insert(model, objs, fields, (), batch_size, connection) is None:
        with transaction.atomic(using=manager.db, savepoint=False):
            for start in range(0, len(objs), batch_size):
                manager._insert(objs[start : start + batch_size], fields=fields, using=manager.db)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = manager.db
    return objs


def _bulk_create(model, objs, batch_size, using):
    return model._base_manager.using(using).bulk_create(objs, batch_size=batch_size)


def _insert(model, objs, fields, returning, batch_size, connection):
    """Write ``fields`` of ``objs`` a batch a query, with ``returning`` read back: the rows
    read (each value through the converters Django applies), or ``None``, with nothing
    written, if it cannot be done without Django's compiler."""
    ops = connection.ops
    if (
        not fields
        or not connection.features.has_bulk_insert
        or type(ops).modify_insert_params is not BaseDatabaseOperations.modify_insert_params
        or any(
            hasattr(field, "get_placeholder_sql") or hasattr(field, "get_placeholder")
            for field in fields
        )
    ):
        return None
    # Every value of every row first, so that an expression among them leaves nothing written.
    params = []
    append = params.append
    prepare = [(field.pre_save, field.get_db_prep_save) for field in fields]
    for obj in objs:
        for pre_save, get_db_prep_save in prepare:
            value = pre_save(obj, True)
            if type(value) not in _NO_EXPRESSION and hasattr(value, "resolve_expression"):
                return None
            append(get_db_prep_save(value, connection))
    width = len(fields)
    size = max(min(batch_size, ops.bulk_batch_size(fields, objs)), 1)
    quote = ops.quote_name
    insert = ops.insert_statement(on_conflict=None)
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(field.column) for field in fields)
    head = f"{insert} {table} ({columns}) VALUES "
    returning_sql, returning_params = ops.returning_columns(returning)
    row_sql = "({})".format(", ".join(["%s"] * width))
    rows = []
    batches = range(0, len(objs), size)
    if len(batches) > 1:
        context = transaction.atomic(using=connection.alias, savepoint=False)
    else:
        context = nullcontext()
    with context, connection.cursor() as cursor:
        for start in batches:
            count = min(size, len(objs) - start)
            sql = head + ", ".join([row_sql] * count)
            batch_params = params[start * width : (start + count) * width]
            if returning_sql:
                sql += " " + returning_sql
                batch_params += returning_params
            cursor.execute(sql, batch_params)
            if returning:
                rows.extend(ops.fetch_returned_rows(cursor, returning_params))
    if not returning:
        return [()] * len(objs)
    return _converted(rows, model, returning, connection)


def _converted(rows, model, returning, connection):
    """``rows`` read back, each value through its backend's and field's converters."""
    converters = []
    for position, field in enumerate(returning):
        column = field.get_col(model._meta.db_table)
        found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if found:
            converters.append((position, found, column))
    if not converters:
        return rows
    converted = []
    for row in rows:
        row = list(row)
        for position, found, column in converters:
            for converter in found:
                row[position] = converter(row[position], column, connection)
        converted.append(row)
    return converted
