"""The deal pages as a user sees them: board, moves, list, forms, delete, record section.

Every view answers as a page and as an htmx fragment, needs a login and its permission,
and answers invalid input with 422 and the form as typed.
"""

import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from customers.core.search import indexed_text
from customers.deals.section import customer_deals_context
from customers.models import ClosingReason, Deal, Stage

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
COLUMN = re.compile(
    r'<section [^>]*id="stage-\d+"[^>]*>\s*<header[^>]*>\s*<h2[^>]*>(?P<name>.*?)</h2>\s*'
    r'<p class="board__count"[^>]*>(?P<count>.*?)</p>\s*'
    r'<p class="board__total"[^>]*>(?P<total>.*?)</p>',
    re.DOTALL,
)


def stage(name):
    return Stage.objects.get(name=name)


def columns(response) -> dict[str, tuple[str, str]]:
    """Each column's heading: name -> (count, total), as shown."""
    return {m["name"]: (m["count"], m["total"]) for m in COLUMN.finditer(response.content.decode())}


def column_html(response, name) -> str:
    """The markup of one column, from its section to the next."""
    body = response.content.decode()
    start = body.index(f">{name}</h2>")
    end = body.find("<section ", start)
    return body[start : end if end != -1 else len(body)]


@pytest.fixture
def acme(make_customer):
    return make_customer(name="Acme Corp", email="buyer@acme.example")


@pytest.fixture
def deal(make_deal, acme, user):
    return make_deal("Fit-out", customer=acme, amount="12000", owner=user)


@pytest.fixture
def reason():
    return ClosingReason.objects.get(name="Price too high")


# --- Board ---------------------------------------------------------------------------


def test_board_shows_each_stage_with_its_cards_and_totals(user_client, make_deal, acme, user):
    make_deal("Fit-out", customer=acme, amount="12000", owner=user, expected_close="2030-03-01")
    make_deal("Catering", amount="3500", currency="EUR")
    make_deal("Signage", stage="Won", amount="99.5", currency="GBP")

    response = user_client.get("/deals/")

    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    assert columns(response) == {
        "New": ("2 deals", "€3,500.00 · $12,000.00"),
        "Qualified": ("0 deals", "—"),
        "Proposal": ("0 deals", "—"),
        "Negotiation": ("0 deals", "—"),
        "Won": ("1 deal", "£99.50"),
        "Lost": ("0 deals", "—"),
    }
    new = column_html(response, "New")
    assert "Fit-out" in new and "Catering" in new and "Signage" not in new
    assert f'<a href="/customers/{acme.pk}/">Acme Corp</a>' in new
    assert "$12,000.00" in new
    assert "clerk" in new
    assert "Mar 1, 2030" in new
    assert "No deals" in column_html(response, "Qualified")
    assert "No deals" not in new


def test_board_cards_have_ids_and_a_labelled_move_form(user_client, deal):
    body = user_client.get("/deals/").content.decode()

    assert f'id="deal-{deal.pk}"' in body
    assert (
        f'<label for="deal-{deal.pk}-stage" class="visually-hidden">Stage of Fit-out</label>'
        in body
    )
    assert f'action="/deals/{deal.pk}/move/"' in body
    # Sent by the Move button (or Enter), never by a change: arrow keys change a select.
    assert 'hx-trigger="submit" data-enter-submits' in body
    assert ">Move<" in body
    assert '<input type="hidden" name="next" value="/deals/">' in body


def test_board_as_a_fragment(user_client, deal):
    response = user_client.get("/deals/", {"q": "fit"}, headers=HTMX)

    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert body.lstrip().startswith('<div id="board"')
    assert "Fit-out" in body
    assert "HX-Request" in response["Vary"]


def test_board_history_restore_gets_the_whole_page(user_client, deal):
    response = user_client.get("/deals/", headers={**HTMX, "HX-History-Restore-Request": "true"})

    assert "<html" in response.content.decode()


def test_board_search_by_title_or_customer(user_client, make_deal, make_customer):
    make_deal("Café fit-out", customer=make_customer(name="Initech"))
    make_deal("Roof", customer=make_customer(name="Zoë Industries"))

    by_title = user_client.get("/deals/", {"q": "cafe"}).content.decode()
    by_customer = user_client.get("/deals/", {"q": "zoe"}).content.decode()

    assert "Café fit-out" in by_title and "Roof" not in by_title
    assert "Roof" in by_customer and "Café fit-out" not in by_customer
    assert 'value="cafe"' in by_title  # the search box keeps the query


def test_board_filters_by_owner_and_my_deals(user_client, make_deal, make_user, user):
    ann = make_user("ann", first_name="Ann", last_name="Lee")
    make_deal("Ann's", owner=ann)
    make_deal("Mine", owner=user)
    make_deal("Nobody's")

    page = user_client.get("/deals/").content.decode()
    by_ann = user_client.get("/deals/", {"owner": ann.pk})
    mine = user_client.get("/deals/", {"mine": "on"}).content.decode()

    assert '<option value="" selected>Anyone</option>' in page
    assert f'<option value="{ann.pk}">Ann Lee</option>' in page
    assert "Ann&#x27;s" in by_ann.content.decode() and "Mine" not in by_ann.content.decode()
    assert columns(by_ann)["New"] == ("1 deal", "$1,000.00")
    assert "Mine" in mine and "Ann&#x27;s" not in mine and "Nobody&#x27;s" not in mine


def test_board_with_an_unknown_owner_says_so_and_shows_nothing(user_client, deal):
    response = user_client.get("/deals/", {"owner": "999999"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "Owner: Select a valid choice." in body
    assert "Fit-out" not in body


def test_full_column_links_to_the_rest_in_the_list(user_client, acme):
    new = stage("New")
    Deal.objects.bulk_create(
        Deal(
            customer=acme,
            title=f"Deal {n}",
            amount=1,
            stage=new,
            search_text=indexed_text(f"deal {n}"),
        )
        for n in range(28)
    )

    response = user_client.get("/deals/", {"q": "deal"})

    body = response.content.decode()
    assert body.count('<article id="deal-') == 25
    assert columns(response)["New"] == ("28 deals", "$28.00")
    assert f'href="/deals/list/?q=deal&amp;stage={new.pk}">and 3 more — see the list</a>' in body


def test_board_escapes_user_text(user_client, make_deal, make_customer):
    make_deal("<script>alert(1)</script>", customer=make_customer(name="<b>Evil</b>"))

    body = user_client.get("/deals/").content.decode()

    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&lt;b&gt;Evil&lt;/b&gt;" in body


def test_board_without_change_permission_has_no_move_form(client, make_user, deal):
    client.force_login(make_user("viewer", perms=("view_deal",)))

    body = client.get("/deals/").content.decode()

    assert "Fit-out" in body
    assert "/move/" not in body
    assert "New deal" not in body


# --- Moving a deal -------------------------------------------------------------------


def test_moving_a_deal_updates_both_columns_totals(user_client, make_deal, deal):
    make_deal("Other", amount="500")
    before = user_client.get("/deals/")
    assert columns(before)["New"] == ("2 deals", "$12,500.00")
    assert columns(before)["Qualified"] == ("0 deals", "—")

    response = user_client.post(
        f"/deals/{deal.pk}/move/",
        {"version": deal.version, "stage": stage("Qualified").pk, "next": "/deals/"},
        headers=HTMX,
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert body.lstrip().startswith('<div id="board"')
    assert columns(response)["New"] == ("1 deal", "$500.00")
    assert columns(response)["Qualified"] == ("1 deal", "$12,000.00")
    assert f'id="deal-{deal.pk}"' in column_html(response, "Qualified")
    assert f'id="deal-{deal.pk}"' not in column_html(response, "New")
    assert "“Fit-out” moved to Qualified." in body  # the toast, out of band
    assert Deal.objects.get(pk=deal.pk).stage.name == "Qualified"
    after = user_client.get("/deals/")
    assert columns(after)["New"] == ("1 deal", "$500.00")
    assert columns(after)["Qualified"] == ("1 deal", "$12,000.00")


def test_a_move_keeps_the_boards_filters(user_client, make_deal, deal):
    make_deal("Unrelated")

    response = user_client.post(
        f"/deals/{deal.pk}/move/",
        {"version": deal.version, "stage": stage("Won").pk, "next": "/deals/?q=fit"},
        headers=HTMX,
    )

    body = response.content.decode()
    assert "Unrelated" not in body
    assert columns(response)["Won"] == ("1 deal", "$12,000.00")
    assert columns(response)["New"] == ("0 deals", "—")
    assert '<input type="hidden" name="next" value="/deals/?q=fit">' in body


def test_plain_move_redirects_back_to_the_board_as_it_was(user_client, deal):
    response = user_client.post(
        f"/deals/{deal.pk}/move/",
        {"version": deal.version, "stage": stage("Won").pk, "next": "/deals/?q=fit"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/deals/?q=fit"
    page = user_client.get(response["Location"])
    assert "“Fit-out” moved to Won." in page.content.decode()
    assert columns(page)["Won"] == ("1 deal", "$12,000.00")


def test_a_card_dropped_back_into_its_own_column_saves_nothing(user_client, deal):
    response = user_client.post(
        f"/deals/{deal.pk}/move/",
        {
            "version": deal.version,
            "stage": stage("New").pk,
            "next": "/deals/",
        },
        headers=HTMX,
    )

    assert response.status_code == 200
    assert columns(response)["New"] == ("1 deal", "$12,000.00")
    saved = Deal.objects.get(pk=deal.pk)
    assert saved.version == deal.version  # others' open forms of it are not made stale
    assert saved.history.count() == 1  # only its creation: no empty change in History


def test_plain_move_never_redirects_off_site(user_client, deal):
    response = user_client.post(
        f"/deals/{deal.pk}/move/",
        {"version": deal.version, "stage": stage("Won").pk, "next": "https://evil.example/"},
    )

    assert response["Location"] == "/deals/"


def test_moving_to_lost_asks_for_a_reason(user_client, deal, reason):
    lost = stage("Lost")

    response = user_client.post(
        f"/deals/{deal.pk}/move/",
        {"version": deal.version, "stage": lost.pk, "next": "/deals/"},
        headers=HTMX,
    )

    assert response.status_code == 422
    assert response["HX-Retarget"] == f"#deal-{deal.pk}"
    assert response["HX-Reswap"] == "outerHTML"
    body = response.content.decode()
    assert "<html" not in body
    assert body.lstrip().startswith(f'<article id="deal-{deal.pk}"')
    assert f'<option value="{lost.pk}" selected>Lost</option>' in body
    assert '<label for="deal-' in body and ">Reason lost</label>" in body
    assert "Choose why the deal was lost." in body
    assert Deal.objects.get(pk=deal.pk).stage.name == "New"

    response = user_client.post(
        f"/deals/{deal.pk}/move/",
        {"version": deal.version, "stage": lost.pk, "closing_reason": reason.pk, "next": "/deals/"},
        headers=HTMX,
    )

    assert response.status_code == 200
    assert columns(response)["Lost"] == ("1 deal", "$12,000.00")
    saved = Deal.objects.get(pk=deal.pk)
    assert (saved.stage, saved.closing_reason) == (lost, reason)


def test_moving_to_lost_without_javascript_asks_on_a_page(user_client, deal, reason):
    lost = stage("Lost")

    response = user_client.post(
        f"/deals/{deal.pk}/move/",
        {"version": deal.version, "stage": lost.pk, "next": "/deals/?q=fit"},
    )

    assert response.status_code == 422
    body = response.content.decode()
    assert "<html" in body
    assert "<h1>Move Fit-out</h1>" in body
    assert "Choose why the deal was lost." in body
    assert "hx-post" not in body  # a plain form: no board to swap on this page
    assert '<input type="hidden" name="next" value="/deals/?q=fit">' in body

    response = user_client.post(
        f"/deals/{deal.pk}/move/",
        {
            "version": deal.version,
            "stage": lost.pk,
            "closing_reason": reason.pk,
            "next": "/deals/?q=fit",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/deals/?q=fit"


def test_move_page_and_fragment(user_client, deal):
    page = user_client.get(f"/deals/{deal.pk}/move/")
    fragment = user_client.get(f"/deals/{deal.pk}/move/", headers=HTMX)

    assert page.status_code == fragment.status_code == 200
    assert "<html" in page.content.decode() and "Move Fit-out" in page.content.decode()
    assert "<html" not in fragment.content.decode()
    assert f'id="deal-{deal.pk}"' in fragment.content.decode()
    assert "HX-Request" in page["Vary"]


def test_move_to_an_unknown_stage_is_422(user_client, deal):
    response = user_client.post(
        f"/deals/{deal.pk}/move/", {"version": deal.version, "stage": "999999"}, headers=HTMX
    )

    assert response.status_code == 422
    assert "Select a valid choice." in response.content.decode()
    assert Deal.objects.get(pk=deal.pk).stage.name == "New"


def test_move_of_a_missing_deal_is_404(user_client):
    assert user_client.post("/deals/999999/move/", {"stage": 1}).status_code == 404


# --- List ----------------------------------------------------------------------------

ROW_TITLE = re.compile(r'<tr id="deal-\d+"[^>]*>\s*<td[^>]*data-label="Title"><a [^>]*>(.*?)</a>')


def row_titles(response) -> list[str]:
    return ROW_TITLE.findall(response.content.decode())


def test_list_shows_deals_in_a_table(user_client, deal, acme):
    response = user_client.get("/deals/list/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "<caption>Deals</caption>" in body
    assert "1 deal<" in body
    assert f'<tr id="deal-{deal.pk}"' in body
    assert f'href="/deals/{deal.pk}/edit/?next=%2Fdeals%2Flist%2F">Fit-out</a>' in body
    assert f'<a href="/customers/{acme.pk}/">Acme Corp</a>' in body
    assert "$12,000.00" in body
    assert '<a href="/deals/?' not in body and 'href="/deals/">Board</a>' in body


def test_list_as_a_fragment(user_client, deal):
    response = user_client.get("/deals/list/", headers=HTMX)

    body = response.content.decode()
    assert "<html" not in body
    assert body.lstrip().startswith('<section id="results"')
    assert "Fit-out" in body
    assert "HX-Request" in response["Vary"]


def test_list_filters(user_client, make_deal, make_user, make_customer, user):
    ann = make_user("ann")
    globex = make_customer(name="Globex")
    make_deal("Alpha", owner=ann, currency="EUR", customer=globex)
    make_deal("Bravo", stage="Won", owner=user)
    make_deal("Charlie", stage="Won", currency="EUR")

    assert sorted(row_titles(user_client.get("/deals/list/", {"q": "globex"}))) == ["Alpha"]
    assert sorted(row_titles(user_client.get("/deals/list/", {"stage": stage("Won").pk}))) == [
        "Bravo",
        "Charlie",
    ]
    assert row_titles(user_client.get("/deals/list/", {"owner": ann.pk})) == ["Alpha"]
    assert row_titles(user_client.get("/deals/list/", {"mine": "on"})) == ["Bravo"]
    assert sorted(row_titles(user_client.get("/deals/list/", {"currency": "EUR"}))) == [
        "Alpha",
        "Charlie",
    ]
    by_customer = user_client.get("/deals/list/", {"customer": globex.pk})
    assert row_titles(by_customer) == ["Alpha"]
    assert "1 deal of <a" in by_customer.content.decode()


def test_list_sorts_by_amount_and_pages_by_25(user_client, make_deal, acme):
    for n in range(30):
        make_deal(f"Deal {n:02d}", customer=acme, amount=str(n))

    first = user_client.get("/deals/list/", {"sort": "amount"})
    second = user_client.get("/deals/list/", {"sort": "-amount", "page": 2})

    assert row_titles(first)[:3] == ["Deal 00", "Deal 01", "Deal 02"]
    assert len(row_titles(first)) == 25
    assert row_titles(second) == [f"Deal {n:02d}" for n in range(4, -1, -1)]
    assert "30 deals" in first.content.decode()


@pytest.mark.parametrize("sort", ["title", "expected_close", "created", "-created"])
def test_list_sorts_by_indexed_columns(user_client, deal, sort):
    assert user_client.get("/deals/list/", {"sort": sort}).status_code == 200


def test_list_links_to_the_board_keeping_the_shared_filters(user_client, deal):
    body = user_client.get("/deals/list/", {"q": "fit", "currency": "USD"}).content.decode()

    assert 'href="/deals/?q=fit">Board</a>' in body


# --- Create --------------------------------------------------------------------------


def version_of(deal) -> int:
    """The deal's version as an edit form opened now would carry it."""
    return Deal.objects.get(pk=deal.pk).version


def valid_data(for_customer, **overrides):
    data = {
        "customer": for_customer.email,
        "title": "New roof",
        "amount": "4200.00",
        "currency": "USD",
        "stage": stage("New").pk,
        "expected_close": "2030-06-30",
        "owner": "",
        "lead_source": "",
        "closing_reason": "",
    }
    return {**data, **overrides}


def test_create_page_and_fragment(user_client, user):
    page = user_client.get("/deals/create/")
    fragment = user_client.get("/deals/create/", headers=HTMX)

    body = page.content.decode()
    assert page.status_code == 200
    assert "<h1>New deal</h1>" in body
    for label in (
        "Customer",
        "Title",
        "Amount",
        "Currency",
        "Stage",
        "Expected close",
        "Owner",
        "Lead source",
        "Reason lost",
    ):
        assert f">{label}</label>" in body
    assert f'<option value="{user.pk}" selected>clerk</option>' in body  # owner: me
    assert '<option value="">No owner</option>' in body
    assert 'type="date" name="expected_close"' in body
    assert "<html" not in fragment.content.decode()
    assert fragment.content.decode().lstrip().startswith("<form")


def test_create_for_a_preselected_customer(user_client, acme):
    body = user_client.get(f"/deals/create/?customer={acme.pk}").content.decode()

    assert f'<a href="/customers/{acme.pk}/">Acme Corp</a>' in body
    assert '<input type="hidden" name="customer" value="buyer@acme.example">' in body
    assert 'name="customer" autocomplete' not in body  # no text box to change it


def test_create_posts_and_redirects_to_next(user_client, acme, user):
    response = user_client.post(
        f"/deals/create/?customer={acme.pk}",
        valid_data(acme, owner=user.pk, next=f"/customers/{acme.pk}/"),
    )

    assert response.status_code == 302
    assert response["Location"] == f"/customers/{acme.pk}/"
    deal = Deal.objects.get()
    assert (deal.customer, deal.title, deal.amount, deal.owner) == (
        acme,
        "New roof",
        Decimal("4200.00"),
        user,
    )
    assert str(deal.expected_close) == "2030-06-30"


def test_create_without_next_goes_to_the_board_with_a_toast(user_client, acme):
    response = user_client.post("/deals/create/", valid_data(acme), follow=True)

    assert response.redirect_chain == [("/deals/", 302)]
    assert "Deal “New roof” created." in response.content.decode()


def test_create_with_htmx_sends_the_browser_on(user_client, acme):
    response = user_client.post("/deals/create/", valid_data(acme), headers=HTMX)

    assert response.status_code == 200
    assert response["HX-Redirect"] == "/deals/"
    assert Deal.objects.filter(title="New roof").exists()


@pytest.mark.parametrize("typed", ["BUYER@acme.example", "acme corp", "  Acme Corp "])
def test_customer_found_by_email_or_exact_name(user_client, acme, typed):
    response = user_client.post("/deals/create/", valid_data(acme, customer=typed))

    assert response.status_code == 302
    assert Deal.objects.get().customer == acme


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"amount": "-5"}, "amount", "The amount cannot be negative."),
        ({"amount": "lots"}, "amount", "Enter the amount as a number, like 12000 or 12000.50."),
        ({"amount": "1.234"}, "amount", "Use at most two decimal places."),
        ({"title": ""}, "title", "Enter a title for the deal."),
        ({"customer": "nobody@example.com"}, "customer", "No customer has this email"),
        ({"customer": ""}, "customer", "Enter the customer&#x27;s email address or name."),
        ({"expected_close": "soon"}, "expected_close", "Enter a valid date."),
    ],
)
def test_create_invalid_is_422_with_the_error_beside_the_field(
    user_client, acme, overrides, field, message
):
    data = valid_data(acme, **overrides)

    response = user_client.post("/deals/create/", data)

    body = response.content.decode()
    assert response.status_code == 422
    assert f'id="id_{field}-errors"' in body
    assert message in body
    assert 'value="New roof"' in body or overrides.get("title") == ""  # kept as typed
    assert not Deal.objects.exists()


def test_create_lost_without_a_reason_is_422_on_the_reason(user_client, acme, reason):
    lost = stage("Lost")

    response = user_client.post("/deals/create/", valid_data(acme, stage=lost.pk), headers=HTMX)

    body = response.content.decode()
    assert response.status_code == 422
    assert "<html" not in body
    assert 'id="id_closing_reason-errors"><li>Choose why the deal was lost.</li>' in body
    assert f'<option value="{lost.pk}" selected>Lost</option>' in body
    assert 'value="4200.00"' in body
    assert not Deal.objects.exists()

    user_client.post("/deals/create/", valid_data(acme, stage=lost.pk, closing_reason=reason.pk))

    assert Deal.objects.get().closing_reason == reason


def test_ambiguous_customer_name_asks_for_the_email(user_client, make_customer):
    make_customer(name="Sam Smith")
    other = make_customer(name="Sam Smith")

    response = user_client.post("/deals/create/", valid_data(other, customer="sam smith"))

    assert response.status_code == 422
    assert "Several customers are called “sam smith”; enter their email address." in (
        response.content.decode()
    )


# --- Edit ----------------------------------------------------------------------------


def test_edit_page_shows_the_deal(user_client, deal):
    response = user_client.get(f"/deals/{deal.pk}/edit/?next=/deals/list/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Edit Fit-out</h1>" in body
    assert 'value="buyer@acme.example"' in body
    assert 'value="12000.00"' in body
    assert '<input type="hidden" name="next" value="/deals/list/">' in body
    assert f'href="/deals/{deal.pk}/delete/?next=/deals/list/"' in body


def test_edit_fragment(user_client, deal):
    body = user_client.get(f"/deals/{deal.pk}/edit/", headers=HTMX).content.decode()

    assert "<html" not in body
    assert body.lstrip().startswith("<form")


def test_edit_saves_and_goes_back(user_client, deal, acme):
    response = user_client.post(
        f"/deals/{deal.pk}/edit/",
        valid_data(
            acme,
            version=version_of(deal),
            title="Bigger fit-out",
            amount="15000",
            next="/deals/list/",
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == "/deals/list/"
    saved = Deal.objects.get(pk=deal.pk)
    assert (saved.title, saved.amount, saved.search_text) == (
        "Bigger fit-out",
        Decimal("15000"),
        indexed_text("bigger fit-out"),
    )


def test_edit_invalid_is_422_and_keeps_the_typing(user_client, deal, acme):
    response = user_client.post(
        f"/deals/{deal.pk}/edit/",
        valid_data(acme, version=version_of(deal), title="Typed", amount="-1"),
        headers=HTMX,
    )

    body = response.content.decode()
    assert response.status_code == 422
    assert 'value="Typed"' in body
    assert "The amount cannot be negative." in body
    assert Deal.objects.get(pk=deal.pk).title == "Fit-out"


def test_edit_out_of_lost_clears_the_reason(user_client, deal, acme, reason):
    user_client.post(
        f"/deals/{deal.pk}/edit/",
        valid_data(
            acme, version=version_of(deal), stage=stage("Lost").pk, closing_reason=reason.pk
        ),
    )
    assert Deal.objects.get(pk=deal.pk).closing_reason == reason

    user_client.post(
        f"/deals/{deal.pk}/edit/",
        valid_data(acme, version=version_of(deal), stage=stage("Won").pk, closing_reason=reason.pk),
    )

    saved = Deal.objects.get(pk=deal.pk)
    assert (saved.stage.name, saved.closing_reason) == ("Won", None)


# --- Delete --------------------------------------------------------------------------


def test_delete_confirmation_page_and_dialog(user_client, deal):
    page = user_client.get(f"/deals/{deal.pk}/delete/")
    dialog = user_client.get(f"/deals/{deal.pk}/delete/", headers=HTMX)

    assert "<html" in page.content.decode()
    assert "Delete Fit-out?" in page.content.decode()
    body = dialog.content.decode()
    assert "<html" not in body
    assert '<dialog class="dialog" data-modal aria-labelledby="delete-deal-title">' in body
    assert "Confirm delete" in body
    assert Deal.objects.exists()


def test_delete_plain_post_redirects(user_client, deal):
    response = user_client.post(f"/deals/{deal.pk}/delete/", {"next": "/deals/list/"})

    assert response.status_code == 302
    assert response["Location"] == "/deals/list/"
    assert not Deal.objects.exists()


def test_delete_with_htmx_removes_the_row_and_refreshes(user_client, deal):
    response = user_client.post(f"/deals/{deal.pk}/delete/", headers=HTMX)

    body = response.content.decode()
    assert response.status_code == 200
    assert f'<tr id="deal-{deal.pk}" hx-swap-oob="delete"></tr>' in body
    assert "deals-changed" in response["HX-Trigger"]
    assert "close-dialog" in response["HX-Trigger"]
    assert "Deal “Fit-out” deleted." in body
    assert not Deal.objects.exists()


# --- The record page's deals section -------------------------------------------------


def render_section(user, customer):
    request = RequestFactory().get(f"/customers/{customer.pk}/")
    request.user = user
    context = {"customer": customer, "object": customer}
    context.update(customer_deals_context(request, customer))
    return render_to_string("customers/deals/customer_deals.html", context, request=request)


def test_record_section_lists_the_customers_deals(user, make_deal, acme, reason):
    won = make_deal("Signage", customer=acme, stage="Won", amount="99", currency="EUR")
    lost = make_deal("Old bid", customer=acme, stage="Lost", closing_reason=reason, owner=user)
    make_deal("Someone else's")

    html = render_section(user, acme)

    assert 'aria-labelledby="customer-deals-heading">' in html
    assert '<h2 id="customer-deals-heading">Deals</h2>' in html
    assert f'<li id="deal-{won.pk}"' in html and f'<li id="deal-{lost.pk}"' in html
    assert f'href="/deals/{won.pk}/edit/?next=/customers/{acme.pk}/"' in html
    assert '<span class="badge badge-stage badge-won">Won</span>' in html
    assert "€99.00" in html
    assert "Someone else" not in html
    assert (
        f'href="/deals/create/?customer={acme.pk}&amp;next=/customers/{acme.pk}/">New deal</a>'
        in html
    )
    assert "No deals yet" not in html


def test_record_section_without_deals(user, acme):
    html = render_section(user, acme)

    assert "No deals yet" in html
    assert "New deal" in html


def test_record_section_without_add_permission_has_no_new_deal_link(make_user, acme):
    html = render_section(make_user("viewer", perms=("view_customer", "view_deal")), acme)

    assert "Deals</h2>" in html
    assert "New deal" not in html


def test_record_section_is_hidden_without_view_permission(make_user, acme, deal):
    html = render_section(make_user("support", perms=("view_customer",)), acme)

    assert "Fit-out" not in html
    assert "Deals" not in html


def test_record_section_is_one_query_and_says_when_there_are_more(
    user, make_deal, acme, django_assert_num_queries
):
    for n in range(22):
        make_deal(f"Deal {n}", customer=acme)
    request = RequestFactory().get("/")
    request.user = user
    user.get_all_permissions()  # the permission cache, as the record page's own check fills it

    with django_assert_num_queries(1):
        context = customer_deals_context(request, acme)

    assert len(context["customer_deals"]) == 20
    html = render_section(user, acme)
    assert f'href="/deals/list/?customer={acme.pk}">See all deals of Acme Corp</a>' in html


# --- Customer suggestions for the deal form ------------------------------------------


def test_customer_field_asks_for_suggestions_as_the_user_types(user_client):
    body = user_client.get("/deals/create/").content.decode()

    assert 'list="deal-customer-suggestions"' in body
    assert 'hx-get="/deals/customers/suggest/"' in body
    assert '<datalist id="deal-customer-suggestions"></datalist>' in body


def test_customer_suggestions_as_a_datalist(user_client, make_customer):
    make_customer(name="José Álvarez", email="jose@example.com", company="<Acme>")
    make_customer(name="Someone Else")

    response = user_client.get("/deals/customers/suggest/", {"customer": "jose"}, headers=HTMX)

    body = response.content.decode()
    assert "<html" not in body
    assert body == (
        '<datalist id="deal-customer-suggestions">'
        '<option value="jose@example.com">José Álvarez · &lt;Acme&gt;</option></datalist>'
    )


def test_customer_suggestions_need_two_letters_and_stop_at_ten(user_client, make_customer):
    for n in range(12):
        make_customer(name=f"Acme {n}")

    one_letter = user_client.get("/deals/customers/suggest/", {"customer": "a"}, headers=HTMX)
    many = user_client.get("/deals/customers/suggest/", {"customer": "acme"}, headers=HTMX)

    assert "<option" not in one_letter.content.decode()
    assert many.content.decode().count("<option") == 10


def test_customer_suggestions_page_without_javascript(user_client, make_customer):
    make_customer(name="Ann Lee", email="ann@example.com")

    body = user_client.get("/deals/customers/suggest/", {"customer": "ann"}).content.decode()

    assert "<html" in body
    assert "<h1>Find a customer</h1>" in body
    assert "Ann Lee — ann@example.com" in body


def test_record_page_includes_the_deals_section(user_client, deal, acme):
    body = user_client.get(f"/customers/{acme.pk}/").content.decode()

    assert '<h2 id="customer-deals-heading">Deals</h2>' in body
    assert f'<li id="deal-{deal.pk}"' in body
    assert "$12,000.00" in body
    assert f'href="/deals/create/?customer={acme.pk}&amp;next=/customers/{acme.pk}/"' in body
