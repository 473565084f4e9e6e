"""Settings chosen from the environment: SQLite tuned for several writers, or a URL."""

import runpy
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

SETTINGS_FILE = Path(__file__).resolve().parents[1] / "settings.py"


def load_settings(monkeypatch, **env) -> dict:
    """Evaluate project/settings.py afresh under `env` (None removes a variable)."""
    for name, value in env.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def assert_sqlite_tuned_for_concurrent_writers(options: dict) -> None:
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 5


def test_default_database_is_sqlite_tuned_for_concurrent_writers(monkeypatch):
    database = load_settings(monkeypatch, DATABASE_URL=None)["DATABASES"]["default"]

    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert_sqlite_tuned_for_concurrent_writers(database["OPTIONS"])


def test_database_url_selects_postgresql_without_sqlite_options(monkeypatch):
    database = load_settings(monkeypatch, DATABASE_URL="postgres://crm@db.example.com:5432/crm")[
        "DATABASES"
    ]["default"]

    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["HOST"] == "db.example.com"
    assert "transaction_mode" not in database.get("OPTIONS", {})


def test_the_database_in_use_is_configured_for_its_engine():
    database = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        assert_sqlite_tuned_for_concurrent_writers(database["OPTIONS"])
    else:
        assert "init_command" not in database.get("OPTIONS", {})


def test_production_settings_are_secure(monkeypatch):
    production = load_settings(
        monkeypatch, DEBUG="0", SECRET_KEY="x" * 60, ALLOWED_HOSTS="crm.example.com"
    )

    assert production["DEBUG"] is False
    assert production["ALLOWED_HOSTS"] == ["crm.example.com"]
    assert production["SESSION_COOKIE_SECURE"] and production["CSRF_COOKIE_SECURE"]
    assert production["SECURE_SSL_REDIRECT"]
    assert production["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365


def test_development_has_a_working_default(monkeypatch):
    development = load_settings(monkeypatch, DEBUG=None, SECRET_KEY=None, ALLOWED_HOSTS=None)

    assert development["DEBUG"] is True
    assert development["SECRET_KEY"]
    assert "localhost" in development["ALLOWED_HOSTS"]


@pytest.mark.parametrize("value", ["1", "true", "yes", "on", "TRUE"])
def test_registration_can_be_opened_from_the_environment(monkeypatch, value):
    assert load_settings(monkeypatch, REGISTRATION_OPEN=value)["REGISTRATION_OPEN"] is True


def test_registration_is_closed_unless_opened(monkeypatch):
    assert load_settings(monkeypatch, REGISTRATION_OPEN=None)["REGISTRATION_OPEN"] is False
    assert load_settings(monkeypatch, REGISTRATION_OPEN="0")["REGISTRATION_OPEN"] is False
