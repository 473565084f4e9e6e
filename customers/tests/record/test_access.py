"""Every URL of the record page needs a login and its own permission, fragments too."""

import pytest

from customers.core.services import customer_tag_add, tag_get_or_create
from customers.models import Contact, Customer
from customers.record.services import contact_create
from ui.testing import HX

pytestmark = pytest.mark.django_db

ALL = tuple(
    f"{action}_{model}"
    for model in ("customer", "contact", "interaction", "tag", "deal")
    for action in ("view", "add", "change", "delete")
)


@pytest.fixture
def record(make_customer):
    customer = make_customer(name="Ann Lee", email="ann@example.com")
    contact = contact_create(customer=customer, name="Bob Boss")
    tag = tag_get_or_create(name="VIP")
    customer_tag_add(customer=customer, tag=tag)
    return customer, contact, tag


# (method, url template, the permission whose absence refuses it, data)
ENDPOINTS = [
    ("get", "/customers/{c}/", "view_customer", None),
    ("get", "/customers/{c}/header/", "view_customer", None),
    ("get", "/customers/{c}/edit/", "change_customer", None),
    ("post", "/customers/{c}/edit/", "change_customer", {"name": "Hacked", "email": "h@x.org"}),
    ("get", "/customers/{c}/contacts/add/", "add_contact", None),
    ("post", "/customers/{c}/contacts/add/", "add_contact", {"name": "Intruder"}),
    ("get", "/customers/{c}/contacts/add/", "view_contact", None),
    ("get", "/contacts/{p}/", "view_contact", None),
    ("get", "/contacts/{p}/edit/", "change_contact", None),
    ("post", "/contacts/{p}/edit/", "change_contact", {"name": "Hacked"}),
    ("get", "/contacts/{p}/delete/", "delete_contact", None),
    ("post", "/contacts/{p}/delete/", "delete_contact", {}),
    ("get", "/customers/{c}/tags/add/", "change_customer", None),
    ("post", "/customers/{c}/tags/add/", "change_customer", {"name": "Intruded"}),
    ("post", "/customers/{c}/tags/{t}/remove/", "change_customer", {}),
    ("get", "/tags/suggest/?name=v", "view_tag", None),
]
IDS = [f"{method}-{url}-{perm}" for method, url, perm, _ in ENDPOINTS]


def resolve(url, record):
    customer, contact, tag = record
    return url.format(c=customer.pk, p=contact.pk, t=tag.pk)


def request(client, method, url, data, headers):
    if method == "post":
        return client.post(url, data or {}, headers=headers)
    return client.get(url, headers=headers)


def unchanged(record) -> bool:
    customer, contact, tag = record
    return (
        Customer.objects.get(pk=customer.pk).name == "Ann Lee"
        and list(Contact.objects.values_list("name", flat=True)) == ["Bob Boss"]
        and list(customer.tags.all()) == [tag]
    )


@pytest.mark.parametrize(("method", "url", "perm", "data"), ENDPOINTS, ids=IDS)
def test_anonymous_is_sent_to_log_in(client, record, method, url, perm, data):
    path = resolve(url, record)

    response = request(client, method, path, data, {})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert unchanged(record)


@pytest.mark.parametrize(("method", "url", "perm", "data"), ENDPOINTS, ids=IDS)
def test_anonymous_htmx_is_told_to_log_in(client, record, method, url, perm, data):
    path = resolve(url, record)

    response = request(client, method, path, data, HX)

    assert response.status_code == 401
    assert response["HX-Redirect"].startswith("/accounts/login/?next=")
    assert unchanged(record)


@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
@pytest.mark.parametrize(("method", "url", "perm", "data"), ENDPOINTS, ids=IDS)
def test_without_the_permission_it_is_forbidden(
    client, make_user, record, method, url, perm, data, headers
):
    client.force_login(make_user("almost", perms=tuple(p for p in ALL if p != perm)))
    path = resolve(url, record)

    response = request(client, method, path, data, headers)

    assert response.status_code == 403
    assert unchanged(record)


@pytest.mark.parametrize(("method", "url", "perm", "data"), ENDPOINTS, ids=IDS)
def test_with_every_permission_it_answers(user_client, record, method, url, perm, data):
    path = resolve(url, record)

    response = request(user_client, method, path, data, HX)

    assert response.status_code in (200, 422)
