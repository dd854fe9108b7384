"""What every list endpoint pays per request, kept to what its answer needs.

- ``FilterBackend``: django-filter's backend, which builds the filter set's form class and
  form on every request; a request that names none of the filter set's parameters gets the
  queryset as it is, which is what the filter set would have returned.
- ``ReadSerializer``: a serializer whose fields are built from the model once per class
  rather than once per request, and whose readable fields are listed once per serializer
  instance rather than walked through DRF's generator for every row (with ``many=True`` one
  instance serves the whole page, nested serializers included).
- ``reference_row`` and ``reference_value``: a row of a small reference table (a region, an
  industry category, a government body) shown as its serializer shows it, or one of its
  values, from every row's representation kept in the cache, rather than joined into the
  list's query and serialized again on each row.
"""

import copy
from functools import cache, cached_property, partial

from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django_filters import filterset
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.pagination import PageNumberPagination
from rest_framework.relations import PKOnlyObject

from cloudpark.core import search
from cloudpark.orgs import choices


class FilterBackend(DjangoFilterBackend):
    """Skips the filter set when the request names none of its parameters.

    Only for filter sets that filter through django-filter's own ``filter_queryset`` and
    ``qs``: there, a parameter left out filters nothing. A filter set that overrides either
    may do work without parameters too, and is always built."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return queryset
        if self._filters_nothing(filterset_class, request):
            return queryset
        return super().filter_queryset(request, queryset, view)

    @staticmethod
    def _filters_nothing(filterset_class, request):
        if (
            filterset_class.filter_queryset is not filterset.BaseFilterSet.filter_queryset
            or filterset_class.qs is not filterset.BaseFilterSet.qs
        ):
            return False
        # A filter's form field may read several parameters (``date_after``/``date_before``
        # for a range): any parameter starting with a filter's name counts as naming it.
        names = tuple(filterset_class.base_filters)
        return not any(key.startswith(names) for key in request.query_params)


class KnownCountPaginator(Paginator):
    """A paginator told its total rather than counting the rows."""

    def __init__(self, *args, count, **kwargs):
        super().__init__(*args, **kwargs)
        self.count = count


class StoredTotalPagination(PageNumberPagination):
    """Page numbers whose ``count`` is the view's ``stored_total()`` when it gives one (a
    total kept as the rows change), and is counted otherwise. A view whose ``ranked()``
    gives a search's answer (``core.search.RankedPaginator``) pages that instead, reading a
    page's rows with its ``ranked_rows(ids)``."""

    def paginate_queryset(self, queryset, request, view=None):
        ranked = view.ranked() if hasattr(view, "ranked") else None
        if ranked is not None:
            # A search's matches, most relevant first: pages of its ranked ids.
            self.django_paginator_class = partial(search.RankedPaginator, rows_of=view.ranked_rows)
            return super().paginate_queryset(ranked, request, view)
        total = view.stored_total() if hasattr(view, "stored_total") else None
        self.django_paginator_class = (
            Paginator if total is None else partial(KnownCountPaginator, count=total)
        )
        return super().paginate_queryset(queryset, request, view)


def names_no_filter(filterset_class, request):
    """Whether the request names none of the filter set's parameters: the list is whole."""
    return FilterBackend._filters_nothing(filterset_class, request)


class ReadSerializer:
    # Mixed into a serializer that lists many rows: the same representation as DRF's, with
    # its fields built from the model once per class and copied for each instance (as DRF
    # copies declared fields), and the readable ones (each one's getter and converter) looked
    # up once per instance. Only for serializers whose fields do not depend on the request.
    # A comment, not a docstring: the schema takes a docstring for the serializer's
    # description.

    def get_fields(self):
        cls = type(self)
        built = cls.__dict__.get("_built_fields")
        if built is None:
            built = super().get_fields()
            cls._built_fields = built
        return copy.deepcopy(built)

    @cached_property
    def _readable(self):
        return [
            (field.field_name, field.get_attribute, field.to_representation)
            for field in self._readable_fields
        ]

    def to_representation(self, instance):
        representation = {}
        for name, get, represent in self._readable:
            try:
                attribute = get(instance)
            except SkipField:
                continue
            # As DRF: None stays None, and a related field's primary key is checked for it.
            value = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
            representation[name] = None if value is None else represent(attribute)
        return representation


def only_shown(queryset, serializer_class):
    """``queryset`` reading only the columns ``serializer_class`` shows, where they are
    known (``shown_columns``); a ``COUNT`` of it stays on the tables it filters."""
    columns = shown_columns(serializer_class)
    return queryset if columns is None else queryset.only(*columns)


@cache
def shown_columns(serializer_class):
    """The columns a list serializer shows, as ``QuerySet.only`` takes them (``region__code``
    through a nested serializer or a dotted source), or None when a field shows anything
    but a column (a method or a property may read any column, a list needs its own query)."""
    serializer = serializer_class()
    return _columns_of(serializer, serializer.Meta.model, "")


def _columns_of(serializer, model, prefix):
    columns = []
    for field in serializer._readable_fields:
        if field.source == "*" or isinstance(field, serializers.ListSerializer):
            return None
        current, path = model, []
        for attr in field.source_attrs:
            if current is None:
                return None
            try:
                model_field = current._meta.get_field(attr)
            except FieldDoesNotExist:
                return None
            if not model_field.concrete or model_field.many_to_many:
                return None
            path.append(model_field.name)
            # ``park_id`` names the relation's own column, not the related object.
            current = None if attr != model_field.name else model_field.related_model
            # A relation read through stays loaded (``only`` cannot defer it and follow it).
            if current is not None:
                columns.append(prefix + "__".join(path))
        column = prefix + "__".join(path)
        if isinstance(field, serializers.BaseSerializer):
            if current is None:
                return None
            nested = _columns_of(field, current, column + "__")
            if nested is None:
                return None
            columns += nested
        elif current is not None and not isinstance(field, serializers.PrimaryKeyRelatedField):
            # Anything but the id of a related object reads that object as a whole.
            return None
        else:
            columns.append(column)
    return list(dict.fromkeys(columns))


class _ReferenceTable:
    """``{pk: represent(row)}`` of every row of ``model``: a reference table (dozens of
    regions and categories, at most some hundreds of government bodies), kept with the
    directory's cached choices (which any region, category or government body saved makes
    stale, ``orgs.choices``)."""

    def __init__(self, name, model, represent):
        self.name, self.model, self.represent = name, model, represent

    def rows(self):
        return choices.cached(
            f"api-rows:{self.name}",
            lambda: {row.pk: self.represent(row) for row in self.model.objects.all()},
        )

    def one(self, pk):
        return self.represent(self.model.objects.get(pk=pk))


class _ReferenceField(serializers.Field):
    table = None

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    @cached_property
    def _rows(self):
        # Once per serializer, which is once per request: not once per row.
        return self.table.rows()

    def to_representation(self, pk):
        if pk not in self._rows:
            # Added since the table was kept (another process's cache catches up later).
            return self.table.one(pk)
        return self._rows[pk]


def _reference_field(table, schema, **kwargs):
    field_class = type(f"{table.model.__name__}Reference", (_ReferenceField,), {"table": table})
    return extend_schema_field(schema)(field_class)(**kwargs)


def reference_row(serializer_class, *, source):
    """A read-only field showing the row whose id is at ``source`` (``region_id``) as
    ``serializer_class`` shows it, from the kept representations of every row of its model;
    the schema names that serializer, as a nested one would. The list's query then neither
    joins the table nor reads its columns."""
    model = serializer_class.Meta.model
    table = _ReferenceTable(
        model._meta.label_lower, model, lambda row: dict(serializer_class(row).data)
    )
    return _reference_field(table, serializer_class, source=source)


def reference_value(model, attribute, *, source, **kwargs):
    """A read-only text field showing ``attribute`` of the ``model`` row whose id is at
    ``source`` (a region's code by ``park.region_id``), as ``reference_row`` shows a row."""
    table = _ReferenceTable(
        f"{model._meta.label_lower}.{attribute}", model, lambda row: getattr(row, attribute)
    )
    schema = {"type": "string", "nullable": True} if kwargs.get("allow_null") else str
    return _reference_field(table, schema, source=source, **kwargs)
