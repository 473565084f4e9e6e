"""Adding, completing, undoing and snoozing tasks, as a browser does it, with and
without htmx; and every bad input answered 422 beside its field, nothing typed lost."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from customers.core.services import customer_trash
from customers.deals.services import deal_create
from customers.models import Customer, FollowUp, Interaction, Stage
from customers.record.services import contact_create
from ui.testing import HX

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def html(response) -> str:
    return response.content.decode()


# --- The record's "Next step" -------------------------------------------------------


@pytest.mark.parametrize("when,days", [("today", 0), ("tomorrow", 1), ("next_week", 7)])
def test_one_click_days_add_the_next_step(user_client, ann, user, when, days):
    response = user_client.post(
        f"/customers/{ann.pk}/tasks/add/", {"title": "Call back", "when": when}, headers=HX
    )

    assert response.status_code == 200
    task = FollowUp.objects.get()
    assert (task.title, task.due_date, task.assignee) == (
        "Call back",
        today() + datetime.timedelta(days=days),
        user,
    )
    assert 'id="next-steps"' in html(response) and "Call back" in html(response)
    assert "<html" not in html(response)
    assert "tasks-due-changed" in response["HX-Trigger"]


def test_a_picked_date_adds_the_next_step_without_javascript(user_client, ann):
    response = user_client.post(
        f"/customers/{ann.pk}/tasks/add/",
        {"title": "Quote", "due_date": "2031-01-02", "next": f"/customers/{ann.pk}/"},
    )

    assert response.status_code == 302 and response["Location"] == f"/customers/{ann.pk}/"
    assert FollowUp.objects.get().due_date == datetime.date(2031, 1, 2)


@pytest.mark.parametrize("headers", [HX, {}], ids=["htmx", "page"])
@pytest.mark.parametrize(
    "data,field,message",
    [
        ({"title": "", "when": "today"}, "title", "Enter what needs doing."),
        ({"title": "x" * 10_000, "when": "today"}, "title", "Keep the title to 200 characters"),
        ({"title": "Call"}, "due_date", "Choose a day"),
        ({"title": "Call", "due_date": "someday"}, "due_date", "Enter a date like"),
    ],
    ids=["no title", "10,000 characters", "no day", "not a date"],
)
def test_a_bad_next_step_is_422_beside_its_field(user_client, ann, headers, data, field, message):
    response = user_client.post(f"/customers/{ann.pk}/tasks/add/", data, headers=headers)

    assert response.status_code == 422
    page = html(response)
    assert message in page
    assert f'id="next-step-{field}-errors"' in page
    if data["title"]:
        assert data["title"][:200] in page  # what was typed is still there
    assert ("<html" in page) == (not headers)
    assert not FollowUp.objects.exists()


def test_a_next_step_on_a_customer_in_the_trash_is_refused(user_client, ann, user):
    customer_trash(customers=[ann], by=user)

    response = user_client.post(
        f"/customers/{ann.pk}/tasks/add/", {"title": "Call back", "when": "today"}, headers=HX
    )

    assert response.status_code == 422
    assert "is in the trash" in html(response) and 'value="Call back"' in html(response)
    assert not FollowUp._base_manager.exists()


def test_the_record_page_shows_the_open_next_steps(user_client, ann, make_task):
    make_task(title="Overdue call", due_date=today() - datetime.timedelta(days=2))

    page = html(user_client.get(f"/customers/{ann.pk}/"))

    assert "Overdue call" in page and "Overdue</strong>" in page
    assert 'aria-label="Add a next step"' in page


# --- The full form ------------------------------------------------------------------


def test_the_form_from_a_deal_is_filled_in_with_the_customer_and_the_deal(user_client, ann):
    deal = deal_create(customer=ann, title="Big one", amount=1, stage=Stage.objects.first())

    page = html(user_client.get(f"/tasks/create/?customer={ann.pk}&deal={deal.pk}"))

    assert 'value="ann@example.com"' in page
    assert f'<option value="{deal.pk}" selected>Big one</option>' in page


def test_the_full_form_adds_a_task_for_someone_else(user_client, ann, manager):
    deal = deal_create(customer=ann, title="Big one", amount=1, stage=Stage.objects.first())
    data = {
        "customer": "ann@example.com",
        "title": "Send contract",
        "due_date": "2020-01-01",  # in the past: allowed, shown overdue
        "due_time": "09:30",
        "priority": FollowUp.Priority.HIGH,
        "assignee": manager.pk,
        "deal": deal.pk,
        "description": "Both copies",
    }

    response = user_client.post("/tasks/create/", data)

    assert response.status_code == 302
    task = FollowUp.objects.get()
    assert (task.assignee, task.deal, task.due_time) == (manager, deal, datetime.time(9, 30))


def full(ann, **changes):
    return {
        "customer": ann.email,
        "title": "Send contract",
        "due_date": "2031-01-01",
        "priority": 1,
        **changes,
    }


def test_bad_input_on_the_full_form_is_422_beside_each_field(
    user_client, ann, make_customer, no_role_user
):
    other = make_customer(name="Other")
    deal = deal_create(customer=other, title="Theirs", amount=1, stage=Stage.objects.first())
    contact = contact_create(customer=other, name="Olga")
    cases = [
        ({"deal": deal.pk}, "deal", "Choose one of this customer's deals."),
        ({"contact": contact.pk}, "contact", "Choose one of this customer's contacts."),
        ({"assignee": 99999}, "assignee", "Choose someone from the list."),
        ({"assignee": no_role_user.pk}, "assignee", "cannot see customers"),
        ({"title": "y" * 10_000}, "title", "Keep the title to 200 characters"),
        ({"customer": "nobody@example.com"}, "customer", "No customer has this email"),
        ({"due_date": ""}, "due_date", "Choose the day it is due."),
    ]
    for changes, field, message in cases:
        response = user_client.post("/tasks/create/", full(ann, **changes))

        assert response.status_code == 422, field
        page = html(response)
        assert f'id="id_{field}-errors"' in page, field
        assert escape(message) in page, field
        assert 'value="ann@example.com"' in page or field == "customer"
    assert not FollowUp.objects.exists()


def test_the_full_form_tells_a_customer_in_the_trash(user_client, ann, user):
    customer_trash(customers=[ann], by=user)

    response = user_client.post("/tasks/create/", full(ann))

    assert response.status_code == 422
    assert "This customer is in the trash" in html(response)


def test_a_rep_gives_tasks_to_others_only_on_their_customers(
    client, sales_rep, other_rep, make_customer
):
    theirs = make_customer(name="Otto's", owner=other_rep)
    client.force_login(sales_rep)

    response = client.post("/tasks/create/", full(theirs, assignee=other_rep.pk))

    assert response.status_code == 422
    assert "only to yourself" in html(response)
    assert client.post("/tasks/create/", full(theirs)).status_code == 302


def test_a_support_agent_has_no_assignee_field(client, support_agent, ann):
    client.force_login(support_agent)
    page = html(client.get(f"/tasks/create/?customer={ann.pk}"))
    assert 'name="assignee"' not in page


# --- Done, Undo, snooze -------------------------------------------------------------


def test_done_swaps_the_row_and_offers_undo(user_client, ann, make_task):
    task = make_task(title="Call back")

    response = user_client.post(
        f"/tasks/{task.pk}/complete/",
        headers={**HX, "HX-Current-URL": f"http://testserver/customers/{ann.pk}/"},
    )

    assert response.status_code == 200
    page = html(response)
    assert f'id="task-{task.pk}"' in page and "Done" in page
    assert "Undo" in page and f"/tasks/{task.pk}/reopen/" in page
    # On the record page, what was done goes to the top of its timeline.
    entry = Interaction.objects.get()
    assert (
        f'id="interaction-{entry.pk}"' in page
        and 'hx-swap-oob="afterbegin:#timeline-items"' in page
    )
    assert "tasks-due-changed" in response["HX-Trigger"]
    assert not FollowUp.objects.get().is_open


def test_done_elsewhere_adds_nothing_to_a_timeline_that_is_not_there(user_client, make_task):
    task = make_task()
    response = user_client.post(
        f"/tasks/{task.pk}/complete/",
        headers={**HX, "HX-Current-URL": "http://testserver/tasks/"},
    )
    assert "timeline-items" not in html(response)


def test_done_without_javascript_goes_back(user_client, make_task):
    task = make_task()
    response = user_client.post(f"/tasks/{task.pk}/complete/", {"next": "/tasks/"})
    assert response.status_code == 302 and response["Location"] == "/tasks/"


def test_done_and_follow_up_in_a_week(user_client, make_task):
    task = make_task(title="Check in")

    response = user_client.post(f"/tasks/{task.pk}/complete/", {"follow_up": "week"}, headers=HX)

    follow_up = FollowUp.objects.get(done_at__isnull=True)
    assert follow_up.due_date == today() + datetime.timedelta(days=7)
    assert "tasks-changed" in json.loads(response["HX-Trigger"])
    assert f'name="drop" value="{follow_up.pk}"' in html(response)


def test_undo_brings_the_task_back(user_client, make_task):
    task = make_task()
    user_client.post(f"/tasks/{task.pk}/complete/", {"follow_up": "week"}, headers=HX)
    follow_up = FollowUp.objects.get(done_at__isnull=True)

    response = user_client.post(
        f"/tasks/{task.pk}/reopen/", {"drop": follow_up.pk, "next": "/tasks/"}, headers=HX
    )

    assert response.status_code == 200
    assert "tasks-changed" in response["HX-Trigger"]
    assert list(FollowUp.objects.all()) == [task]
    assert FollowUp.objects.get().is_open and not Interaction.objects.exists()


@pytest.mark.parametrize(
    "data,moved",
    [({"by": "day"}, 1), ({"by": "week"}, 7), ({"until": "2031-05-06"}, None)],
)
def test_snooze(user_client, make_task, data, moved):
    task = make_task(due_date=today())

    response = user_client.post(f"/tasks/{task.pk}/snooze/", data, headers=HX)

    assert response.status_code == 200
    expected = today() + datetime.timedelta(days=moved) if moved else datetime.date(2031, 5, 6)
    assert FollowUp.objects.get().due_date == expected
    assert "tasks-changed" in response["HX-Trigger"]


def test_snoozing_a_later_task_moves_it_from_its_own_day(user_client, make_task):
    task = make_task(due_date=today() + datetime.timedelta(days=30))
    user_client.post(f"/tasks/{task.pk}/snooze/", {"by": "day"}, headers=HX)
    assert FollowUp.objects.get().due_date == today() + datetime.timedelta(days=31)


@pytest.mark.parametrize("data", [{}, {"until": "soon"}, {"by": "year"}, {"until": "0001-01-01"}])
def test_a_bad_snooze_is_422_and_moves_nothing(user_client, make_task, data):
    task = make_task()
    response = user_client.post(f"/tasks/{task.pk}/snooze/", data, headers=HX)
    assert response.status_code == 422
    assert FollowUp.objects.get().due_date == task.due_date


def test_a_snooze_over_someone_elses_is_refused(user_client, make_task):
    task = make_task(due_date=today())
    seen = task.version
    user_client.post(f"/tasks/{task.pk}/snooze/", {"by": "day", "version": seen}, headers=HX)

    response = user_client.post(
        f"/tasks/{task.pk}/snooze/", {"by": "week", "version": seen}, headers=HX
    )

    assert response.status_code == 422
    assert "changed" in html(response) and "meanwhile" in html(response)
    assert FollowUp.objects.get().due_date == task.due_date + datetime.timedelta(days=1)


# --- My work ------------------------------------------------------------------------


def test_my_work_shows_groups_with_counts_and_links(user_client, ann, make_task):
    deal = deal_create(customer=ann, title="Big one", amount=1, stage=Stage.objects.first())
    make_task(title="Late", due_date=today() - datetime.timedelta(days=1), deal=deal)
    make_task(title="Now", due_date=today())

    page = html(user_client.get("/tasks/"))

    assert 'Overdue <span class="task-group__count">(1)</span>' in page
    assert 'Today <span class="task-group__count">(1)</span>' in page
    assert f'href="/customers/{ann.pk}/"' in page
    assert f'Deal: <a href="/deals/{deal.pk}/edit/?next=/tasks/">Big one</a>' in page


def test_my_work_filters_by_priority_and_customer_status(user_client, make_customer, make_task):
    active = make_customer(name="Active", status=Customer.Status.ACTIVE)
    make_task(title="Urgent", priority=FollowUp.Priority.HIGH, customer=active)
    make_task(title="Whenever", priority=FollowUp.Priority.LOW)

    by_priority = html(user_client.get("/tasks/?priority=2", headers=HX))
    by_status = html(user_client.get("/tasks/?status=active", headers=HX))

    assert "Urgent" in by_priority and "Whenever" not in by_priority
    assert "Urgent" in by_status and "Whenever" not in by_status


def test_only_managers_choose_whose_tasks(client, manager, sales_rep, make_task, user):
    make_task(title="Clerk's")
    client.force_login(manager)
    assert "Clerk&#x27;s" in html(client.get(f"/tasks/?assignee={user.pk}"))
    assert "Clerk&#x27;s" in html(client.get("/tasks/?assignee=all"))

    client.force_login(sales_rep)
    page = html(client.get(f"/tasks/?assignee={user.pk}"))
    assert 'name="assignee"' not in page and "Clerk&#x27;s" not in page


def test_a_bad_filter_is_422(user_client):
    assert user_client.get("/tasks/?priority=9").status_code == 422


def test_the_badge_names_how_many_are_due(user_client, make_task):
    make_task(due_date=today() - datetime.timedelta(days=3))
    make_task(due_date=today())
    make_task(due_date=today() + datetime.timedelta(days=1))

    badge = html(user_client.get("/tasks/badge/", headers=HX))

    assert 'aria-label="My work, 2 due"' in badge
    assert 'hx-trigger="tasks-changed from:body, tasks-due-changed from:body"' in badge
    assert "every" not in badge  # no polling
    assert 'aria-label="My work, 2 due"' in html(user_client.get("/customers/"))


@pytest.mark.parametrize(("query", "badge_query"), [("", False), ("?priority=1", True)])
def test_my_work_shows_the_badge_from_its_own_counts(user_client, make_task, query, badge_query):
    """Unfiltered, My work has counted the badge's tasks already (overdue and today's);
    filtered, its counts are not the badge's, which counts its own."""
    make_task(due_date=today() - datetime.timedelta(days=3), priority=2)
    make_task(due_date=today())
    make_task(due_date=today() + datetime.timedelta(days=1))

    with CaptureQueriesContext(connection) as queries:
        page = html(user_client.get(f"/tasks/{query}"))

    assert 'aria-label="My work, 2 due"' in page
    badge_counted = [
        q for q in queries if q["sql"].startswith("SELECT COUNT(*)") and "followup" in q["sql"]
    ]
    assert bool(badge_counted) == badge_query


def test_done_with_a_note_puts_the_note_on_the_timeline(user_client, make_task):
    task = make_task(title="Call back")
    page = html(user_client.get("/tasks/"))
    assert f'<label for="task-{task.pk}-note">What was done (saved with Done)</label>' in page

    user_client.post(f"/tasks/{task.pk}/complete/", {"note": "Left a <b>message</b>"}, headers=HX)

    assert Interaction.objects.get().body == "Left a <b>message</b>"


def test_user_text_is_escaped_everywhere_a_task_shows(user_client, ann, make_task):
    make_task(title="<script>alert(1)</script>", due_date=today())
    for url in ("/tasks/", f"/customers/{ann.pk}/"):
        page = html(user_client.get(url))
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_my_work_is_not_kept_for_the_back_button(user_client):
    response = user_client.get("/tasks/")
    assert "no-store" in response["Cache-Control"]
    assert "HX-Request" in response["Vary"]


def test_a_long_group_shows_its_first_rows_and_a_link_to_all(user_client, make_task):
    for n in range(30):
        make_task(title=f"Late {n}", due_date=today() - datetime.timedelta(days=1))

    page = html(user_client.get("/tasks/?priority=1"))

    assert page.count('class="task task--') == 25
    assert 'href="/tasks/?priority=1&amp;group=overdue#tasks-overdue"' in page
    assert "Show all 30" in page
    everything = html(user_client.get("/tasks/?priority=1&group=overdue", headers=HX))
    assert everything.count('class="task task--') == 30
