"""What a programme asks of an application, as data: the materials to upload and the
questions to answer. Checking the declarations themselves (when a programme is edited) and the
answers given to them (when an application is saved or submitted)."""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _t
from django.utils.translation import pgettext

from cloudpark.core.errors import DomainError
from cloudpark.core.i18n import localized
from cloudpark.programs.enums import FieldKind

KEY = re.compile(r"^[a-z][a-z0-9_]{0,49}$")
MAX_TEXT = 4000


def joined(items):
    """``items`` as one list in the reader's language: ``a, b`` or ``a、b``."""
    return pgettext("list separator", ", ").join(str(item) for item in items)


def _label(item):
    return localized(item.get("label_zh"), item.get("label_en")) or item.get("key", "")


def _clean_item(item, extra_keys=()):
    key = str(item.get("key") or "").strip()
    if not KEY.match(key):
        raise DomainError(
            _t(
                "“%(key)s” is not a usable key: lower-case letters, digits and _, starting "
                "with a letter."
            )
            % {"key": key}
        )
    label_zh = str(item.get("label_zh") or "").strip()
    label_en = str(item.get("label_en") or "").strip()
    if not label_zh:
        raise DomainError(_t("Give “%(key)s” a Chinese label.") % {"key": key})
    cleaned = {
        "key": key,
        "label_zh": label_zh,
        "label_en": label_en,
        "required": bool(item.get("required", True)),
    }
    for extra in extra_keys:
        if extra in item:
            cleaned[extra] = item[extra]
    return cleaned


def _unique(items):
    keys = [item["key"] for item in items]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise DomainError(
            _t("Each key is used once; repeated: %(keys)s.") % {"keys": ", ".join(repeated)}
        )
    return items


def clean_materials(items):
    """``[{key, label_zh, label_en, required}]``, checked."""
    return _unique([_clean_item(item) for item in items or []])


def clean_form_fields(items):
    """``[{key, label_zh, label_en, kind, required, choices}]``, checked."""
    cleaned = []
    for item in items or []:
        field = _clean_item(item)
        try:
            field["kind"] = FieldKind(item.get("kind") or FieldKind.TEXT).value
        except ValueError:
            raise DomainError(
                _t("“%(kind)s” is not a kind of question.") % {"kind": item.get("kind")}
            ) from None
        if field["kind"] == FieldKind.CHOICE:
            choices = [
                {
                    "value": str(choice.get("value") or "").strip(),
                    "label_zh": str(choice.get("label_zh") or "").strip(),
                    "label_en": str(choice.get("label_en") or "").strip(),
                }
                for choice in item.get("choices") or []
            ]
            choices = [choice for choice in choices if choice["value"]]
            if not choices:
                raise DomainError(
                    _t("The question “%(label)s” offers choices: list them.")
                    % {"label": _label(field)}
                )
            field["choices"] = choices
        cleaned.append(field)
    return _unique(cleaned)


def _clean_value(question, value):
    kind = question.get("kind", FieldKind.TEXT)
    label = _label(question)
    if kind == FieldKind.NUMBER:
        try:
            number = Decimal(str(value).replace(",", "").strip())
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise DomainError(
                _t("“%(label)s” takes a number.") % {"label": label}, field=question["key"]
            )
        return str(number)
    if kind == FieldKind.DATE:
        try:
            return date.fromisoformat(str(value).strip()).isoformat()
        except ValueError:
            raise DomainError(
                _t("“%(label)s” takes a date such as 2025-03-01.") % {"label": label},
                field=question["key"],
            ) from None
    if kind == FieldKind.CHOICE:
        allowed = [choice["value"] for choice in question.get("choices", [])]
        if str(value) not in allowed:
            raise DomainError(
                _t("Choose one of the offered answers for “%(label)s”.") % {"label": label},
                field=question["key"],
            )
        return str(value)
    text = str(value).strip()
    if len(text) > MAX_TEXT:
        raise DomainError(
            _t("“%(label)s” takes at most %(limit)d characters.")
            % {"label": label, "limit": MAX_TEXT},
            field=question["key"],
        )
    return text


def _is_empty(value):
    return value is None or (isinstance(value, str) and not value.strip())


def clean_answers(form_fields, answers):
    """The answers to ``form_fields`` found in ``answers``, each checked for its kind;
    unanswered questions and unknown keys are left out. Completeness is ``missing_answers``."""
    answers = answers or {}
    cleaned = {}
    for question in form_fields:
        value = answers.get(question["key"])
        if _is_empty(value):
            continue
        cleaned[question["key"]] = _clean_value(question, value)
    return cleaned


def missing_answers(form_fields, answers):
    """Labels of the required questions left unanswered."""
    return [
        _label(question)
        for question in form_fields
        if question.get("required", True) and _is_empty((answers or {}).get(question["key"]))
    ]


def missing_materials(required_materials, provided_keys):
    """Labels of the required materials without a file."""
    return [
        _label(item)
        for item in required_materials
        if item.get("required", True) and item["key"] not in set(provided_keys)
    ]


def material_rows(required_materials, materials):
    """``[(requirement, [files])]`` in the programme's order, an empty list where nothing is
    uploaded yet; files under no requirement of the programme come last, as ``(None, files)``."""
    rows = [(item, []) for item in required_materials]
    by_key = {item["key"]: files for item, files in rows}
    others = []
    for material in materials:
        by_key.get(material.key, others).append(material)
    shown = [(_label(item), files) for item, files in rows]
    return [*shown, (None, others)] if others else shown


def answer_rows(form_fields, answers):
    """``[(label, shown value)]`` in the reader's language, unanswered ones included."""
    rows = []
    for question in form_fields:
        value = (answers or {}).get(question["key"], "")
        if question.get("kind") == FieldKind.CHOICE:
            for choice in question.get("choices", []):
                if choice["value"] == value:
                    value = localized(choice.get("label_zh"), choice.get("label_en"))
        rows.append((_label(question), value))
    return rows
