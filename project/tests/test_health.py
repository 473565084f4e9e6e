"""/healthz (is the process up?) and /readyz (can it reach its database?), as a load
balancer asks them: anonymous, over plain HTTP, and often."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def test_healthz_says_ok_without_login_or_a_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = Client().get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]


def test_readyz_asks_the_database_once(django_assert_num_queries):
    with django_assert_num_queries(1):
        response = Client().get("/readyz")

    assert response.status_code == 200
    assert response.content == b"ok"


def test_neither_shows_anything_to_a_post():
    assert Client().post("/healthz").status_code == 405
    assert Client().post("/readyz").status_code == 405


def test_a_balancer_asking_over_plain_http_is_not_redirected_to_https(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # as production sets

    assert Client().get("/healthz").status_code == 200
    assert Client().get("/customers/").status_code == 301  # the rest still goes to HTTPS


# The app in a process of its own whose database cannot be reached: nothing listens on
# port 1, and no directory /nonexistent holds a SQLite file. Real settings, real stack.
PROBE = """
from django.test import Client
browser = Client(HTTP_HOST="localhost")
for path in ("/healthz", "/readyz"):
    response = browser.get(path)
    print(path, response.status_code, response.content.decode())
"""


@pytest.mark.parametrize(
    "database_url",
    [
        "postgres://postgres@127.0.0.1:1/crm?connect_timeout=2",
        "sqlite:////nonexistent/crm.sqlite3",
    ],
)
def test_readyz_is_503_while_the_database_is_unreachable_and_healthz_stays_ok(database_url):
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "1", "LOG_LEVEL": "ERROR"}
    probe = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "--no-imports", "-c", PROBE],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.splitlines() == [
        "/healthz 200 ok",
        "/readyz 503 database unreachable",
    ]
