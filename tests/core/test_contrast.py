"""The text colours of the project's style sheet stay readable: WCAG 2 asks 4.5:1 for body text.

The colours are read from the ``:root`` variables of the CSS file itself, and each rule that
pairs a text colour with a background is checked to use those variables, so that neither a
new hex value nor a rule going back to a hard-coded colour slips past.
"""

import re
from pathlib import Path

import pytest

import cloudpark

CSS = Path(cloudpark.__file__).parent / "static" / "cloudpark" / "css" / "cloudpark.css"
MINIMUM_RATIO = 4.5

# (text colour, background it is read on, where the pair appears)
PAIRS = [
    ("--cp-ink", "--cp-page-bg", "body text"),
    ("--cp-link", "--cp-page-bg", "links"),
    ("--cp-link", "--cp-footer-bg", "the footer's links"),
    ("--cp-submenu-link", "--cp-portal-bar-bg", "the portal sub-menu"),
    ("--cp-brand-dark", "--cp-portal-bar-bg", "the portal sub-menu under the pointer"),
    ("--cp-ink", "--cp-portal-bar-bg", "the portal bar's organisation name"),
    ("--cp-footer-ink", "--cp-footer-bg", "the footer"),
    ("--cp-error", "--cp-page-bg", "import errors"),
]

# A rule and the declarations that tie it to the variables above.
RULES = [
    (".cp-portal-bar", "background: var(--cp-portal-bar-bg)"),
    (".cp-portal-menu", "--bs-nav-link-color: var(--cp-submenu-link)"),
    (".cp-portal-menu", "--bs-nav-link-hover-color: var(--cp-brand-dark)"),
    (".cp-footer", "background: var(--cp-footer-bg)"),
    (".cp-footer", "color: var(--cp-footer-ink)"),
    ("a", "color: var(--cp-link)"),
    (".cp-error-cell", "color: var(--cp-error)"),
]


def root_colours(css):
    root = re.search(r":root\s*\{([^}]*)\}", css).group(1)
    return dict(re.findall(r"(--cp-[\w-]+)\s*:\s*#([0-9a-fA-F]{6})\s*;", root))


def declarations_of(css, selector):
    found = re.findall(rf"(?:^|\}})\s*{re.escape(selector)}\s*\{{([^}}]*)\}}", css, re.MULTILINE)
    return [part.strip() for block in found for part in block.split(";") if part.strip()]


def relative_luminance(hex_colour):
    channels = [int(hex_colour[index : index + 2], 16) / 255 for index in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first, second):
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("000000", "ffffff", 21.0),
        ("ffffff", "ffffff", 1.0),
        ("767676", "ffffff", 4.54),
        # Bootstrap's link blue, the sub-menu's colour before: just enough on white, short of
        # 4.5:1 on the portal bar.
        ("0d6efd", "ffffff", 4.5),
        ("0d6efd", "fbf7f4", 4.22),
    ],
)
def test_contrast_ratio_follows_wcag(first, second, expected):
    ratio = contrast_ratio(first, second)

    assert round(ratio, 2) == expected


@pytest.mark.parametrize(("text", "background", "where"), PAIRS)
def test_text_colour_is_readable_on_its_background(text, background, where):
    colours = root_colours(CSS.read_text())

    ratio = contrast_ratio(colours[text], colours[background])

    assert ratio >= MINIMUM_RATIO, f"{where}: {ratio:.2f}:1"


@pytest.mark.parametrize(("selector", "declaration"), RULES)
def test_rule_takes_its_colour_from_the_checked_variables(selector, declaration):
    declarations = declarations_of(CSS.read_text(), selector)

    assert declaration in declarations
