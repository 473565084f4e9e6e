"""Tasks on support requests: the form offers the customer's open ones, rows show the
request, and a support agent manages such tasks whoever they are for."""

import datetime

import pytest
from django.utils.html import escape

from customers.followups.services import task_create
from customers.models import Customer, FollowUp, Interaction
from customers.timeline.services import interaction_create, interaction_set_status

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


def support_request(customer, subject="Cannot log in"):
    return interaction_create(
        customer=customer, kind=Interaction.Kind.SUPPORT, subject=subject, recorded_by=None
    )


def form_data(customer, **changes):
    return {
        "customer": customer.email,
        "title": "Call back about the login",
        "due_date": "2031-01-01",
        "priority": 1,
        **changes,
    }


def test_the_form_offers_the_customers_open_support_requests(user_client, ann, make_customer):
    wanted = support_request(ann)
    resolved = support_request(ann, "Old problem")
    interaction_set_status(interaction=resolved, status=Interaction.SupportStatus.RESOLVED)
    interaction_create(customer=ann, kind=Interaction.Kind.NOTE, subject="A note", recorded_by=None)
    support_request(make_customer(name="Bob"), "Bob's problem")

    page = html(user_client.get(f"/tasks/create/?customer={ann.pk}&support_request={wanted.pk}"))

    assert '<label for="id_support_request">Support request</label>' in page
    assert f'<option value="{wanted.pk}" selected>Cannot log in</option>' in page
    assert "Old problem" not in page and "A note" not in page and "Bob&#x27;s" not in page


def test_a_task_is_added_on_a_support_request_and_shows_it(user_client, ann):
    request = support_request(ann)

    response = user_client.post("/tasks/create/", form_data(ann, support_request=request.pk))

    assert response.status_code == 302
    assert FollowUp.objects.get().support_request == request
    link = f'<a href="/customers/{ann.pk}/#interaction-{request.pk}">Cannot log in</a>'
    assert f"Support request: {link}" in html(user_client.get("/tasks/?group=later"))
    assert link in html(user_client.get(f"/customers/{ann.pk}/"))


@pytest.mark.parametrize("which", ["another customer's", "resolved", "a note"])
def test_a_request_not_open_on_this_customer_is_422_beside_the_field(
    user_client, ann, make_customer, which
):
    if which == "another customer's":
        request = support_request(make_customer(name="Bob"))
    elif which == "resolved":
        request = support_request(ann)
        interaction_set_status(interaction=request, status=Interaction.SupportStatus.RESOLVED)
    else:
        request = interaction_create(
            customer=ann, kind=Interaction.Kind.NOTE, subject="A note", recorded_by=None
        )

    response = user_client.post("/tasks/create/", form_data(ann, support_request=request.pk))

    assert response.status_code == 422
    page = html(response)
    assert 'id="id_support_request-errors"' in page
    assert escape("Choose one of this customer's open support requests.") in page
    assert "Call back about the login" in page  # nothing typed is lost
    assert not FollowUp.objects.exists()


def test_a_resolved_request_stays_on_its_task_when_it_is_edited(user_client, ann, user):
    request = support_request(ann)
    task = task_create(
        customer=ann,
        title="Check",
        due_date=datetime.date(2031, 1, 1),
        created_by=user,
        support_request=request,
    )
    interaction_set_status(interaction=request, status=Interaction.SupportStatus.RESOLVED)

    page = html(user_client.get(f"/tasks/{task.pk}/"))

    assert f'<option value="{request.pk}" selected>Cannot log in</option>' in page


# --- A support agent's tasks ----------------------------------------------------------


@pytest.fixture
def others_tasks(ann, other_rep):
    """Two of Otto's tasks on Ann, his customer: one on her support request, one not."""
    Customer.objects.filter(pk=ann.pk).update(owner=other_rep)
    ann.refresh_from_db()
    request = support_request(ann)
    on_request, plain = (
        task_create(
            customer=ann,
            title=title,
            due_date=datetime.date(2031, 1, 1),
            created_by=other_rep,
            support_request=link,
        )
        for title, link in (("On the request", request), ("Plain", None))
    )
    return on_request, plain


def test_a_support_agent_manages_tasks_on_support_requests_not_others(
    client, support_agent, others_tasks
):
    on_request, plain = others_tasks
    client.force_login(support_agent)

    assert client.post(f"/tasks/{on_request.pk}/snooze/", {"by": "day"}).status_code == 302
    assert client.get(f"/tasks/{on_request.pk}/").status_code == 200
    assert client.post(f"/tasks/{on_request.pk}/complete/").status_code == 302
    assert client.post(f"/tasks/{plain.pk}/snooze/", {"by": "day"}).status_code == 403
    assert client.post(f"/tasks/{plain.pk}/complete/").status_code == 403
    on_request.refresh_from_db()
    plain.refresh_from_db()
    assert on_request.due_date == datetime.date(2031, 1, 2) and not on_request.is_open
    assert plain.due_date == datetime.date(2031, 1, 1) and plain.is_open


def test_a_support_agent_sees_done_and_edit_only_on_the_tasks_they_may_manage(
    client, support_agent, others_tasks, ann
):
    on_request, plain = others_tasks
    client.force_login(support_agent)

    page = html(client.get(f"/customers/{ann.pk}/"))

    assert f'action="/tasks/{on_request.pk}/complete/"' in page
    assert f'action="/tasks/{plain.pk}/complete/"' not in page


def test_a_support_agent_adds_a_task_on_a_support_request_for_themselves(
    client, support_agent, ann
):
    request = support_request(ann)
    client.force_login(support_agent)

    response = client.post("/tasks/create/", form_data(ann, support_request=request.pk))

    assert response.status_code == 302
    task = FollowUp.objects.get()
    assert (task.assignee, task.support_request) == (support_agent, request)


# --- The rule itself (customers/followups/rules.py) ------------------------------------


@pytest.mark.parametrize(
    "role,on_request,plain",
    [
        ("support_agent", True, False),
        ("sales_rep", False, False),  # Rita: neither her customer nor her task
        ("manager", True, True),
        ("no_role_user", False, False),
    ],
)
def test_who_may_manage_otto_s_tasks(request, others_tasks, role, on_request, plain):
    from customers.followups.rules import manageable_tasks, may_manage_task

    user = request.getfixturevalue(role)
    task_on_request, plain_task = others_tasks

    assert may_manage_task(user, task_on_request) is on_request
    assert may_manage_task(user, plain_task) is plain
    if role != "no_role_user":  # no task permission: the views refuse before listing
        listed = set(FollowUp.objects.filter(manageable_tasks(user)))
        assert listed == {
            t for t, may in ((task_on_request, on_request), (plain_task, plain)) if may
        }


def test_a_support_agent_still_manages_their_own_tasks(support_agent, ann):
    from customers.followups.rules import may_manage_task

    task = task_create(
        customer=ann, title="Mine", due_date=datetime.date(2031, 1, 1), created_by=support_agent
    )

    assert may_manage_task(support_agent, task)
