"""Real responses checked against the OpenAPI schema the platform publishes: the status must
be one the operation documents, and a JSON body must match the documented schema."""

import json
import re
from functools import cache
from urllib.parse import urlsplit

from drf_spectacular.generators import SchemaGenerator
from jsonschema import Draft202012Validator


def _as_json_schema(node):
    """OpenAPI 3.0's ``nullable`` as JSON Schema's ``null`` alternative. A blank-or-URL field
    is ``oneOf`` a blank string and a ``uri``; formats are not asserted here, so an empty
    string would match both: the alternatives are read as ``anyOf``."""
    if isinstance(node, list):
        return [_as_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {
        ("anyOf" if key == "oneOf" else key): _as_json_schema(value) for key, value in node.items()
    }
    if node.pop("nullable", False):
        return {"anyOf": [node, {"type": "null"}]}
    return node


@cache
def document():
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return _as_json_schema(json.loads(json.dumps(generated, default=str)))


@cache
def _templates():
    """[(pattern, template)] of every path, the ones with fewer parameters first."""
    found = []
    for template in document()["paths"]:
        pattern = re.compile("^" + re.sub(r"\\{[^/]+?\\}", "[^/]+", re.escape(template)) + "$")
        found.append((template.count("{"), pattern, template))
    found.sort(key=lambda entry: entry[0])
    return [(pattern, template) for _count, pattern, template in found]


def operation_of(method, url):
    path = urlsplit(url).path
    for pattern, template in _templates():
        if pattern.match(path):
            return template, document()["paths"][template][method.lower()]
    raise AssertionError(f"{path} is not in the OpenAPI schema")


def mismatches(method, url, response):
    """What in ``response`` the schema does not say: an undocumented status, or the body's
    departures from the documented schema. Empty when the response is as documented."""
    template, operation = operation_of(method, url)
    where = f"{method.upper()} {template} -> {response.status_code}"
    documented = operation["responses"].get(str(response.status_code))
    if documented is None:
        return [f"{where}: status not documented"]
    media = documented.get("content", {}).get("application/json")
    is_json = response.get("Content-Type", "").startswith("application/json")
    if media is None or not is_json:
        return []
    schema = {**media["schema"], "components": document()["components"]}
    body = response.json()
    return [
        f"{where}: {'/'.join(map(str, error.absolute_path))}: {error.message[:200]}"
        for error in Draft202012Validator(schema).iter_errors(body)
    ]
