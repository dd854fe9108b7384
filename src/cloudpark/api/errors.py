from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from cloudpark.core.errors import DomainError


def exception_handler(exc, context):
    """A refused business rule is a 400 with the rule's own message."""
    if isinstance(exc, DomainError):
        body = {"detail": str(exc)}
        if exc.field:
            body["field"] = exc.field
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)
