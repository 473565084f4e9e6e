"""A customer's record on paper: fields, owner, tags, contacts, open deals, open tasks
and support requests, and the latest activity; for whoever may see the record page."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from customers.core.services import customer_tag_add, customer_trash, tag_get_or_create
from customers.deals.services import deal_create
from customers.followups.services import task_complete, task_create
from customers.models import Interaction, Stage
from customers.record.services import contact_create
from customers.timeline.services import interaction_create, interaction_set_status

pytestmark = pytest.mark.django_db


def url(customer) -> str:
    return f"/customers/{customer.pk}/print/"


def printed(client, customer, status: int = 200) -> str:
    response = client.get(url(customer))
    assert response.status_code == status, response.content[:1000]
    return response.content.decode()


def section(body: str, heading: str) -> str:
    """The text of the section under `heading`, up to the next section."""
    start = body.index(f">{heading}</h2>")
    end = body.find("<section", start)
    return body[start : end if end != -1 else len(body)]


@pytest.fixture
def user_client(user_client, user):
    """The clerk, who sees tasks too (the record page's "Next steps")."""
    user.user_permissions.add(Permission.objects.get(codename="view_followup"))
    return user_client


@pytest.fixture
def dossier_of_ann(ann, user):
    user.first_name, user.last_name = "Clara", "Clerk"
    user.save()
    ann.owner = user
    ann.save()
    customer_tag_add(customer=ann, tag=tag_get_or_create(name="VIP"))
    customer_tag_add(customer=ann, tag=tag_get_or_create(name="Beta"))
    contact_create(customer=ann, name="Anna Boss", title="CEO", is_primary=True)
    stages = {stage.outcome: stage for stage in Stage.objects.order_by("-position")}
    deal_create(customer=ann, title="Big renewal", amount=Decimal("1200"), stage=stages["open"])
    deal_create(customer=ann, title="Old win", amount=Decimal("5"), stage=stages["won"])
    soon = timezone.localdate() + datetime.timedelta(days=3)
    task_create(customer=ann, title="Send the quote", due_date=soon, created_by=user)
    done = task_create(customer=ann, title="Long done", due_date=soon, created_by=user)
    task_complete(task=done, by=user)
    interaction_create(customer=ann, recorded_by=user, kind="support", subject="Cannot log in")
    fixed = interaction_create(customer=ann, recorded_by=user, kind="support", subject="Fixed one")
    interaction_set_status(interaction=fixed, status=Interaction.SupportStatus.RESOLVED)
    return ann


def test_the_dossier_holds_the_record(user_client, dossier_of_ann):
    body = printed(user_client, dossier_of_ann)

    assert "<h1>Ann Lee</h1>" in body
    assert "ann@example.com" in body
    assert "+44 20 7946 0958" in body
    assert "<dd>Acme</dd>" in body
    assert "<dt>Owner</dt><dd>Clara Clerk</dd>" in body
    assert "<dt>Tags</dt><dd>Beta, VIP</dd>" in body
    assert "Anna Boss (primary)" in section(body, "Contacts")
    deals = section(body, "Open deals")
    assert "Big renewal" in deals and "$1,200.00" in deals
    assert "Old win" not in deals
    tasks = section(body, "Open tasks")
    assert "Send the quote" in tasks and "Long done" not in tasks
    support = section(body, "Open support requests")
    assert "Cannot log in" in support and "Fixed one" not in support
    activity = section(body, "Latest activity")
    assert "Fixed one" in activity and "Long done" in activity  # done tasks are activity
    assert "by Clara Clerk</p>" in body
    # a printout, not a page of the app: no navigation, no controls but its toolbar's
    assert 'class="topbar"' not in body
    assert 'href="/customers/"' not in body
    assert f'<a href="/customers/{dossier_of_ann.pk}/">Back to Ann Lee</a>' in body


def test_the_latest_twenty_activities_newest_first(user_client, ann, user):
    start = timezone.now() - datetime.timedelta(days=30)
    for n in range(25):
        interaction_create(
            customer=ann,
            recorded_by=user,
            kind="note",
            subject=f"Note {n:02}",
            happened_at=start + datetime.timedelta(days=n),
        )

    activity = section(printed(user_client, ann), "Latest activity")

    shown = [f"Note {n:02}" for n in range(25) if f"Note {n:02}" in activity]
    assert shown == [f"Note {n:02}" for n in range(5, 25)]
    assert activity.index("Note 24") < activity.index("Note 05")


def test_an_empty_record_says_so(user_client, ann):
    body = printed(user_client, ann)

    for empty in ("No contacts.", "No open deals.", "No open tasks.", "No open support requests."):
        assert empty in body
    assert "No activity yet." in body
    assert "<dt>Tags</dt><dd>None</dd>" in body


def test_user_text_is_escaped(user_client, make_customer, user):
    evil = make_customer(name="<script>x()</script>", company="<b>Co</b>")
    contact_create(customer=evil, name="<i>Eve</i>")
    interaction_create(
        customer=evil, recorded_by=user, kind="note", subject="<img src=x>", body="<u>hi</u>"
    )

    body = printed(user_client, evil)

    assert "<script>x()" not in body and "&lt;script&gt;x()&lt;/script&gt;" in body
    assert "&lt;b&gt;Co&lt;/b&gt;" in body
    assert "&lt;i&gt;Eve&lt;/i&gt;" in body
    assert "&lt;img src=x&gt;" in body and "&lt;u&gt;hi&lt;/u&gt;" in body


def test_sections_follow_what_the_role_may_see(client, make_user, ann):
    client.force_login(make_user("viewer", perms=("view_customer",)))

    body = printed(client, ann)

    assert "<h1>Ann Lee</h1>" in body
    for hidden in ("Contacts", "Open deals", "Open tasks", "Open support requests"):
        assert f">{hidden}</h2>" not in body


def test_signed_out_goes_to_the_login_page(client, ann):
    response = client.get(url(ann))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/") or "login" in response["Location"]


def test_without_view_customer_it_is_refused(client, make_user, ann):
    client.force_login(make_user("tagger", perms=("view_tag",)))

    assert client.get(url(ann)).status_code == 403


def test_a_customer_in_the_trash_is_not_found(user_client, ann):
    customer_trash(customers=[ann], by=None)

    assert user_client.get(url(ann)).status_code == 404


def test_the_record_page_links_to_its_printout(user_client, ann):
    body = user_client.get(f"/customers/{ann.pk}/").content.decode()

    assert f'href="/customers/{ann.pk}/print/">Print</a>' in body


def test_the_grid_links_to_the_printout_of_what_it_shows(user_client, ann):
    body = user_client.get("/customers/?q=ann&sort=name&page=1").content.decode()

    assert 'href="/customers/print/?q=ann&amp;sort=name">Print</a>' in body


def test_queries_do_not_grow_with_the_records_length(user_client, ann, user):
    def add(n):
        for i in range(n):
            contact_create(customer=ann, name=f"Contact {i}")
            interaction_create(customer=ann, recorded_by=user, kind="support", subject=f"S {i}")
            task_create(
                customer=ann, title=f"T {i}", due_date=timezone.localdate(), created_by=user
            )

    add(1)
    with CaptureQueriesContext(connection) as few:
        printed(user_client, ann)
    add(25)
    with CaptureQueriesContext(connection) as many:
        printed(user_client, ann)

    assert len(many.captured_queries) == len(few.captured_queries)
