"""The layers of ``src/cloudpark``, read from its import statements.

Layers point one way: core -> domain apps -> portals / api -> demo. Inside a domain app,
models sit below services and selectors, and forms sit above everything but the portals and
the API. Every import statement is read from the source (nothing is imported), so a break
fails here, whatever the order in which Django happens to load the modules.
"""

import ast
import io
import re
import textwrap
import tokenize
from dataclasses import dataclass
from pathlib import Path

import pytest

import cloudpark

SOURCE = Path(cloudpark.__file__).parent
PROJECT = "cloudpark"

# What each app must not import, as module prefixes. An app not named here is a domain app
# (a capability: orgs, programs, ...), so a new capability is held by the domain rule as soon
# as it exists. An app may always import its own modules.
TOP_LAYERS = ("cloudpark.portals", "cloudpark.api", "cloudpark.demo")
FORBIDDEN_IMPORTS = {
    "core": ("cloudpark",),  # the kernel imports nothing of the project but itself
    "portals": ("cloudpark.api", "cloudpark.demo"),
    "api": ("cloudpark.portals", "cloudpark.demo"),
    "demo": (),  # the top layer: it tells its story through every capability
}
DOMAIN_FORBIDDEN_IMPORTS = TOP_LAYERS

# Modules of an app (``cloudpark.<app>.<module>``) that a models module must not import,
# directly or through a selectors module that imports them.
ABOVE_MODELS = frozenset({"services", "forms"})

TOP_LAYER_RULE = "imports a layer above it"
MODELS_RULE = "models import services or forms"
FORMS_RULE = "a domain module other than forms imports forms"
INLINE_RULE = "inline import without a reason"

# Breaks the tree holds today, each (rule, module, imported name). They are listed, not
# hidden: test_known_violations_still_occur fails as soon as one is mended, so that it is
# removed from here and cannot come back unnoticed.
KNOWN_VIOLATIONS = set()

REASONLESS_DIRECTIVE = re.compile(
    r"noqa(:\s*[A-Z]+[0-9]+(,\s*[A-Z]+[0-9]+)*)?|type:\s*ignore(\[[^]]*])?"
)


@dataclass(frozen=True)
class Import:
    target: str
    inline: bool
    has_reason: bool


@dataclass(frozen=True)
class Module:
    name: str
    app: str | None  # None for the project's top-level modules: settings, urls...
    imports: tuple


def part_of(name):
    parts = name.split(".")
    return parts[2] if len(parts) > 2 and parts[0] == PROJECT else None


def is_under(name, prefix):
    return name == prefix or name.startswith(prefix + ".")


def comments_by_line(source):
    """Line number -> (comment text, whether the comment is the whole line)."""
    comments = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            line = token.line.strip()
            comments[token.start[0]] = (token.string, line.startswith("#"))
    return comments


def is_reason(comment):
    """A comment says why when more than a linter directive is left of it."""
    text = REASONLESS_DIRECTIVE.sub("", comment.lstrip("#"))
    return any(character.isalpha() for character in text)


def resolve(module_name, is_package, node):
    """The absolute names an import statement brings in."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module_name.split(".")
        if not is_package:
            package = package[:-1]
        package = package[: len(package) - (node.level - 1)]
        base = ".".join([*package, base] if base else package)
    return [f"{base}.{alias.name}" for alias in node.names]


def blocks_of(statement):
    """The statement lists nested in ``statement``: bodies, branches, handlers, cases."""
    for field in ("body", "orelse", "finalbody"):
        block = getattr(statement, field, None)
        if block and isinstance(block[0], ast.stmt):
            yield block
    for clause in [*getattr(statement, "handlers", ()), *getattr(statement, "cases", ())]:
        yield clause.body


def read_imports(module_name, is_package, source):
    tree = ast.parse(source)
    comments = comments_by_line(source)
    found = []

    def reasoned(statement, run_start):
        trailing = any(
            is_reason(comments[line][0])
            for line in range(statement.lineno, statement.end_lineno + 1)
            if line in comments
        )
        above = comments.get(run_start.lineno - 1)
        return trailing or bool(above and above[1] and is_reason(above[0]))

    def visit(statements, inline):
        run_start = None
        for statement in statements:
            if isinstance(statement, ast.Import | ast.ImportFrom):
                # A comment above a run of imports gives the reason for the whole run.
                run_start = run_start or statement
                has_reason = not inline or reasoned(statement, run_start)
                found.extend(
                    Import(target, inline, has_reason)
                    for target in resolve(module_name, is_package, statement)
                )
                continue
            run_start = None
            in_function = inline or isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef)
            for block in blocks_of(statement):
                visit(block, in_function)

    visit(tree.body, inline=False)
    return tuple(found)


def collect(root, package=PROJECT):
    """Every module under ``root`` (the directory of ``package``) with its imports."""
    modules = {}
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).with_suffix("")
        parts = [package, *relative.parts]
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        name = ".".join(parts)
        app = relative.parts[0] if len(relative.parts) > 1 else None
        modules[name] = Module(name, app, read_imports(name, is_package, path.read_text()))
    return modules


def forbidden_for(app):
    return FORBIDDEN_IMPORTS.get(app, DOMAIN_FORBIDDEN_IMPORTS)


def is_domain_app(app):
    return app is not None and app not in FORBIDDEN_IMPORTS


def selectors_above_models(modules):
    """Selectors modules that import services or forms: models must not import them either."""
    return {
        name
        for name, module in modules.items()
        if part_of(name) == "selectors"
        and any(part_of(found.target) in ABOVE_MODELS for found in module.imports)
    }


def violations(modules):
    """Every break of the layers, as (rule, module, imported name)."""
    tainted_selectors = selectors_above_models(modules)
    found = set()
    for name, module in modules.items():
        app = module.app
        part = part_of(name)
        for imported in module.imports:
            target = imported.target
            own = app is not None and is_under(target, f"{PROJECT}.{app}")
            if app and not own and any(is_under(target, p) for p in forbidden_for(app)):
                found.add((TOP_LAYER_RULE, name, target))
            if part == "models" and (
                part_of(target) in ABOVE_MODELS
                or any(is_under(target, selectors) for selectors in tainted_selectors)
            ):
                found.add((MODELS_RULE, name, target))
            if is_domain_app(app) and part != "forms" and part_of(target) == "forms":
                found.add((FORMS_RULE, name, target))
            if not imported.has_reason:
                found.add((INLINE_RULE, name, target))
    return found


@pytest.fixture(scope="module")
def tree_violations():
    return violations(collect(SOURCE))


def test_the_tree_keeps_its_layers(tree_violations):
    unexpected = tree_violations - KNOWN_VIOLATIONS

    assert sorted(unexpected) == []


def test_known_violations_still_occur(tree_violations):
    mended = KNOWN_VIOLATIONS - tree_violations

    assert sorted(mended) == [], "mended: remove these from KNOWN_VIOLATIONS"


def test_the_checker_reads_the_whole_tree():
    modules = collect(SOURCE)

    assert {module.app for module in modules.values()} >= {
        "core",
        "accounts",
        "orgs",
        "programs",
        "portals",
        "api",
        "demo",
    }
    assert Import("cloudpark.core.search", inline=True, has_reason=True) in (
        modules["cloudpark.orgs.apps"].imports
    )


def violations_in(tmp_path, files):
    """The violations in a made-up project of ``files`` (path -> source)."""
    root = tmp_path / PROJECT
    for relative, source in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source))
    return violations(collect(root))


@pytest.mark.parametrize(
    ("path", "source", "expected"),
    [
        (
            "orgs/selectors.py",
            "from cloudpark.portals import base\n",
            (TOP_LAYER_RULE, "cloudpark.orgs.selectors", "cloudpark.portals.base"),
        ),
        (
            "orgs/services.py",
            "from cloudpark.api.serializers import EnterpriseSerializer\n",
            (
                TOP_LAYER_RULE,
                "cloudpark.orgs.services",
                "cloudpark.api.serializers.EnterpriseSerializer",
            ),
        ),
        (
            "orgs/tasks.py",
            "from cloudpark import demo\n",
            (TOP_LAYER_RULE, "cloudpark.orgs.tasks", "cloudpark.demo"),
        ),
        (
            # A capability nobody has listed yet is a domain app.
            "awards/services.py",
            "import cloudpark.portals.public\n",
            (TOP_LAYER_RULE, "cloudpark.awards.services", "cloudpark.portals.public"),
        ),
        (
            "core/audit.py",
            "from cloudpark.orgs.models import Organization\n",
            (TOP_LAYER_RULE, "cloudpark.core.audit", "cloudpark.orgs.models.Organization"),
        ),
        (
            "core/management/commands/seed.py",
            "from ....accounts import models\n",
            (
                TOP_LAYER_RULE,
                "cloudpark.core.management.commands.seed",
                "cloudpark.accounts.models",
            ),
        ),
        (
            "api/views.py",
            "from cloudpark.portals.privacy import personal_data_context\n",
            (
                TOP_LAYER_RULE,
                "cloudpark.api.views",
                "cloudpark.portals.privacy.personal_data_context",
            ),
        ),
        (
            "api/urls.py",
            "from cloudpark.demo import DEMO_PASSWORD\n",
            (TOP_LAYER_RULE, "cloudpark.api.urls", "cloudpark.demo.DEMO_PASSWORD"),
        ),
        (
            "portals/home.py",
            "from cloudpark.api import serializers\n",
            (TOP_LAYER_RULE, "cloudpark.portals.home", "cloudpark.api.serializers"),
        ),
        (
            "portals/public/views.py",
            "from cloudpark.demo import data\n",
            (TOP_LAYER_RULE, "cloudpark.portals.public.views", "cloudpark.demo.data"),
        ),
        (
            "programs/models.py",
            "from cloudpark.programs import services\n",
            (MODELS_RULE, "cloudpark.programs.models", "cloudpark.programs.services"),
        ),
        (
            "programs/models/application.py",
            "from ..services import submit_application\n",
            (
                MODELS_RULE,
                "cloudpark.programs.models.application",
                "cloudpark.programs.services.submit_application",
            ),
        ),
        (
            "programs/models.py",
            "from cloudpark.orgs.services.enterprises import admit_enterprise\n",
            (
                MODELS_RULE,
                "cloudpark.programs.models",
                "cloudpark.orgs.services.enterprises.admit_enterprise",
            ),
        ),
        (
            "bases/flows.py",
            "from cloudpark.bases import forms\n",
            (FORMS_RULE, "cloudpark.bases.flows", "cloudpark.bases.forms"),
        ),
        (
            "bases/services.py",
            """\
            def decide(case):
                from cloudpark.bases import selectors

                return selectors.rounds_open()
            """,
            (INLINE_RULE, "cloudpark.bases.services", "cloudpark.bases.selectors"),
        ),
        (
            "bases/apps.py",
            """\
            class BasesConfig:
                def ready(self):
                    if True:
                        from cloudpark.bases import flows  # noqa: F401
            """,
            (INLINE_RULE, "cloudpark.bases.apps", "cloudpark.bases.flows"),
        ),
    ],
)
def test_the_checker_reports_a_bad_module(tmp_path, path, source, expected):
    found = violations_in(tmp_path, {path: source})

    assert found == {expected}


def test_models_may_not_import_forms(tmp_path):
    files = {"programs/models.py": "from cloudpark.programs.forms import ApplicationForm\n"}

    found = violations_in(tmp_path, files)

    assert found == {
        (MODELS_RULE, "cloudpark.programs.models", "cloudpark.programs.forms.ApplicationForm"),
        (FORMS_RULE, "cloudpark.programs.models", "cloudpark.programs.forms.ApplicationForm"),
    }


def test_models_may_not_import_selectors_that_import_services(tmp_path):
    files = {
        "orgs/selectors.py": "from cloudpark.orgs import services\n",
        "orgs/services.py": "",
        "orgs/models.py": "from cloudpark.orgs.selectors import parks_of\n",
    }

    found = violations_in(tmp_path, files)

    assert found == {(MODELS_RULE, "cloudpark.orgs.models", "cloudpark.orgs.selectors.parks_of")}


@pytest.mark.parametrize(
    ("path", "source"),
    [
        (
            "orgs/services.py",
            "from cloudpark.core import audit\nfrom cloudpark.orgs import models\n",
        ),
        ("portals/park/views.py", "from cloudpark.orgs import forms, selectors, services\n"),
        (
            "api/views.py",
            "from cloudpark.orgs import selectors\nfrom cloudpark.orgs.privacy import x\n",
        ),
        ("demo/loader.py", "from cloudpark.portals import base\nfrom cloudpark.api import views\n"),
        ("core/audit.py", "from cloudpark.core import errors\nfrom . import search\n"),
        ("orgs/models.py", "from cloudpark.orgs import enums, selectors\n"),
        (
            "orgs/forms.py",
            "from cloudpark.core import forms\nfrom cloudpark.orgs.forms import base\n",
        ),
        ("urls.py", "from cloudpark.portals import urls\nfrom cloudpark.api import urls\n"),
        (
            "orgs/apps.py",
            """\
            def ready():
                # The app registry is complete only now.
                from cloudpark.core import search

                from cloudpark.orgs import models
            """,
        ),
        (
            "orgs/tasks.py",
            """\
            def send():
                from cloudpark.orgs import services  # avoids the cycle with services
            """,
        ),
        (
            "orgs/tasks.py",
            """\
            def send():
                # heavy, only for exports
                from openpyxl import Workbook
            """,
        ),
    ],
)
def test_the_checker_passes_a_good_module(tmp_path, path, source):
    found = violations_in(tmp_path, {path: source})

    assert found == set()
