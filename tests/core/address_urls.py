"""Routes whose numbers are not written as plain digits, for the address tests."""

from django.http import HttpResponse
from django.urls import path, register_converter


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{value:04d}"


class PaddedConverter:
    regex = "[0-9]{8}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        if value >= 10**8:
            raise ValueError("too large")
        return f"{value:08d}"


register_converter(YearConverter, "year4")
register_converter(PaddedConverter, "padded")


def view(request, **kwargs):
    return HttpResponse()


urlpatterns = [
    path("report/<year4:year>/", view, name="report"),
    path("ticket/<padded:number>/", view, name="ticket"),
    path("row/<int:pk>/edit/", view, name="row"),
]
