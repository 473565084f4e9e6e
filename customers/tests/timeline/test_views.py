"""The timeline's views: as pages and as htmx fragments, with their permissions."""

import datetime
import re

import pytest
from django.utils import timezone

from customers.models import Interaction
from customers.record.services import contact_create
from customers.timeline.services import interaction_create
from ui.testing import HX

pytestmark = pytest.mark.django_db

NOON = timezone.make_aware(datetime.datetime(2025, 3, 14, 12, 0))


@pytest.fixture
def customer(make_customer):
    return make_customer(name="Acme Ltd")


def add(customer, subject, *, kind="note", at=NOON, recorded_by=None, **fields):
    return interaction_create(
        customer=customer,
        recorded_by=recorded_by,
        kind=kind,
        subject=subject,
        happened_at=at,
        **fields,
    )


def item_ids(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<li id="interaction-(\d+)"', html)]


def list_url(customer, query=""):
    return f"/customers/{customer.pk}/activity/{query}"


def add_url(customer):
    return f"/customers/{customer.pk}/activity/add/"


def status_url(interaction):
    return f"/activity/{interaction.pk}/status/"


def valid_post(**fields):
    return {
        "kind": "note",
        "subject": "Called about the renewal",
        "body": "",
        "happened_at": "2025-03-14T09:30",
        "contact": "",
        **fields,
    }


# --- The list: on the record page, as a page of its own, as fragments ----------------


def test_the_record_page_shows_the_timeline_newest_first(user_client, customer, user):
    add(customer, "Older call", kind="call", at=NOON - datetime.timedelta(days=1))
    ann = contact_create(customer=customer, name="Ann Smith")
    add(customer, "Newer note", recorded_by=user, contact=ann)

    html = user_client.get(f"/customers/{customer.pk}/").content.decode()

    assert '<section id="activity"' in html
    assert '<h2 id="activity-title">Activity</h2>' in html
    assert html.index("Newer note") < html.index("Older call")
    assert "by clerk" in html
    assert "with Ann Smith" in html
    assert '<time datetime="2025-03-14T12:00:00+00:00">Mar 14, 2025, 12:00</time>' in html
    assert '<span class="badge timeline__kind">Call</span>' in html


def test_who_recorded_it_is_shown_by_full_name_when_there_is_one(user_client, customer, make_user):
    colleague = make_user("jdoe", first_name="Jane", last_name="Doe")
    add(customer, "Hello", recorded_by=colleague)

    html = user_client.get(list_url(customer)).content.decode()

    assert "by Jane Doe" in html


def test_the_timeline_page_and_its_fragment(user_client, customer):
    note = add(customer, "A note")

    page = user_client.get(list_url(customer))
    fragment = user_client.get(list_url(customer), headers=HX)

    assert page.status_code == fragment.status_code == 200
    assert "<html" in page.content.decode()
    assert "Back to Acme Ltd" in page.content.decode()
    body = fragment.content.decode()
    assert "<html" not in body
    assert body.lstrip().startswith('<div id="timeline-results"')
    assert item_ids(body) == [note.pk]
    assert "HX-Request" in fragment["Vary"]
    assert "HX-Request" in page["Vary"]


def test_an_empty_timeline_says_so(user_client, customer):
    html = user_client.get(list_url(customer)).content.decode()

    assert "No activity yet." in html


def test_bodies_keep_their_line_breaks_and_are_escaped(user_client, customer):
    add(customer, "<b>Bold</b> subject", body="First line\n<script>alert(1)</script>")

    html = user_client.get(f"/customers/{customer.pk}/").content.decode()

    assert "First line<br>&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt; subject" in html


def test_filter_by_kind_on_the_record_page(user_client, customer):
    add(customer, "A note")
    call = add(customer, "A call", kind="call")

    html = user_client.get(f"/customers/{customer.pk}/?kind=call").content.decode()

    assert item_ids(html) == [call.pk]
    assert f'href="/customers/{customer.pk}/?kind=call#activity"' in html
    assert re.search(r'aria-current="true">Calls</a>', html)


def test_filter_by_kind_as_a_fragment(user_client, customer):
    add(customer, "A note")
    request = add(customer, "A request", kind="support")

    response = user_client.get(list_url(customer, "?kind=support"), headers=HX)

    body = response.content.decode()
    assert "<html" not in body
    assert item_ids(body) == [request.pk]
    assert re.search(r'aria-current="true">Support requests</a>', body)
    # The filter links swap the list and leave the record page's address in the bar.
    assert f'hx-replace-url="/customers/{customer.pk}/?kind=note"' in body


def test_filter_links_stay_on_the_timeline_page_when_shown_there(user_client, customer):
    html = user_client.get(list_url(customer)).content.decode()

    assert f'href="/customers/{customer.pk}/activity/?kind=call#activity"' in html


def test_no_such_kind_shows_everything(user_client, customer):
    add(customer, "A note")
    add(customer, "A call", kind="call")

    for url in (f"/customers/{customer.pk}/?kind=gossip", list_url(customer, "?kind=gossip")):
        response = user_client.get(url)
        assert response.status_code == 200
        assert len(item_ids(response.content.decode())) == 2


def test_show_older_pages_twenty_at_a_time(user_client, customer):
    items = [add(customer, f"Item {n}", at=NOON + datetime.timedelta(minutes=n)) for n in range(45)]
    newest_first = [item.pk for item in reversed(items)]

    first = user_client.get(f"/customers/{customer.pk}/").content.decode()
    assert item_ids(first) == newest_first[:20]
    more = f"/customers/{customer.pk}/activity/?before={newest_first[19]}"
    assert f'href="{more}#activity"' in first
    assert f'hx-get="{more}"' in first
    assert ">Show older</a>" in first

    second = user_client.get(more, headers=HX)
    body = second.content.decode()
    assert "<html" not in body
    assert body.lstrip().startswith(f'<li id="interaction-{newest_first[20]}"')
    assert item_ids(body) == newest_first[20:40]
    assert f"?before={newest_first[39]}" in body

    third = user_client.get(list_url(customer, f"?before={newest_first[39]}"), headers=HX)
    body = third.content.decode()
    assert item_ids(body) == newest_first[40:]
    assert "Show older" not in body


def test_show_older_without_javascript_is_a_page_of_its_own(user_client, customer):
    items = [add(customer, f"Item {n}", at=NOON + datetime.timedelta(minutes=n)) for n in range(25)]

    response = user_client.get(list_url(customer, f"?before={items[5].pk}"))

    html = response.content.decode()
    assert "<html" in html
    assert item_ids(html) == [item.pk for item in reversed(items[:5])]
    assert "Show older" not in html


def test_show_older_keeps_the_kind_filter(user_client, customer):
    calls = [
        add(customer, f"Call {n}", kind="call", at=NOON + datetime.timedelta(minutes=n))
        for n in range(21)
    ]
    add(customer, "A note", at=NOON - datetime.timedelta(days=1))

    html = user_client.get(f"/customers/{customer.pk}/?kind=call").content.decode()
    more = f"/customers/{customer.pk}/activity/?kind=call&amp;before={calls[1].pk}"
    assert f'hx-get="{more}"' in html

    older = user_client.get(more.replace("&amp;", "&"), headers=HX).content.decode()
    assert item_ids(older) == [calls[0].pk]


@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_a_cursor_that_is_not_a_number_is_a_clear_bad_request(user_client, customer, headers):
    response = user_client.get(list_url(customer, "?before=abc"), headers=headers)

    assert response.status_code == 400
    assert "must be the number of an activity" in response.content.decode()


def test_a_cursor_of_another_customer_shows_nothing_older(user_client, customer, make_customer):
    add(customer, "Mine")
    theirs = add(make_customer(), "Theirs")

    response = user_client.get(list_url(customer, f"?before={theirs.pk}"))

    assert response.status_code == 200
    assert "No older activity." in response.content.decode()
    assert "Theirs" not in response.content.decode()


def test_an_unknown_customer_is_not_found(user_client):
    assert user_client.get("/customers/999/activity/").status_code == 404
    assert user_client.post("/customers/999/activity/add/", valid_post()).status_code == 404


# --- Adding ---------------------------------------------------------------------------


def test_the_add_form_has_labelled_fields_and_defaults_to_now(user_client, customer):
    contact_create(customer=customer, name="Ann Smith")

    html = user_client.get(f"/customers/{customer.pk}/").content.decode()

    for label in ("Kind", "Subject", "Details", "When", "With"):
        assert f">{label}</label>" in html
    assert '<button type="submit" class="primary">Add activity</button>' in html
    assert 'type="datetime-local"' in html
    now = timezone.localtime().strftime("%Y-%m-%dT%H:")
    assert f'name="happened_at" value="{now}' in html
    assert '<option value="" selected>Nobody in particular</option>' in html
    assert ">Ann Smith</option>" in html


def test_with_offers_only_this_customers_contacts(user_client, customer, make_customer):
    contact_create(customer=customer, name="Ann Smith")
    contact_create(customer=make_customer(), name="Someone Else")

    html = user_client.get(add_url(customer)).content.decode()

    assert ">Ann Smith</option>" in html
    assert "Someone Else" not in html


def test_add_with_htmx_returns_a_fresh_form_and_the_new_item_on_top(user_client, customer, user):
    ann = contact_create(customer=customer, name="Ann Smith")

    response = user_client.post(
        add_url(customer),
        valid_post(kind="call", subject="Renewal", body="Line 1\nLine 2", contact=ann.pk),
        headers=HX,
    )

    assert response.status_code == 200
    interaction = Interaction.objects.get()
    assert interaction.recorded_by == user
    assert interaction.contact == ann
    assert interaction.kind == "call"
    assert timezone.localtime(interaction.happened_at).strftime("%Y-%m-%d %H:%M") == (
        "2025-03-14 09:30"
    )
    body = response.content.decode()
    assert "<html" not in body
    # A fresh form: nothing of what was typed is left in it.
    form = body[: body.index("</form>")]
    assert 'id="activity-form"' in form
    assert "Renewal" not in form
    assert "Line 1" not in form
    # The item goes in at the top of the list, out of band; that is the only swap aimed
    # elsewhere, at the list, which is always there ("No activity yet" hides by CSS).
    assert '<ol hx-swap-oob="afterbegin:#timeline-items">' in body
    assert f'<li id="interaction-{interaction.pk}"' in body
    assert "Line 1<br>Line 2" in body
    assert body.count("hx-swap-oob") == 1 + body.count('id="toasts"')
    assert "Activity added." in body
    assert "HX-Trigger" not in response


def test_recorded_by_is_never_taken_from_the_form(user_client, customer, user, make_user):
    someone = make_user("someone")

    user_client.post(add_url(customer), valid_post(recorded_by=someone.pk), headers=HX)

    assert Interaction.objects.get().recorded_by == user


def test_adding_a_support_request_tells_the_grid(user_client, customer):
    response = user_client.post(
        add_url(customer), valid_post(kind="support", subject="Broken"), headers=HX
    )

    assert response.status_code == 200
    assert Interaction.objects.get().support_status == "open"
    assert "customers-changed" in response["HX-Trigger"]
    assert 'aria-label="Resolve Broken">Resolve</button>' in response.content.decode()


def test_add_without_javascript_goes_back_to_the_record_page(user_client, customer):
    response = user_client.post(add_url(customer), valid_post(), follow=False)

    assert response.status_code == 302
    assert response["Location"] == f"/customers/{customer.pk}/#activity"
    assert Interaction.objects.count() == 1
    page = user_client.get(response["Location"]).content.decode()
    assert "Activity added." in page
    assert "Called about the renewal" in page


def test_add_without_javascript_goes_back_to_the_filtered_page_it_came_from(user_client, customer):
    page = user_client.get(f"/customers/{customer.pk}/?kind=call").content.decode()
    assert f'name="next" value="/customers/{customer.pk}/?kind=call#activity"' in page

    response = user_client.post(
        add_url(customer), valid_post(next=f"/customers/{customer.pk}/?kind=call#activity")
    )

    assert response["Location"] == f"/customers/{customer.pk}/?kind=call#activity"


def test_add_refuses_to_go_back_to_another_site(user_client, customer):
    response = user_client.post(add_url(customer), valid_post(next="https://evil.example/"))

    assert response["Location"] == f"/customers/{customer.pk}/#activity"


@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_invalid_input_answers_422_keeping_what_was_typed(user_client, customer, headers):
    response = user_client.post(
        add_url(customer),
        valid_post(kind="meeting", subject="", body="Kept <body>", happened_at="not a date"),
        headers=headers,
    )

    assert response.status_code == 422
    body = response.content.decode()
    assert "Enter a subject." in body
    assert "Enter a date and time" in body
    assert '<option value="meeting" selected>' in body
    assert "Kept &lt;body&gt;</textarea>" in body
    assert 'value="not a date"' in body
    assert 'aria-invalid="true"' in body
    assert not Interaction.objects.exists()
    if headers:
        assert "<html" not in body
        assert body.lstrip().startswith('<form id="activity-form"')
    else:
        assert "<html" in body


def test_a_forged_contact_of_another_customer_is_refused(user_client, customer, make_customer):
    stranger = contact_create(customer=make_customer(), name="Stranger")

    response = user_client.post(add_url(customer), valid_post(contact=stranger.pk), headers=HX)

    assert response.status_code == 422
    assert "Choose one of this customer&#x27;s contacts." in response.content.decode()
    assert not Interaction.objects.exists()


def test_an_unknown_kind_is_refused(user_client, customer):
    response = user_client.post(add_url(customer), valid_post(kind="gossip"), headers=HX)

    assert response.status_code == 422
    assert "Choose a kind of activity." in response.content.decode()


def test_the_add_page_without_javascript(user_client, customer):
    response = user_client.get(add_url(customer))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html
    assert f'action="/customers/{customer.pk}/activity/add/"' in html


def test_add_checks_the_csrf_token(csrf_client, customer):
    response = csrf_client.post(add_url(customer), valid_post(), headers=HX)

    assert response.status_code == 403
    assert not Interaction.objects.exists()


# --- Resolving support requests -------------------------------------------------------


@pytest.fixture
def request_(customer, user):
    return add(customer, "Printer <on> fire", kind="support", recorded_by=user)


def test_resolve_with_htmx_swaps_the_item(user_client, request_):
    response = user_client.post(status_url(request_), {"status": "resolved"}, headers=HX)

    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert body.lstrip().startswith(f'<li id="interaction-{request_.pk}"')
    assert ">Resolved</span>" in body
    assert 'aria-label="Reopen Printer &lt;on&gt; fire">Reopen</button>' in body
    assert "Support request resolved." in body
    assert "customers-changed" in response["HX-Trigger"]
    request_.refresh_from_db()
    assert request_.support_status == "resolved"


def test_reopen_with_htmx(user_client, request_):
    user_client.post(status_url(request_), {"status": "resolved"}, headers=HX)

    response = user_client.post(status_url(request_), {"status": "open"}, headers=HX)

    body = response.content.decode()
    assert ">Open</span>" in body
    assert 'aria-label="Resolve Printer &lt;on&gt; fire">Resolve</button>' in body
    assert "Support request reopened." in body
    request_.refresh_from_db()
    assert request_.support_status == "open"


def test_resolving_twice_stays_resolved(user_client, request_):
    for _ in range(2):
        user_client.post(status_url(request_), {"status": "resolved"}, headers=HX)

    request_.refresh_from_db()
    assert request_.support_status == "resolved"


def test_resolve_without_javascript_goes_back(user_client, customer, request_):
    response = user_client.post(status_url(request_), {"status": "resolved"})

    assert response.status_code == 302
    assert response["Location"] == f"/customers/{customer.pk}/#interaction-{request_.pk}"
    page = user_client.get(response["Location"]).content.decode()
    assert "Support request resolved." in page
    assert ">Resolved</span>" in page


def test_resolve_without_javascript_goes_back_to_the_page_it_came_from(
    user_client, customer, request_
):
    html = user_client.get(f"/customers/{customer.pk}/?kind=support").content.decode()
    back = f"/customers/{customer.pk}/?kind=support#interaction-{request_.pk}"
    assert f'name="next" value="{back}"' in html

    response = user_client.post(status_url(request_), {"status": "resolved", "next": back})

    assert response["Location"] == back


def test_a_status_for_a_note_is_not_found(user_client, customer):
    note = add(customer, "A note")

    response = user_client.post(status_url(note), {"status": "resolved"}, headers=HX)

    assert response.status_code == 404
    note.refresh_from_db()
    assert note.support_status == ""


def test_an_unknown_status_is_refused(user_client, request_):
    response = user_client.post(status_url(request_), {"status": "closed"}, headers=HX)

    assert response.status_code == 400
    request_.refresh_from_db()
    assert request_.support_status == "open"


def test_status_takes_only_post(user_client, request_):
    assert user_client.get(status_url(request_)).status_code == 405


def test_notes_have_no_status_and_no_toggle(user_client, customer):
    add(customer, "Just a note")

    html = user_client.get(list_url(customer)).content.decode()

    assert "timeline__status" not in html
    assert "Resolve" not in html


# --- Login and permissions ------------------------------------------------------------


def every_request(customer, interaction):
    return [
        ("get", f"/customers/{customer.pk}/activity/", {}),
        ("get", f"/customers/{customer.pk}/activity/?before={interaction.pk}", {}),
        ("get", f"/customers/{customer.pk}/activity/add/", {}),
        ("post", f"/customers/{customer.pk}/activity/add/", valid_post()),
        ("post", f"/activity/{interaction.pk}/status/", {"status": "resolved"}),
    ]


def test_anonymous_pages_go_to_the_login(client, customer, request_):
    for method, url, data in every_request(customer, request_):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url


def test_anonymous_htmx_is_told_to_log_in(client, customer, request_):
    for method, url, data in every_request(customer, request_):
        response = getattr(client, method)(url, data, headers=HX)
        assert response.status_code == 401, url
        assert response["HX-Redirect"].startswith("/accounts/login/?next="), url
    assert Interaction.objects.count() == 1


@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_without_permissions_everything_is_refused(
    client, user_without_permissions, customer, request_, headers
):
    client.force_login(user_without_permissions)

    for method, url, data in every_request(customer, request_):
        response = getattr(client, method)(url, data, headers=headers)
        assert response.status_code == 403, url
        assert "Printer" not in response.content.decode()
    request_.refresh_from_db()
    assert request_.support_status == "open"
    assert Interaction.objects.count() == 1


def test_a_customer_viewer_sees_no_timeline(client, make_user, customer, request_):
    client.force_login(make_user("viewer", perms=("view_customer",)))

    assert client.get(list_url(customer)).status_code == 403
    record = client.get(f"/customers/{customer.pk}/")
    assert record.status_code == 200
    assert 'id="activity"' not in record.content.decode()
    assert "Printer" not in record.content.decode()


def test_a_reader_sees_the_timeline_without_controls(client, make_user, customer, request_):
    client.force_login(make_user("reader", perms=("view_customer", "view_interaction")))

    html = client.get(f"/customers/{customer.pk}/").content.decode()

    assert "Printer &lt;on&gt; fire" in html
    assert 'id="activity-form"' not in html
    assert "Resolve" not in html
    assert client.post(add_url(customer), valid_post()).status_code == 403
    assert client.post(status_url(request_), {"status": "resolved"}).status_code == 403


def test_adding_needs_add_interaction(client, make_user, customer):
    client.force_login(
        make_user("adder", perms=("view_customer", "view_interaction", "add_interaction"))
    )

    html = client.get(f"/customers/{customer.pk}/").content.decode()
    assert 'id="activity-form"' in html
    response = client.post(add_url(customer), valid_post(), headers=HX)
    assert response.status_code == 200
    assert Interaction.objects.count() == 1


def test_resolving_needs_change_interaction(client, make_user, customer, request_):
    client.force_login(
        make_user("resolver", perms=("view_customer", "view_interaction", "change_interaction"))
    )

    html = client.get(f"/customers/{customer.pk}/").content.decode()
    assert "Resolve</button>" in html
    assert 'id="activity-form"' not in html
    response = client.post(status_url(request_), {"status": "resolved"}, headers=HX)
    assert response.status_code == 200
    request_.refresh_from_db()
    assert request_.support_status == "resolved"


# --- "With": the add form's contacts, refreshed when the record's contacts change ---------


def with_choices(body: str) -> list[str]:
    select = re.search(r'<select name="contact"[^>]*>(.*?)</select>', body, re.S).group(1)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


def test_the_with_select_listens_for_contact_changes(user_client, customer):
    page = user_client.get(f"/customers/{customer.pk}/").content.decode()

    slot = re.search(r'<div id="activity-with"[^>]*>', page).group(0)
    assert f'hx-get="/customers/{customer.pk}/activity/contacts/"' in slot
    assert 'hx-trigger="contacts-changed from:body"' in slot
    assert 'hx-include="#activity-contact"' in slot


def test_the_with_select_offers_the_contacts_as_they_now_stand(user_client, customer):
    kept = contact_create(customer=customer, name="Kim Old")
    contact_create(customer=customer, name="Lee New")

    response = user_client.get(
        f"/customers/{customer.pk}/activity/contacts/", {"contact": kept.pk}, headers=HX
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and body.lstrip().startswith('<div id="activity-with"')
    assert with_choices(body) == ["Nobody in particular", "Kim Old", "Lee New"]
    assert f'<option value="{kept.pk}" selected>Kim Old</option>' in body


def test_the_with_select_never_offers_another_customers_contact(
    user_client, customer, make_customer
):
    stranger = contact_create(customer=make_customer(name="Other"), name="Not Theirs")

    response = user_client.get(
        f"/customers/{customer.pk}/activity/contacts/", {"contact": stranger.pk}, headers=HX
    )

    assert with_choices(response.content.decode()) == ["Nobody in particular"]


def test_the_with_select_checks_its_own_permission(client, customer, make_user, role_user):
    url = f"/customers/{customer.pk}/activity/contacts/"
    client.force_login(make_user("reader", perms=("view_customer", "view_interaction")))
    assert client.get(url, headers=HX).status_code == 403

    client.force_login(role_user("Support agent", "sue"))
    assert client.get(url, headers=HX).status_code == 200


def test_the_with_select_alone_is_no_page(user_client, customer):
    response = user_client.get(f"/customers/{customer.pk}/activity/contacts/")

    assert response.status_code == 302
    assert response["Location"] == f"/customers/{customer.pk}/#activity"
