"""Production settings pass Django's deployment checks; pages carry a strict CSP."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run manage.py in a fresh process with a production-like environment.

    DJANGO_ALLOW_ASYNC_UNSAFE is dropped too: the browser tests set it for this
    test process, and production never has it.
    """
    unset = {
        "DEBUG",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DJANGO_SETTINGS_MODULE",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    base = {key: value for key, value in os.environ.items() if key not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_pass_the_deployment_checks():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="crm.example.com",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DEBUG="0", ALLOWED_HOSTS="crm.example.com")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize(("signed_in", "url"), [(False, "/accounts/login/"), (True, "/customers/")])
def test_pages_carry_a_strict_content_security_policy(client, user, signed_in, url):
    if signed_in:
        client.force_login(user)

    response = client.get(url)

    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    nonce = re.search(r"script-src [^;]*'nonce-([^']+)'", policy).group(1)
    html = response.content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    htmx = [tag for tag in scripts if "htmx" in tag]
    assert htmx, scripts
    assert all(f'nonce="{nonce}"' in tag for tag in htmx)
    # Every script is a file of our own or carries the nonce: nothing inline runs.
    assert all("src=" in tag or f'nonce="{nonce}"' in tag for tag in scripts)


@pytest.mark.django_db
def test_each_response_gets_a_fresh_nonce(client):
    first = client.get("/accounts/login/")["Content-Security-Policy"]
    second = client.get("/accounts/login/")["Content-Security-Policy"]

    assert first != second


@pytest.mark.django_db
def test_pages_cannot_be_framed(client):
    response = client.get("/accounts/login/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
