"""Article bodies: the rich text editors write, cleaned on save, and the difference between
two revisions as a reader sees it."""

import difflib
import html as html_module
import re
from dataclasses import dataclass

import nh3

# What an article body may hold: text structure, emphasis, links, images and tables. No
# script, style, frame or form, no event attribute, no ``style`` attribute (the CSP would
# refuse it anyway) and only web and mail links.
ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h2", "h3", "h4", "blockquote", "pre", "code",
        "strong", "em", "b", "i", "u", "s", "sub", "sup", "small", "mark",
        "ul", "ol", "li", "dl", "dt", "dd",
        "a", "img", "figure", "figcaption",
        "table", "thead", "tbody", "tr", "th", "td", "caption",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})


def sanitise(html):
    """``html`` with everything outside the allowed tags, attributes and link schemes
    removed; the text of removed tags stays, that of scripts and styles goes."""
    return nh3.clean(
        html or "",
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
    ).strip()


_BLOCK_END = re.compile(r"</(p|h[2-4]|li|blockquote|pre|tr|figcaption|dd|dt)>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")


def plain_lines(html):
    """The body's text, a line per paragraph, for comparing revisions."""
    text = _BLOCK_END.sub("\n", html or "")
    text = html_module.unescape(_TAG.sub("", text))
    return [line.strip() for line in text.splitlines() if line.strip()]


@dataclass(frozen=True)
class Change:
    # "same", "removed" or "added".
    kind: str
    text: str


def changes(old_lines, new_lines):
    """The lines of two texts as a reader compares them: kept, removed and added."""
    result = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            result.extend(Change("same", line) for line in old_lines[old_start:old_end])
            continue
        result.extend(Change("removed", line) for line in old_lines[old_start:old_end])
        result.extend(Change("added", line) for line in new_lines[new_start:new_end])
    return result
