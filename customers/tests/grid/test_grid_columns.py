""" "Columns": which of the grid's columns a user sees, remembered for them, at no query
a page; a bad choice is a clear 422, not a 500."""

import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import CRM_PERMISSIONS
from customers.grid.columns import DEFAULT, OPTIONAL, SESSION_KEY
from customers.models import UserPreference
from ui.testing import HX

pytestmark = pytest.mark.django_db

URL = "/customers/columns/"
DEFAULT_HEADERS = [
    *("Select", "Name", "Email", "Phone", "Company", "Owner", "Tags", "Status", "Next step"),
    "Actions",
]


def headers(client, query: str = "", **extra) -> list[str]:
    """The grid's columns as its first row's cells say (each cell repeats its header)."""
    response = client.get(f"/customers/{query}", headers=extra)
    assert response.status_code == 200
    row = re.search(r'<tr id="customer-\d+".*?</tr>', response.content.decode(), re.S)
    return re.findall(r'<td[^>]*data-label="([^"]*)"', row.group(0))


def choose(client, *columns, headers=None, **extra):
    return client.post(URL, {"columns": list(columns), **extra}, headers=headers or {})


def stored(user):
    return UserPreference.objects.get(user=user).grid_columns


# --- What shows -------------------------------------------------------------------------


def test_by_default_the_columns_that_give_way_first_are_hidden(user_client, ann):
    assert headers(user_client) == DEFAULT_HEADERS
    body = user_client.get("/customers/").content.decode()
    # Hidden, not gone: the grid's default sort is still by Created, newest first.
    assert "Created" not in re.search(r"<thead.*?</thead>", body, re.S).group(0)


def test_the_chooser_offers_every_optional_column_ticked_as_shown(user_client, ann):
    body = user_client.get("/customers/").content.decode()

    chooser = re.search(r'<form id="grid-columns".*?</form>', body, re.S).group(0)
    assert re.findall(r'name="columns" value="(\w+)"', chooser) == list(OPTIONAL)
    ticked = re.findall(r'name="columns" value="(\w+)"[^>]*checked', chooser)
    assert ticked == list(DEFAULT)
    assert 'name="next" value="/customers/"' in chooser


def test_choosing_columns_shows_them_in_the_grids_order(user_client, user, ann):
    response = choose(user_client, "created", "email", "support")

    assert response.status_code == 302
    assert response["Location"] == "/customers/"
    assert stored(user) == ["email", "support", "created"]
    assert headers(user_client) == [
        *("Select", "Name", "Email", "Open requests", "Created", "Actions"),
    ]
    assert headers(user_client, **HX) == headers(user_client)  # the results alone too


def test_choosing_none_leaves_the_name_and_the_actions(user_client, user, ann):
    choose(user_client)

    assert stored(user) == []
    assert headers(user_client) == ["Select", "Name", "Actions"]


def test_a_plain_post_goes_back_to_the_same_search(user_client, ann):
    response = choose(user_client, "email", next="/customers/?q=ann&sort=name")

    assert response["Location"] == "/customers/?q=ann&sort=name"


def test_next_is_only_ever_a_page_of_this_site(user_client, ann):
    response = choose(user_client, "email", next="https://evil.example.com/")

    assert response["Location"] == "/customers/"


def test_with_htmx_the_grid_redraws_itself_and_the_chooser_stays(user_client, user, ann):
    response = choose(user_client, "phone", headers=HX)

    assert response.status_code == 200
    assert response["HX-Reswap"] == "none"
    assert json.loads(response["HX-Trigger"]) == {"grid-columns-changed": {}}
    assert stored(user) == ["phone"]
    body = user_client.get("/customers/").content.decode()
    assert "grid-columns-changed from:body" in body  # what the results listen for


def test_default_columns_puts_the_defaults_back(user_client, user, ann):
    choose(user_client, "created")

    response = user_client.post(URL, {"columns": ["created"], "reset": "1"})

    assert response.status_code == 302
    assert stored(user) is None  # the defaults, whatever they become
    assert headers(user_client) == DEFAULT_HEADERS


def test_default_columns_with_htmx_redraws_the_boxes(user_client, ann):
    choose(user_client, "created")

    response = user_client.post(URL, {"reset": "1"}, headers=HX)

    assert response.status_code == 200
    assert json.loads(response["HX-Trigger"]) == {"grid-columns-changed": {}}
    ticked = re.findall(r'name="columns" value="(\w+)"[^>]*checked', response.content.decode())
    assert ticked == list(DEFAULT)


def test_the_choice_is_the_users_own(user_client, make_user, ann):
    choose(user_client, "created")
    other = Client()
    other.force_login(make_user("other", perms=CRM_PERMISSIONS))

    assert headers(other) == DEFAULT_HEADERS
    assert "Created" in headers(user_client)


def test_the_choice_holds_in_the_users_next_session(user_client, user, ann):
    choose(user_client, "created")
    again = Client()
    again.force_login(user)

    assert headers(again) == ["Select", "Name", "Created", "Actions"]


def test_the_edit_row_spans_the_columns_shown(user_client, ann):
    choose(user_client, "email", "created")

    body = user_client.get(f"/customers/update/{ann.pk}/", headers=HX).content.decode()

    assert body.count("<td") == 1
    assert 'colspan="5"' in body  # select, name, email, created, actions
    # Every field is there to edit, its column shown or not.
    for field in ("name", "email", "phone", "company", "status", "owner"):
        assert f'id="customer-{ann.pk}-{field}"' in body


def test_the_row_put_back_after_a_save_has_the_columns_shown(user_client, ann):
    choose(user_client, "company")
    data = {
        **{"name": "Ann Two", "email": ann.email, "phone": "", "company": "Acme"},
        **{"status": ann.status, "owner": "", "version": ann.version},
    }

    row = user_client.post(f"/customers/update/{ann.pk}/", data, headers=HX).content.decode()

    assert re.findall(r'data-label="([^"]*)"', row) == ["Select", "Name", "Company", "Actions"]


def test_sorting_by_a_hidden_column_still_sorts(user_client, make_customer):
    older, newer = make_customer(name="Older"), make_customer(name="Newer")
    body = user_client.get("/customers/?sort=created").content.decode()

    assert body.index(f'id="customer-{older.pk}"') < body.index(f'id="customer-{newer.pk}"')


# --- Bad input: a clear 422 --------------------------------------------------------------


@pytest.mark.parametrize("headers_", [{}, HX], ids=["page", "htmx"])
def test_an_unknown_column_is_a_422_that_says_so_and_changes_nothing(
    user_client, user, ann, headers_
):
    choose(user_client, "email")

    response = choose(user_client, "email", "password", headers=headers_)

    assert response.status_code == 422
    body = response.content.decode()
    assert "“password” is not one of the grid&#x27;s columns. Choose from the list." in body
    assert 'role="alert"' in body
    assert ("<html" in body) is not bool(headers_)  # a page of its own, or the form alone
    assert stored(user) == ["email"]


def test_a_column_that_is_always_shown_is_no_choice(user_client, user):
    response = choose(user_client, "name", "actions")

    assert response.status_code == 422
    assert not UserPreference.objects.filter(user=user).exists()


def test_the_chooser_is_a_page_of_its_own_too(user_client):
    response = user_client.get(URL)

    assert response.status_code == 200
    assert "<h1>Columns of the customer grid</h1>" in response.content.decode()


def test_a_stored_column_since_removed_is_ignored(user_client, user, ann):
    UserPreference.objects.create(user=user, grid_columns=["email", "fax", 7])
    again = Client()
    again.force_login(user)

    assert headers(again) == ["Select", "Name", "Email", "Actions"]


# --- Who may ------------------------------------------------------------------------------


def test_without_view_customer_it_is_refused(client, make_user):
    client.force_login(make_user("nobody"))

    assert client.get(URL).status_code == 403
    assert choose(client, "email").status_code == 403
    assert not UserPreference.objects.exists()


def test_signed_out_goes_to_the_login_page(client):
    response = choose(client, "email")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_only_post_changes_it(user_client, user):
    user_client.get(URL, {"columns": ["created"]})

    assert not UserPreference.objects.filter(user=user).exists()


# --- No query a page ----------------------------------------------------------------------


def grid_queries(client) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get("/customers/").status_code == 200
    return len(context.captured_queries)


def test_reading_the_choice_costs_no_query(user, ann):
    """Copied into the session at sign-in, in the one read of the language and the time
    zone (project/language.py): a chosen grid costs what the default one does."""
    default = Client()
    default.force_login(user)
    by_default = grid_queries(default)
    choose(default, "email", "created")

    chosen = Client()
    chosen.force_login(user)

    assert chosen.session[SESSION_KEY] == ["email", "created"]
    assert grid_queries(chosen) == by_default


def test_a_session_from_before_the_setting_reads_it_once(user_client, user, ann):
    UserPreference.objects.create(user=user, grid_columns=["phone"])
    session = user_client.session
    del session[SESSION_KEY]
    session.save()

    first = grid_queries(user_client)
    second = grid_queries(user_client)

    assert headers(user_client) == ["Select", "Name", "Phone", "Actions"]
    assert first > second  # the read, and saving it in the session, once
    assert second == grid_queries(user_client)
