"""Security headers on every page."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_allow_the_camera_to_this_site_only_and_deny_other_features(client):
    response = client.get(reverse("public:home"))

    policy = dict(item.split("=", 1) for item in response["Permissions-Policy"].split(", "))
    assert policy["camera"] == "(self)"
    assert {policy[feature] for feature in ("geolocation", "microphone", "payment", "usb")} == {
        "()"
    }
    assert [feature for feature, allowed in policy.items() if allowed != "()"] == ["camera"]


def test_the_other_security_headers_are_still_sent(client):
    response = client.get(reverse("public:home"))

    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
