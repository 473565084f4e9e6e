"""ui is tested on its own: a URLconf of small views (ui/tests/urls.py) over
templates of its own (ui/tests/templates), with users of django.contrib.auth."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client

TEMPLATES = Path(__file__).parent / "templates"
PASSWORD = "secret"


@pytest.fixture
def ui_templates(settings):
    """The test views' templates, found before the project's."""
    settings.TEMPLATES = [
        {**engine, "DIRS": [TEMPLATES, *engine.get("DIRS", [])]} for engine in settings.TEMPLATES
    ]


@pytest.fixture
def staff(db) -> User:
    """A plain auth user who may see and add groups."""
    user = User.objects.create_user("gail", "gail@example.com", PASSWORD)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="auth", codename__in=("view_group", "add_group")
        )
    )
    return user


@pytest.fixture
def staff_client(staff) -> Client:
    browser = Client()
    browser.force_login(staff)
    return browser
