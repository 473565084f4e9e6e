"""Delete, Undo, and the trash page: what the user sees and who may do what."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from customers.core.services import customer_create, customer_delete
from customers.models import Customer, Deal
from customers.record.services import contact_create
from customers.tests.furnished import furnish
from customers.trash.undo import UNDO_SECONDS
from ui.testing import HX

pytestmark = pytest.mark.django_db

GRID = "http://testserver/customers/?q=acme"
RESTORE = "/trash/restore/"
TRASH = "/trash/"


@pytest.fixture
def acme(make_customer, user):
    return furnish(make_customer(name="Acme", email="a@b.com", owner=user), user=user)


@pytest.fixture
def trashed(acme, user):
    customer_delete(customer=acme, by=user)
    return acme


@pytest.fixture
def purger(make_user):
    return make_user("purger", perms=("view_customer", "delete_customer", "purge_customer"))


def triggers(response) -> set[str]:
    return set(json.loads(response["HX-Trigger"]))


def in_trash(customer) -> bool:
    return Customer.all_objects.get(pk=customer.pk).in_trash


# --- The confirmations say what goes along -------------------------------------------


def test_delete_dialog_says_what_goes_along_and_that_it_can_be_restored(user_client, acme):
    body = user_client.get(f"/customers/delete/{acme.pk}/", headers=HX).content.decode()

    assert "goes to the trash, from where it can be restored" in body
    assert "Along with it: 2 contacts, 3 interactions, 1 deal." in body
    assert "<li>Contact 1 of Acme (contact)</li>" in body
    assert "<li>Deal 1 of Acme (deal)</li>" in body
    assert "cannot be undone" not in body


def test_delete_page_of_a_bare_customer_says_nothing_else(user_client, make_customer):
    bare = make_customer(name="Bare")

    body = user_client.get(f"/customers/delete/{bare.pk}/").content.decode()

    assert "Along with it: nothing else." in body
    assert 'aria-label="What goes along"' not in body


def test_bulk_confirmation_totals_what_goes_along_and_names_ten(user_client, make_customer, user):
    customers = [furnish(make_customer(name=f"C{n}"), user=user) for n in range(3)]

    response = user_client.post(
        "/customers/bulk/", {"ids": [c.pk for c in customers], "action": "delete"}, headers=HX
    )

    body = response.content.decode()
    assert "Along with them: 6 contacts, 9 interactions, 3 deals." in body
    along = body[body.index('aria-label="What goes along"') :]
    assert along.count("<li>") == 11  # ten names and "and 8 more"
    assert "<li>and 8 more</li>" in along
    assert "These go to the trash, from where they can be restored." in body


def test_the_names_that_go_along_are_escaped(user_client, make_customer):
    customer = make_customer(name="Evil")
    contact_create(customer=customer, name="<script>x</script>")

    body = user_client.get(f"/customers/delete/{customer.pk}/").content.decode()

    assert "&lt;script&gt;x&lt;/script&gt; (contact)" in body
    assert "<script>x" not in body


# --- The toast offers Undo ---------------------------------------------------------------


def undo_form(body: str) -> str:
    match = re.search(r'<form class="toast__action".*?</form>', body, re.S)
    assert match, "no Undo form in the toast"
    return match.group(0)


def test_htmx_delete_toasts_with_an_undo_form(user_client, acme):
    response = user_client.post(
        f"/customers/delete/{acme.pk}/", headers={**HX, "HX-Current-URL": GRID}
    )

    body = response.content.decode()
    assert "“Acme” moved to the trash." in body
    assert f'data-toast-seconds="{UNDO_SECONDS}"' in body and UNDO_SECONDS == 10
    form = undo_form(body)
    assert 'method="post" action="/trash/restore/"' in form
    assert 'hx-post="/trash/restore/"' in form
    assert 'name="csrfmiddlewaretoken"' in form
    assert f'<input type="hidden" name="ids" value="{acme.pk}">' in form
    assert '<input type="hidden" name="next" value="/customers/?q=acme">' in form
    assert '<button type="submit">Undo</button>' in form
    assert in_trash(acme)


def test_plain_delete_shows_the_undo_on_the_next_page(user_client, acme):
    response = user_client.post(f"/customers/delete/{acme.pk}/", {"next": "/customers/?page=2"})

    # The grid has no page 2 now: it goes on to page 1, the toast with it.
    page = user_client.get(response["Location"], follow=True).content.decode()
    form = undo_form(page)
    assert "“Acme” moved to the trash." in page
    assert '<input type="hidden" name="next" value="/customers/?page=2">' in form


def test_bulk_delete_toasts_with_an_undo_for_all(user_client, make_customer):
    customers = [make_customer(), make_customer(), make_customer()]
    ids = [c.pk for c in customers]

    response = user_client.post(
        "/customers/bulk/",
        {"ids": ids, "action": "delete", "confirm": "true"},
        headers={**HX, "HX-Current-URL": GRID},
    )

    body = response.content.decode()
    assert "3 customers moved to the trash." in body
    form = undo_form(body)
    assert re.findall(r'name="ids" value="(\d+)"', form) == [str(pk) for pk in sorted(ids)]


def test_the_undo_survives_cookie_storage_between_requests(user_client, acme, settings):
    settings.MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

    user_client.post(f"/customers/delete/{acme.pk}/")

    assert '<button type="submit">Undo</button>' in user_client.get("/customers/").content.decode()


# --- Undo / Restore ----------------------------------------------------------------------


def test_htmx_undo_restores_refreshes_the_grid_and_toasts(user_client, trashed):
    response = user_client.post(RESTORE, {"ids": [trashed.pk], "next": "/customers/"}, headers=HX)

    assert response.status_code == 200
    assert response["HX-Reswap"] == "none"
    assert triggers(response) == {"customers-changed", "trash-changed"}
    assert "Restored “Acme”." in response.content.decode()
    assert not in_trash(trashed)
    grid = user_client.get("/customers/").content.decode()
    assert f'id="customer-{trashed.pk}"' in grid


def test_plain_undo_goes_back_where_the_user_was(user_client, make_customer, user):
    customers = [make_customer(), make_customer()]
    for customer in customers:
        customer_delete(customer=customer, by=user)

    response = user_client.post(
        RESTORE, {"ids": [c.pk for c in customers], "next": "/customers/?q=x"}
    )

    assert (response.status_code, response["Location"]) == (302, "/customers/?q=x")
    assert Customer.objects.count() == 2
    assert "Restored 2 customers." in user_client.get("/customers/").content.decode()


def test_restore_ignores_a_next_url_elsewhere(user_client, trashed):
    response = user_client.post(RESTORE, {"ids": [trashed.pk], "next": "https://evil.example/"})

    assert response["Location"] == TRASH


def test_restore_conflict_is_a_clear_422_and_nothing_changes(user_client, trashed):
    customer_create(name="Acme Ltd", email="A@b.com")

    response = user_client.post(RESTORE, {"ids": [trashed.pk]}, headers=HX)

    body = response.content.decode()
    assert response.status_code == 422
    assert 'class="toast toast-error"' in body
    assert (
        "“Acme” cannot be restored: its email a@b.com now belongs to “Acme Ltd”. "
        "Change one of the two emails first." in body
    )
    assert in_trash(trashed)


def test_plain_restore_conflict_goes_back_with_the_message(user_client, trashed):
    customer_create(name="Acme Ltd", email="a@b.com")

    response = user_client.post(RESTORE, {"ids": [trashed.pk], "next": TRASH})

    assert response["Location"] == TRASH
    assert "now belongs to “Acme Ltd”" in user_client.get(TRASH).content.decode()
    assert in_trash(trashed)


def test_restoring_what_is_no_longer_in_the_trash_is_refused(user_client, acme):
    response = user_client.post(RESTORE, {"ids": [acme.pk, 999999]}, headers=HX)

    assert response.status_code == 422
    assert "Nothing was restored" in response.content.decode()


@pytest.mark.parametrize("ids", [[], ["x"], ["-1"]])
def test_restore_with_a_bad_selection_is_a_422(user_client, ids):
    assert user_client.post(RESTORE, {"ids": ids}, headers=HX).status_code == 422


def test_restore_speaks_only_post(user_client, trashed):
    assert user_client.get(RESTORE, {"ids": [trashed.pk]}).status_code == 405
    assert in_trash(trashed)


def test_restore_needs_the_delete_permission(client, make_user, trashed):
    client.force_login(make_user("viewer", perms=("view_customer", "change_customer")))

    assert client.post(RESTORE, {"ids": [trashed.pk]}, headers=HX).status_code == 403
    assert in_trash(trashed)


def test_restore_needs_the_right_to_delete_that_customer(client, make_user, trashed):
    """A sales rep (delete, but not others' records) may not restore another's customer."""
    client.force_login(
        make_user("rep", perms=("view_customer", "change_customer", "delete_customer"))
    )

    assert client.post(RESTORE, {"ids": [trashed.pk]}).status_code == 403
    assert in_trash(trashed)


def test_restore_needs_the_csrf_token(csrf_client, trashed):
    assert csrf_client.post(RESTORE, {"ids": [trashed.pk]}).status_code == 403
    assert in_trash(trashed)


# --- The trash page ---------------------------------------------------------------------


def test_trash_lists_who_deleted_what_when_and_what_went_along(
    user_client, trashed, make_customer, make_user
):
    user = trashed.deleted_by
    user.first_name, user.last_name = "Clara", "Clerk"
    user.save()
    older = make_customer(name="Older", email="older@example.com")
    customer_delete(customer=older, by=None)
    Customer.all_objects.filter(pk=older.pk).update(
        deleted_at=timezone.now() - datetime.timedelta(days=2)
    )
    make_customer(name="Kept")

    body = user_client.get(TRASH).content.decode()

    assert "<caption>Customers in the trash</caption>" in body
    assert "2 customers in the trash" in body
    assert body.index("Acme") < body.index("Older")  # the latest deleted first
    assert "Kept" not in body
    row = body[body.index(f'id="trash-{trashed.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "a@b.com" in row and "Clara Clerk" in row
    assert "2 contacts, 3 interactions, 1 deal" in row
    assert "Restore<span" in row
    assert "Purge" not in row  # only with the purge permission
    assert "HISTORY LINK" not in body  # the marked spot is a template comment
    assert "2\xa0days ago" in body


def test_trash_is_for_those_who_may_delete(client, make_user, trashed):
    client.force_login(make_user("viewer", perms=("view_customer", "change_customer")))

    assert client.get(TRASH).status_code == 403
    assert client.get(TRASH, headers=HX).status_code == 403


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(TRASH)

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_nav_links_to_the_trash_only_for_those_who_may_delete(client, user, make_user):
    client.force_login(user)
    assert '<a href="/trash/"' in client.get("/customers/").content.decode()

    client.force_login(make_user("viewer", perms=("view_customer",)))
    assert '<a href="/trash/"' not in client.get("/customers/").content.decode()


def test_restore_is_offered_only_on_the_rows_the_user_may_restore(
    client, make_user, make_customer, user
):
    rep = make_user("rep", perms=("view_customer", "delete_customer"))
    mine = make_customer(name="Mine", owner=rep)
    theirs = make_customer(name="Theirs", owner=user)
    customer_delete(customer=mine, by=rep)
    customer_delete(customer=theirs, by=user)
    client.force_login(rep)

    body = client.get(TRASH).content.decode()

    assert 'Restore<span class="visually-hidden"> Mine</span>' in body
    assert 'Restore<span class="visually-hidden"> Theirs</span>' not in body


def test_trash_as_a_fragment_after_a_change(user_client, trashed):
    response = user_client.get(TRASH, headers=HX)

    body = response.content.decode()
    assert body.lstrip().startswith('<section id="results"')
    assert "<html" not in body
    assert "HX-Request" in response["Vary"]


def test_trash_pages_by_25_and_a_page_past_the_end_goes_to_the_last(
    user_client, make_customer, user
):
    for _ in range(27):
        customer_delete(customer=make_customer(), by=user)

    first = user_client.get(TRASH).content.decode()
    past = user_client.get(TRASH, {"page": 9}, follow=True)

    assert first.count('id="trash-') == 25
    assert '<nav class="pagination" aria-label="Pages">' in first
    assert past.redirect_chain == [("/trash/?page=2", 302)]
    assert past.content.decode().count('id="trash-') == 2


def test_trash_costs_the_same_for_one_row_or_many(
    client, make_user, make_customer, user, django_assert_max_num_queries
):
    purger = make_user("purger", perms=("view_customer", "delete_customer", "purge_customer"))
    client.force_login(purger)
    customer_delete(customer=furnish(make_customer(), user=user), by=user)
    with django_assert_max_num_queries(12) as one:
        client.get(TRASH)
    for _ in range(20):
        customer_delete(customer=furnish(make_customer(), user=user), by=user)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(TRASH)


# --- Purge --------------------------------------------------------------------------------


def test_purge_is_offered_behind_a_dialog_to_those_who_may_purge(client, purger, trashed):
    client.force_login(purger)

    page = client.get(TRASH).content.decode()
    dialog = client.get(f"/trash/{trashed.pk}/purge/", headers=HX).content.decode()

    assert f'href="/trash/{trashed.pk}/purge/?next=/trash/"' in page
    assert dialog.lstrip().startswith("<dialog")
    assert "Purge Acme?" in dialog and "cannot be undone" in dialog
    assert "Along with it: 2 contacts, 3 interactions, 1 deal." in dialog
    assert "Confirm purge</button>" in dialog


def test_purge_page_without_javascript(client, purger, trashed):
    client.force_login(purger)

    body = client.get(f"/trash/{trashed.pk}/purge/").content.decode()

    assert "<html" in body and "<dialog" not in body
    assert "Confirm purge</button>" in body


def test_htmx_purge_deletes_for_good_and_refreshes_the_trash(client, purger, trashed):
    client.force_login(purger)

    response = client.post(f"/trash/{trashed.pk}/purge/", headers=HX)

    assert response.status_code == 200
    assert triggers(response) == {"trash-changed", "close-dialog"}
    assert "“Acme” purged for good." in response.content.decode()
    assert not Customer.all_objects.filter(pk=trashed.pk).exists()
    assert not Deal._base_manager.filter(customer_id=trashed.pk).exists()


def test_htmx_purge_takes_the_row_out_of_the_trash_at_once(client, purger, trashed):
    client.force_login(purger)

    response = client.post(f"/trash/{trashed.pk}/purge/", headers=HX)

    assert f'<tr id="trash-{trashed.pk}" hx-swap-oob="delete"></tr>' in response.content.decode()


def test_plain_purge_goes_back_to_the_trash(client, purger, trashed):
    client.force_login(purger)

    response = client.post(f"/trash/{trashed.pk}/purge/")

    assert (response.status_code, response["Location"]) == (302, TRASH)
    assert not Customer.all_objects.exists()


def test_purge_needs_the_purge_permission(user_client, trashed):
    assert user_client.get(f"/trash/{trashed.pk}/purge/").status_code == 403
    assert user_client.post(f"/trash/{trashed.pk}/purge/", headers=HX).status_code == 403
    assert in_trash(trashed)


def test_a_kept_customer_cannot_be_purged(client, purger, acme):
    client.force_login(purger)

    assert client.post(f"/trash/{acme.pk}/purge/").status_code == 404
    assert Customer.objects.filter(pk=acme.pk).exists()


# --- Hidden everywhere -------------------------------------------------------------------


def test_a_trashed_customer_is_hidden_everywhere(user_client, trashed, make_customer):
    make_customer(name="Kept", email="kept@example.com")

    grid = user_client.get("/customers/").content.decode()
    search = user_client.get("/customers/", {"q": "acme"}).content.decode()
    assert "Acme" not in grid and "1 customer<" in grid
    assert "Acme" not in search and "0 customers" in search
    assert user_client.get(f"/customers/{trashed.pk}/").status_code == 404
    board = user_client.get("/deals/").content.decode()
    deal_list = user_client.get("/deals/list/").content.decode()
    assert "Deal 1 of Acme" not in board
    assert "Deal 1 of Acme" not in deal_list and "0 deals" in deal_list


def test_a_trashed_customers_email_can_be_taken_by_a_new_one(user_client, trashed):
    response = user_client.post(
        "/customers/create/",
        {"name": "Acme Ltd", "email": "A@B.com", "phone": "", "company": "", "status": "lead"},
    )

    assert response.status_code == 302
    assert Customer.objects.get().name == "Acme Ltd"


def test_admins_reach_the_history_of_trashed_and_purged_customers_from_the_trash(
    client, admin_user, make_customer
):
    gone = make_customer(name="Gone For Good")
    customer_delete(customer=gone, by=admin_user)
    waiting = make_customer(name="Still Waiting")
    customer_delete(customer=waiting, by=admin_user)
    client.force_login(admin_user)
    client.post(f"/trash/{gone.pk}/purge/")

    page = client.get("/trash/").content.decode()

    assert "Recently purged" in page
    assert f'href="/customers/{gone.pk}/history/' in page
    assert f'href="/customers/{waiting.pk}/history/' in page
    history = client.get(f"/customers/{gone.pk}/history/").content.decode()
    assert "Gone For Good" in history
    assert "Deleted the customer" in history


def test_the_trash_offers_history_only_to_those_who_may_see_it(client, manager, make_customer):
    waiting = make_customer(name="Still Waiting")
    customer_delete(customer=waiting, by=manager)
    client.force_login(manager)

    page = client.get("/trash/").content.decode()

    assert "Still Waiting" in page
    assert "/history/" not in page
    assert "Recently purged" not in page
