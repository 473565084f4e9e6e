import pytest

from customers.models import Contact

TEMPLATE_PERMISSIONS = tuple(f"{a}_emailtemplate" for a in ("view", "add", "change", "delete"))


@pytest.fixture
def user(make_user):
    """The root conftest's all-round CRM user, who keeps email templates too."""
    from conftest import CRM_PERMISSIONS, MANAGER_EXTRAS

    sender = make_user("clerk", perms=CRM_PERMISSIONS + MANAGER_EXTRAS + TEMPLATE_PERMISSIONS)
    sender.first_name, sender.last_name = "Casey", "Clerk"
    sender.save()
    return sender


@pytest.fixture
def bea(ann):
    return Contact.objects.create(customer=ann, name="Bea Lee", email="bea@example.com")
