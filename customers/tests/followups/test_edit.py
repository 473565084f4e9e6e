"""Changing a task in full, and deleting it."""

import datetime

import pytest
from django.urls import reverse

from customers.followups.reminders import reminders_send
from customers.models import FollowUp

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def form_data(task, **changes):
    data = {
        "title": task.title,
        "due_date": task.due_date.isoformat(),
        "due_time": "",
        "priority": str(task.priority),
        "assignee": "",
        "deal": "",
        "contact": "",
        "description": task.description,
        "version": str(task.version),
    }
    return {**data, **changes}


def test_the_edit_form_shows_the_task_and_saves_what_changed(client, user, make_task, ann):
    task = make_task(title="Call back")
    client.force_login(user)
    url = reverse("task_update", args=[task.pk])

    page = client.get(url).content.decode()
    assert 'value="Call back"' in page
    assert "Ann Lee" in page

    response = client.post(url, form_data(task, title="Call back about the quote", priority="2"))

    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.title, task.priority, task.customer) == ("Call back about the quote", 2, ann)


def test_a_new_day_is_reminded_of_again_and_moves_the_next_step(client, user, make_task, ann):
    import django.utils.timezone as tz

    task = make_task()
    reminders_send(now=tz.make_aware(datetime.datetime.combine(TODAY, datetime.time(10))))
    client.force_login(user)
    later = TODAY + datetime.timedelta(days=3)

    client.post(reverse("task_update", args=[task.pk]), form_data(task, due_date=later.isoformat()))

    task.refresh_from_db()
    ann.refresh_from_db()
    assert task.due_date == later
    assert task.reminded is False
    assert ann.next_step_due == later


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"title": ""}, "Enter what needs doing."),
        ({"title": "x" * 10_000}, "Keep the title to 200 characters"),
        ({"due_date": "someday"}, "Enter a date"),
        ({"version": ""}, "does not say which version"),
    ],
)
def test_bad_input_is_422_and_keeps_what_was_typed(client, user, make_task, changes, error):
    task = make_task()
    client.force_login(user)

    response = client.post(
        reverse("task_update", args=[task.pk]), form_data(task, description="Keep me", **changes)
    )

    assert response.status_code == 422
    html = response.content.decode()
    assert error in html
    assert "Keep me</textarea>" in html
    assert FollowUp.objects.get().title == "Call back"


def test_a_change_saved_meanwhile_is_a_conflict_not_an_overwrite(client, user, make_task):
    task = make_task(title="Call back")
    stale = form_data(task, title="Mine")
    FollowUp.objects.get(pk=task.pk)  # someone else edits it through the service:
    from customers.followups.services import task_update

    task_update(task=task, data={"title": "Theirs"}, version=task.version, by=user)
    client.force_login(user)

    response = client.post(reverse("task_update", args=[task.pk]), stale)

    assert response.status_code == 409
    assert "Theirs" in response.content.decode()
    assert FollowUp.objects.get().title == "Theirs"


def test_delete_asks_first_then_deletes_and_moves_the_next_step(client, user, make_task, ann):
    first = make_task(title="First")
    make_task(title="Later", due_date=TODAY + datetime.timedelta(days=5))
    client.force_login(user)
    url = reverse("task_delete", args=[first.pk])

    assert "The task “First” on Ann Lee will be deleted." in client.get(url).content.decode()
    response = client.post(url)

    assert response.status_code == 302
    assert list(FollowUp.objects.values_list("title", flat=True)) == ["Later"]
    ann.refresh_from_db()
    assert ann.next_step_due == TODAY + datetime.timedelta(days=5)


def test_someone_who_may_not_manage_the_task_cannot_edit_or_delete_it(client, make_task, make_user):
    task = make_task()
    outsider = make_user("outsider", perms=("view_customer", "view_followup", "change_followup"))
    client.force_login(outsider)

    assert client.get(reverse("task_update", args=[task.pk])).status_code == 403
    assert client.post(reverse("task_delete", args=[task.pk])).status_code == 403
    assert FollowUp.objects.count() == 1


def test_my_work_rows_link_to_edit_and_delete(client, user, make_task):
    task = make_task(due_date=datetime.date.today())
    client.force_login(user)

    html = client.get(reverse("task_list")).content.decode()

    assert f'href="/tasks/{task.pk}/?next=' in html
    assert f'hx-get="/tasks/{task.pk}/delete/?next=' in html
