"""The Simplified Chinese catalog is complete, keeps every placeholder, and is compiled."""

import ast
import re
from pathlib import Path

import pytest
from django.utils import translation

import cloudpark

PO_FILE = Path(cloudpark.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$')
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[sd]")


def parse_po(text):
    """Entries of a .po file as dicts: ``flags`` (a set) and one string per keyword."""
    entries = []
    for block in re.split(r"\n\s*\n", text.strip()):
        entry, flags, keyword = {}, set(), None
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("#,"):
                flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#") or not line:
                continue
            elif match := KEYWORD.match(line):
                keyword = match.group(1)
                entry[keyword] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and keyword:
                entry[keyword] += ast.literal_eval(line)
            else:
                raise ValueError(f"Unexpected line in {PO_FILE.name}: {line!r}")
        if "msgid" in entry:
            entry["flags"] = flags
            entries.append(entry)
    return entries


def translations(entry):
    return [value for key, value in entry.items() if key.startswith("msgstr")]


ENTRIES = parse_po(PO_FILE.read_text(encoding="utf-8"))
HEADER = next(entry for entry in ENTRIES if entry["msgid"] == "")
MESSAGES = [entry for entry in ENTRIES if entry["msgid"] != ""]


def test_the_parser_reads_the_catalog():
    assert len(MESSAGES) > 300
    assert any("msgid_plural" in entry for entry in MESSAGES)


def test_header_declares_the_language_charset_and_single_plural_form():
    header = HEADER["msgstr"]
    assert "Language: zh_Hans\n" in header
    assert "Content-Type: text/plain; charset=UTF-8\n" in header
    assert "Plural-Forms: nplurals=1; plural=0;\n" in header
    assert "fuzzy" not in HEADER["flags"]


def test_every_message_is_translated():
    untranslated = [entry["msgid"] for entry in MESSAGES if not all(translations(entry))]
    assert untranslated == []


def test_plural_messages_have_exactly_one_form():
    forms = {
        entry["msgid"]: sorted(key for key in entry if key.startswith("msgstr"))
        for entry in MESSAGES
        if "msgid_plural" in entry
    }
    wrong = [msgid for msgid, keys in forms.items() if keys != ["msgstr[0]"]]
    assert wrong == []


def test_no_message_is_fuzzy():
    assert [entry["msgid"] for entry in MESSAGES if "fuzzy" in entry["flags"]] == []


def test_translations_keep_every_placeholder():
    lost = []
    for entry in MESSAGES:
        if "python-format" not in entry["flags"]:
            continue
        for source in (entry["msgid"], entry.get("msgid_plural", "")):
            for placeholder in set(PLACEHOLDER.findall(source)):
                lost.extend(
                    (entry["msgid"], placeholder)
                    for translated in translations(entry)
                    if placeholder not in translated
                )
    assert lost == []


def test_python_format_messages_have_placeholders():
    """Guards the placeholder test against a parser that finds nothing to check."""
    formatted = [entry for entry in MESSAGES if "python-format" in entry["flags"]]
    assert formatted
    assert all(PLACEHOLDER.search(entry["msgid"]) for entry in formatted)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Cloud Park", "云园区"),
        ("Sign in", "登录"),
        ("Sign out", "退出登录"),
        ("Unified social credit code", "统一社会信用代码"),
        ("Park (base)", "园区（基地）"),
        ("Government portal", "政府端"),
    ],
)
def test_compiled_catalog_is_loaded(source, expected):
    with translation.override("zh-hans"):
        assert translation.gettext(source) == expected
    with translation.override("en"):
        assert translation.gettext(source) == source


def test_compiled_catalog_has_the_single_plural_form():
    with translation.override("zh-hans"):
        one = translation.ngettext("%(counter)s park", "%(counter)s parks", 1)
        many = translation.ngettext("%(counter)s park", "%(counter)s parks", 5)
    assert one == many == "共%(counter)s个园区"
