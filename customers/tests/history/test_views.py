"""The "History" dialog of the record page, its page without JavaScript, and who may see it."""

import re

import pytest
from django.utils import timezone

from customers.core.services import customer_update
from customers.models import Customer
from customers.record.services import contact_create
from ui.testing import HX

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer(make_user):
    return make_user("vic", perms=("view_customer",))


@pytest.fixture
def purger(make_user):
    """May purge the trash (an admin's right) and nothing else."""
    return make_user("pat", perms=("purge_customer",))


def url(customer_or_pk) -> str:
    return f"/customers/{getattr(customer_or_pk, 'pk', customer_or_pk)}/history/"


def headlines(body: str) -> list[str]:
    return re.findall(r'<strong class="history__headline">(.*?)</strong>', body)


def trash(customer):
    customer.deleted_at = timezone.now()
    customer.save(update_fields=["deleted_at"])


def test_the_record_page_has_a_history_button(user_client, ann):
    body = user_client.get(f"/customers/{ann.pk}/").content.decode()

    link = re.search(r'<a class="button record-header__history"[^>]*>History</a>', body)
    assert link, "no History button in the record header"
    assert f'href="{url(ann)}"' in link[0]  # works without JavaScript
    assert f'hx-get="{url(ann)}"' in link[0]
    assert 'hx-target="body"' in link[0] and 'hx-swap="beforeend"' in link[0]


def test_htmx_gets_a_named_modal_dialog(user_client, ann):
    response = user_client.get(url(ann), headers=HX)
    body = response.content.decode()

    assert response.status_code == 200
    assert "<html" not in body
    assert body.strip().startswith(
        '<dialog class="dialog dialog--history" data-modal aria-labelledby="history-title">'
    )
    assert '<h1 id="history-title" class="dialog__title">History of Ann Lee</h1>' in body
    assert "HX-Request" in response["Vary"]
    assert "data-close-dialog>Close</a>" in body


def test_without_htmx_it_is_a_page(user_client, ann):
    response = user_client.get(url(ann))
    body = response.content.decode()

    assert response.status_code == 200
    assert "<html" in body and "<dialog" not in body
    assert "<title>History of Ann Lee · CRM</title>" in body
    assert f'<a href="/customers/{ann.pk}/" data-close-dialog>Close</a>' in body
    assert "HX-Request" in response["Vary"]


def test_newest_first_with_who_and_readable_changes(user_client, ann, make_user):
    mia = make_user("mia", first_name="Mia", last_name="Manager")
    contact_create(customer=ann, name="Jane Doe")
    customer_update(customer=ann, data={"status": Customer.Status.ACTIVE, "owner": mia})
    ann.history.filter(history_type="~").update(history_user=mia)

    body = user_client.get(url(ann), headers=HX).content.decode()

    assert headlines(body) == [
        "Changed the customer",
        "Added contact “Jane Doe”",
        "Created the customer",
    ]
    newest = body.split('<li class="history__entry">')[1]
    assert "Mia Manager ·" in newest
    assert (
        '<span class="history__field">Status:</span> <del>Lead</del> → <ins>Active</ins>' in newest
    )
    assert (
        '<span class="history__field">Owner:</span> <del>—</del> → <ins>Mia Manager</ins>' in newest
    )
    created = body.split('<li class="history__entry">')[3]
    assert "System ·" in created
    # A creation shows the values given, with no "old" beside them.
    assert '<span class="history__field">Name:</span> <ins>Ann Lee</ins>' in created
    assert "<del>" not in created


def test_user_text_is_shown_as_text(user_client, make_customer):
    evil = make_customer(name="<script>alert(1)</script>", email="evil@example.com")
    contact_create(customer=evil, name="<b>Jane</b>")

    body = user_client.get(url(evil), headers=HX).content.decode()

    assert "<script>" not in body and "<b>Jane" not in body
    assert "History of &lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "Added contact “&lt;b&gt;Jane&lt;/b&gt;”" in body


def test_show_older_pages_with_htmx_and_without(user_client, ann):
    for n in range(60):
        customer_update(customer=ann, data={"company": f"Company {n}"})

    first = user_client.get(url(ann), headers=HX).content.decode()
    more = re.search(
        r'<a class="button" href="([^"]+)" hx-get="([^"]+)"[^>]*>Show older</a>', first
    )
    assert len(headlines(first)) == 50
    assert more and more[1] == more[2] and "?before=" in more[1]
    assert 'hx-target="closest li" hx-swap="outerHTML"' in first

    older = user_client.get(more[2].replace("&amp;", "&"), headers=HX)
    body = older.content.decode()
    assert older.status_code == 200
    assert "<dialog" not in body and "<html" not in body
    assert body.lstrip().startswith('<li class="history__entry">')
    assert headlines(body)[-1] == "Created the customer"
    assert len(headlines(body)) == 11
    assert "Show older" not in body

    page = user_client.get(more[1].replace("&amp;", "&"))
    assert "<html" in page.content.decode()
    assert len(headlines(page.content.decode())) == 11


def test_a_made_up_cursor_is_a_bad_request(user_client, ann):
    assert user_client.get(url(ann) + "?before=nonsense", headers=HX).status_code == 400


@pytest.mark.parametrize("changes", [3, 60])
def test_the_dialog_costs_the_same_queries_however_many_changes(
    user_client, ann, changes, django_assert_max_num_queries
):
    contact = contact_create(customer=ann, name="Jane Doe")
    for n in range(changes):
        customer_update(customer=ann, data={"company": f"Company {n}"})
        contact.title = f"Role {n}"
        contact.save()

    with django_assert_max_num_queries(16):
        response = user_client.get(url(ann), headers=HX)
    assert response.status_code == 200


# --- Who may see it -------------------------------------------------------------------


def test_a_viewer_sees_a_kept_customers_history(client, viewer, ann):
    client.force_login(viewer)

    assert client.get(url(ann), headers=HX).status_code == 200


def test_without_view_permission_it_is_forbidden(client, user_without_permissions, ann):
    client.force_login(user_without_permissions)

    assert client.get(url(ann), headers=HX).status_code == 403


def test_anonymous_is_sent_to_log_in(client, ann):
    response = client.get(url(ann))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["superuser", "purger"])
def test_admins_see_the_history_of_a_customer_in_the_trash(client, request, who, ann):
    trash(ann)
    client.force_login(request.getfixturevalue(who))

    response = client.get(url(ann), headers=HX)

    body = response.content.decode()
    assert response.status_code == 200
    assert "History of Ann Lee" in body
    assert "This customer is in the trash." in body
    assert headlines(body)[0] == "Moved to the trash"


def test_a_viewer_gets_404_for_a_customer_in_the_trash(client, viewer, user, ann):
    trash(ann)

    for someone in (viewer, user):  # even one who may change and delete customers
        client.force_login(someone)
        assert client.get(url(ann), headers=HX).status_code == 404
        assert client.get(url(ann)).status_code == 404


@pytest.mark.parametrize("who", ["superuser", "purger"])
def test_admins_see_the_history_of_a_purged_customer(client, request, who, ann):
    customer_update(customer=ann, data={"name": "Ann Smith"})
    pk = ann.pk
    Customer.all_objects.filter(pk=pk).get().delete()
    client.force_login(request.getfixturevalue(who))

    response = client.get(url(pk))

    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>History of Ann Smith · CRM</title>" in body
    assert "deleted for good" in body
    assert headlines(body) == [
        "Deleted the customer",
        "Changed the customer",
        "Created the customer",
    ]
    assert '<a href="/customers/" data-close-dialog>Close</a>' in body


def test_a_viewer_gets_404_for_a_purged_customer(client, viewer, ann):
    pk = ann.pk
    ann.delete()
    client.force_login(viewer)

    assert client.get(url(pk)).status_code == 404


def test_a_customer_that_never_was_is_404_even_for_admins(client, superuser):
    client.force_login(superuser)

    assert client.get(url(987654)).status_code == 404


def test_history_shows_only_the_records_the_reader_may_see(client, viewer, user, ann):
    contact_create(customer=ann, name="Jane Doe")
    customer_update(customer=ann, data={"status": "active"})

    client.force_login(viewer)  # may view customers, not their contacts
    hidden = headlines(client.get(url(ann), headers=HX).content.decode())
    client.force_login(user)
    shown = headlines(client.get(url(ann), headers=HX).content.decode())

    assert "Added contact “Jane Doe”" not in hidden
    assert "Changed the customer" in hidden
    assert "Added contact “Jane Doe”" in shown
