"""Only superusers manage superusers: the Admin role manages every other account in
/admin/, but can make no one a superuser, itself included, and cannot change, reset
the password of, or delete a superuser's account."""

import pytest
from django.contrib.auth.models import Group, User

pytestmark = pytest.mark.django_db


def change_url(user) -> str:
    return f"/admin/auth/user/{user.pk}/change/"


def posted(user, **changes) -> dict:
    """The user's change form as the admin posts it back, with `changes`."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on" if user.is_active else "",
        "groups": [group.pk for group in user.groups.all()],
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "last_login_0": "",
        "last_login_1": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value not in ("", None)}


@pytest.fixture
def ada_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_the_admin_role_cannot_make_itself_a_superuser(ada_client, admin_user):
    form = ada_client.get(change_url(admin_user)).content.decode()

    response = ada_client.post(
        change_url(admin_user), posted(admin_user, first_name="Ada", is_superuser="on")
    )

    assert 'name="is_superuser"' not in form  # shown, but not as a box to tick
    assert "Superuser status" in form
    assert response.status_code == 302
    saved = User.objects.get(pk=admin_user.pk)
    assert saved.first_name == "Ada"  # the rest of the form saves as before
    assert not saved.is_superuser


def test_the_admin_role_cannot_make_anyone_else_a_superuser(ada_client, sales_rep):
    ada_client.post(change_url(sales_rep), posted(sales_rep, is_superuser="on"))

    assert not User.objects.get(pk=sales_rep.pk).is_superuser


def test_the_admin_role_still_activates_accounts_and_gives_roles(ada_client, make_user):
    newcomer = make_user("newcomer", is_active=False)
    manager_role = Group.objects.get(name="Manager")

    response = ada_client.post(
        change_url(newcomer), posted(newcomer, is_active="on", groups=[manager_role.pk])
    )

    assert response.status_code == 302
    saved = User.objects.get(pk=newcomer.pk)
    assert saved.is_active and list(saved.groups.all()) == [manager_role]


def test_the_admin_role_sees_a_superuser_read_only(ada_client, superuser):
    page = ada_client.get(change_url(superuser))

    body = page.content.decode()
    assert page.status_code == 200
    assert 'name="username"' not in body
    assert 'name="_save"' not in body


def test_the_admin_role_cannot_change_a_superuser(ada_client, superuser):
    response = ada_client.post(change_url(superuser), posted(superuser, email="ada@evil.example"))

    assert response.status_code == 403
    assert User.objects.get(pk=superuser.pk).email == "root@example.com"


def test_the_admin_role_cannot_reset_a_superusers_password(ada_client, superuser, password):
    url = f"/admin/auth/user/{superuser.pk}/password/"
    new = {"password1": "taken-over-123", "password2": "taken-over-123"}

    assert ada_client.get(url).status_code == 403
    assert ada_client.post(url, new).status_code == 403
    assert User.objects.get(pk=superuser.pk).check_password(password)


def test_the_admin_role_cannot_delete_a_superuser(ada_client, superuser):
    single = ada_client.post(f"/admin/auth/user/{superuser.pk}/delete/", {"post": "yes"})
    bulk = ada_client.post(
        "/admin/auth/user/",
        {"action": "delete_selected", "_selected_action": [superuser.pk], "post": "yes"},
    )

    assert single.status_code == 403
    assert bulk.status_code in (200, 403)  # the action explains it may not
    assert User.objects.filter(pk=superuser.pk).exists()


def test_a_superuser_still_manages_superusers(client, superuser, sales_rep):
    client.force_login(superuser)

    response = client.post(change_url(sales_rep), posted(sales_rep, is_superuser="on"))

    assert response.status_code == 302
    assert User.objects.get(pk=sales_rep.pk).is_superuser
