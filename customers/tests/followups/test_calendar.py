"""The calendar feed, read back with icalendar as a calendar app would read it."""

import datetime

import pytest
from django.test import Client
from icalendar import Calendar

from customers.followups.services import calendar_feed, task_complete

pytestmark = pytest.mark.django_db


def read(response) -> list:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_the_feed_holds_the_users_open_tasks(make_task, user, manager, ann):
    make_task(title="All day", due_date=datetime.date(2026, 3, 10), description="Bring <b>")
    make_task(title="At nine", due_date=datetime.date(2026, 3, 11), due_time=datetime.time(9))
    task_complete(task=make_task(title="Done already"), by=user)
    make_task(title="Someone else's", assignee=manager)
    token = calendar_feed(user=user).token

    events = read(Client().get(f"/tasks/calendar/{token}.ics"))  # nobody signed in

    by_summary = {str(e["summary"]): e for e in events}
    assert set(by_summary) == {"All day (Ann Lee)", "At nine (Ann Lee)"}
    all_day = by_summary["All day (Ann Lee)"]
    assert all_day.decoded("dtstart") == datetime.date(2026, 3, 10)
    assert "Bring <b>" in str(all_day["description"])
    timed = by_summary["At nine (Ann Lee)"].decoded("dtstart")
    assert (timed.date(), timed.hour, timed.minute) == (datetime.date(2026, 3, 11), 9, 0)
    assert str(by_summary["At nine (Ann Lee)"]["url"]).endswith(f"/customers/{ann.pk}/")


def test_a_reset_makes_the_old_address_worthless(user_client, user):
    old = calendar_feed(user=user).token

    response = user_client.post("/tasks/calendar/reset/")

    assert response.status_code == 302
    new = calendar_feed(user=user).token
    assert new != old
    assert Client().get(f"/tasks/calendar/{old}.ics").status_code == 404
    read(Client().get(f"/tasks/calendar/{new}.ics"))
    page = user_client.get("/tasks/").content.decode()
    assert f"/tasks/calendar/{new}.ics" in page and "Reset calendar link" in page


def test_an_unknown_token_or_a_deactivated_user_gets_nothing(user):
    token = calendar_feed(user=user).token
    assert Client().get("/tasks/calendar/guess.ics").status_code == 404
    user.is_active = False
    user.save()
    assert Client().get(f"/tasks/calendar/{token}.ics").status_code == 404
