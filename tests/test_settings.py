"""Production mode refuses unsafe settings and passes Django's deployment checks."""

import os
import subprocess
import sys

import pytest

SAFE_SECRET = "k" * 10 + "Zq8-vL2_pX9rT4wN6yB1cF3hJ5mA7dE0gS2uK4oI6qW8eR"
PRODUCTION = {
    "CLOUDPARK_ENV": "production",
    "SECRET_KEY": SAFE_SECRET,
    "DATABASE_URL": "postgres://cloudpark@db.invalid:5432/cloudpark",
    "ALLOWED_HOSTS": "cloudpark.example.cn",
    "EMAIL_HOST": "smtp.example.cn",
    "CLOUDPARK_SITE_URL": "https://cloudpark.example.cn",
    "CLOUDPARK_DATA_KEYS": "CXfj3pPD4C_NNd--EXtQ8CLOAAkdZc3sqgQcvv2aW_A=",
    "CLOUDPARK_LOOKUP_KEY": "lookup-" + "Lq7-Zx3_Vb9nM2kP5rT8wY1cF4hJ6sD0",
}


def cloudpark(*arguments, **environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CLOUDPARK_", "DJANGO_")) and key not in PRODUCTION
    }
    env.update(environment)
    return subprocess.run(
        [sys.executable, "-m", "cloudpark", *arguments],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deployment_checks():
    result = cloudpark("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"SECRET_KEY": ""}, "Production mode needs SECRET_KEY"),
        ({"SECRET_KEY": "insecure-" + "x" * 60}, "Production mode needs SECRET_KEY"),
        ({"DEBUG": "1"}, "refuses to start with DEBUG on"),
        ({"ALLOWED_HOSTS": ""}, "Production mode needs ALLOWED_HOSTS"),
        ({"DATABASE_URL": ""}, "Production mode needs DATABASE_URL"),
        ({"EMAIL_HOST": ""}, "Production mode needs EMAIL_HOST"),
        ({"CLOUDPARK_SITE_URL": ""}, "Production mode needs CLOUDPARK_SITE_URL"),
        ({"CLOUDPARK_DATA_KEYS": ""}, "Production mode needs CLOUDPARK_DATA_KEYS"),
        ({"CLOUDPARK_LOOKUP_KEY": "short"}, "Production mode needs CLOUDPARK_DATA_KEYS"),
        (
            {"CLOUDPARK_SITE_URL": "cloudpark.example.cn"},
            "Production mode needs CLOUDPARK_SITE_URL",
        ),
    ],
)
def test_production_refuses_unsafe_settings(change, message):
    result = cloudpark("check", **{**PRODUCTION, **change})

    assert result.returncode == 2
    assert message in result.stderr
