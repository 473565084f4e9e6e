"""Every deal view needs a login and its own permission, fragments included."""

from decimal import Decimal

import pytest

from conftest import CRM_PERMISSIONS
from customers.deals.services import deal_create
from customers.models import Deal, Stage

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def deal(make_customer):
    return deal_create(
        customer=make_customer(name="Acme"),
        title="Fit-out",
        amount=Decimal("100"),
        stage=Stage.objects.get(name="New"),
    )


# (method, url, the permission it needs); {pk} is the deal's.
VIEWS = [
    ("get", "/deals/", "view_deal"),
    ("get", "/deals/list/", "view_deal"),
    ("get", "/deals/create/", "add_deal"),
    ("post", "/deals/create/", "add_deal"),
    ("get", "/deals/{pk}/edit/", "change_deal"),
    ("post", "/deals/{pk}/edit/", "change_deal"),
    ("get", "/deals/{pk}/move/", "change_deal"),
    ("post", "/deals/{pk}/move/", "change_deal"),
    ("get", "/deals/{pk}/delete/", "delete_deal"),
    ("get", "/deals/customers/suggest/", "view_customer"),
    ("post", "/deals/{pk}/delete/", "delete_deal"),
]
IDS = [f"{method} {url}" for method, url, _ in VIEWS]


def request(client, method, url, deal, **kwargs):
    data = {"stage": deal.stage_id, "title": "Changed"} if method == "post" else None
    return getattr(client, method)(url.format(pk=deal.pk), data, **kwargs)


@pytest.mark.parametrize(("method", "url", "permission"), VIEWS, ids=IDS)
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_403_without_the_permission(client, make_user, deal, method, url, permission, headers):
    everything_else = tuple(p for p in CRM_PERMISSIONS if p != permission)
    client.force_login(make_user("almost", perms=everything_else))

    response = request(client, method, url, deal, headers=headers)

    assert response.status_code == 403
    saved = Deal.objects.get(pk=deal.pk)
    assert (saved.title, saved.stage_id) == ("Fit-out", deal.stage_id)


@pytest.mark.parametrize(("method", "url", "permission"), VIEWS, ids=IDS)
def test_anonymous_is_sent_to_log_in(client, deal, method, url, permission):
    response = request(client, method, url, deal)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert Deal.objects.get(pk=deal.pk).title == "Fit-out"


@pytest.mark.parametrize(("method", "url", "permission"), VIEWS, ids=IDS)
def test_anonymous_htmx_is_told_to_log_in(client, deal, method, url, permission):
    response = request(client, method, url, deal, headers={**HTMX, "HX-Current-URL": "/deals/"})

    assert response.status_code == 401
    assert response["HX-Redirect"].startswith("/accounts/login/?next=")
    assert Deal.objects.get(pk=deal.pk).title == "Fit-out"


@pytest.mark.parametrize(("method", "url", "permission"), VIEWS, ids=IDS)
def test_with_the_permission_alone_the_view_answers(
    client, make_user, deal, method, url, permission
):
    client.force_login(make_user("just-that", perms=(permission,)))

    response = request(client, method, url, deal)

    assert response.status_code in (200, 302, 422)


def test_move_checks_csrf(csrf_client, deal):
    response = csrf_client.post(f"/deals/{deal.pk}/move/", {"stage": deal.stage_id})

    assert response.status_code == 403
