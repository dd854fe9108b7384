"""The security settings refuse values that would weaken them."""

import pytest

from tests.test_settings import PRODUCTION, cloudpark


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"AUDIT_RETENTION_DAYS": "182"}, "AUDIT_RETENTION_DAYS must be at least 183"),
        ({"CLOUDPARK_TRUSTED_PROXIES": "10.0.0.1,proxy"}, "'proxy' is not an IP address"),
        ({"CLOUDPARK_IDLE_MINUTES": "0"}, "CLOUDPARK_IDLE_MINUTES and CLOUDPARK_SESSION_HOURS"),
    ],
)
def test_weakening_values_are_refused(change, message):
    result = cloudpark("check", **{**PRODUCTION, **change})

    assert result.returncode != 0
    assert message in result.stderr


def test_the_defaults_pass():
    result = cloudpark(
        "check", **{**PRODUCTION, "CLOUDPARK_TRUSTED_PROXIES": "10.0.0.0/8,192.0.2.1"}
    )

    assert result.returncode == 0, result.stderr
