"""The OpenAPI schema's account of refusals: every operation documents the errors it can
answer with, in the shapes ``api.errors`` and Django REST framework give them."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import permissions, serializers
from rest_framework.parsers import JSONParser

from cloudpark.api.base import RuleViewSet


class ErrorSerializer(serializers.Serializer):
    """A refusal: why, in the caller's language."""

    detail = serializers.CharField()


# A refused input: a business rule's message (``detail``, with the ``field`` it concerns), or
# the messages of each field the input got wrong, under the field's name.
INVALID_INPUT = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "field": {"type": "string"},
        "non_field_errors": {"type": "array", "items": {"type": "string"}},
    },
    "additionalProperties": {
        "oneOf": [
            {"type": "array", "items": {}},
            {"type": "object"},
            {"type": "string"},
        ]
    },
}

ERRORS = {
    "400": "The input was refused: see the messages.",
    "401": "No credentials were given.",
    "403": "The caller may not take this action.",
    "404": "No such object, or one the caller may not see.",
    "415": "The body is not of a media type this operation takes.",
    "429": "Too many requests: wait and try again.",
}


class Schema(AutoSchema):
    def _is_public(self):
        view = self.view
        if isinstance(view, RuleViewSet):
            mapped = view.rule_for_action()
            return mapped.anonymous and not mapped.name
        return all(isinstance(p, permissions.AllowAny) for p in view.get_permissions())

    def _error_codes(self):
        codes = {"429"}
        # Any input can be refused, and so can an action's own checks; reading one object
        # by its id cannot.
        if getattr(self.view, "action", None) != "retrieve":
            codes.add("400")
        if self.method in {"POST", "PUT", "PATCH"} and not any(
            isinstance(parser, JSONParser) for parser in self.view.get_parsers()
        ):
            codes.add("415")
        if not self._is_public():
            codes |= {"401", "403"}
        if "{" in self.path:
            codes.add("404")
        return codes

    def _invalid_input(self):
        component = ResolvedComponent(
            name="InvalidInput",
            type=ResolvedComponent.SCHEMA,
            object="InvalidInput",
            schema=INVALID_INPUT,
        )
        self.registry.register_on_missing(component)
        return component.ref

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in sorted(self._error_codes() - responses.keys()):
            if code == "400":
                body = self._invalid_input()
                responses[code] = {
                    "content": {"application/json": {"schema": body}},
                    "description": ERRORS[code],
                }
            else:
                responses[code] = self._get_response_for_code(ErrorSerializer, code)
                responses[code]["description"] = ERRORS[code]
        return responses
