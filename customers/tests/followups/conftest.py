import datetime

import pytest

from customers.followups.services import task_create

TODAY = datetime.date(2026, 3, 10)  # a fixed "today" for the rules about days


@pytest.fixture
def make_task(ann, user):
    def make(**fields):
        fields.setdefault("customer", ann)
        fields.setdefault("title", "Call back")
        fields.setdefault("due_date", TODAY)
        fields.setdefault("created_by", user)
        return task_create(**fields)

    return make


TASK_PERMISSIONS = tuple(f"{a}_followup" for a in ("view", "add", "change", "delete"))


@pytest.fixture
def user(make_user):
    """The root conftest's all-round CRM user (a manager's rights), with tasks too."""
    from conftest import CRM_PERMISSIONS, MANAGER_EXTRAS

    return make_user("clerk", perms=CRM_PERMISSIONS + MANAGER_EXTRAS + TASK_PERMISSIONS)
