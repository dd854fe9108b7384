"""Every kind of notice reads wholly in English for an English reader and is translated for a
Chinese one: the e-mails carry both, so neither may fall back to the other's words."""

import importlib
import pkgutil
import re

import pytest
from django.utils import translation

import cloudpark
from cloudpark.notifications import kinds

HAN = re.compile(r"[\u3400-\u9fff]")
PLACEHOLDER = re.compile(r"%\((\w+)\)([sd])")


def _every_kind():
    # Kinds are registered by the modules that send them: load every one of them.
    for module in pkgutil.walk_packages(cloudpark.__path__, "cloudpark."):
        if module.name.rsplit(".", 1)[-1] in {"services", "flows", "tasks"} or ".services." in (
            module.name
        ):
            importlib.import_module(module.name)
    return sorted(kinds._KINDS)


KINDS = _every_kind()


def _plain_parameters(kind):
    """Latin stand-ins for every parameter the text names, so that any Chinese in an English
    rendering comes from the text itself."""
    return {
        name: 3 if conversion == "d" else "X"
        for name, conversion in PLACEHOLDER.findall(str(kinds._KINDS[kind]))
    }


def test_there_are_kinds_to_check():
    assert len(KINDS) > 40


@pytest.mark.parametrize("kind", KINDS)
def test_the_notice_reads_in_each_language(kind):
    params = _plain_parameters(kind)

    with translation.override("en"):
        english = kinds.render(kind, params)
    with translation.override("zh-hans"):
        chinese = kinds.render(kind, params)

    assert not HAN.search(english), english
    assert HAN.search(chinese), chinese
