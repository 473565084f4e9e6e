# ruff: noqa: E501  (MATRIX is a table: one request a line reads better than wrapped)
"""Every role against every URL of the app: what each may see and do, and what not.

The roles are the groups of the roles migration. Rita is a Sales rep and owns the
"own" customer (and its deal); Otto, another rep, owns "others"; nobody owns
"unowned". Each row of MATRIX is one request, with the status every role gets:

    admin  manager  rep (Rita)  support agent  no role  anonymous

A refused request (403, or the login redirect) must change nothing. A new URL must
get rows here: test_every_url_is_in_the_matrix walks the URL resolver and fails on
one that has none.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.urls import reverse

from customers.core.services import (
    customer_create,
    customer_tag_add,
    customer_trash,
    tag_get_or_create,
)
from customers.deals.services import deal_create
from customers.followups.services import calendar_feed, task_create
from customers.models import Contact, Customer, Deal, FollowUp, Interaction, Stage, Tag
from customers.record.services import contact_create
from customers.timeline.services import interaction_create
from project.tests.routes import named_url_patterns
from ui.testing import HX

pytestmark = pytest.mark.django_db

ROLES = ("admin", "manager", "rep", "support", "no_role", "anonymous")


@dataclass
class World:
    """Three customers, each with a contact, an open support request, a deal and a tag."""

    customers: dict[str, Customer]
    tag: object
    stages: list[Stage]

    def customer(self, whose):
        return self.customers[whose]

    def contact(self, whose):
        return self.customers[whose].contacts.get()

    def request(self, whose):
        return self.customers[whose].interactions.get()

    def deal(self, whose):
        return self.customers[whose].deals.get()

    def task(self, whose):
        return self.customers[whose].followups.get()


@pytest.fixture
def world(sales_rep, other_rep, support_agent, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # an import's uploaded file
    tag = tag_get_or_create(name="VIP")
    stages = list(Stage.objects.all())
    customers = {}
    for whose, owner in (("own", sales_rep), ("others", other_rep), ("unowned", None)):
        customer = customer_create(
            name=f"{whose.title()} Ltd", email=f"{whose}@example.com", owner=owner
        )
        contact_create(customer=customer, name=f"{whose.title()} Contact")
        interaction_create(
            customer=customer,
            kind=Interaction.Kind.SUPPORT,
            subject=f"{whose} cannot log in",
            recorded_by=None,
        )
        deal_create(
            customer=customer,
            title=f"{whose.title()} deal",
            amount=Decimal("100"),
            stage=stages[0],
            owner=owner,
        )
        customer_tag_add(customer=customer, tag=tag)
        # A task for the customer's owner (Otto's for "others", Rita's own for "own"); the
        # unowned customer's is for Otto too, so no role's own task is there.
        task_create(
            customer=customer,
            title=f"Call {whose}",
            due_date=datetime.date(2026, 3, 10),
            created_by=owner or other_rep,
        )
        customers[whose] = customer
    return World(customers=customers, tag=tag, stages=stages)


@pytest.fixture
def as_role(client, request, world):
    """A client signed in with `role` (Rita for "rep"), or not at all."""

    def sign_in(role):
        users = {
            "admin": "admin_user",
            "manager": "manager",
            "rep": "sales_rep",
            "support": "support_agent",
            "no_role": "no_role_user",
        }
        if role != "anonymous":
            client.force_login(request.getfixturevalue(users[role]))
        return client

    return sign_in


# --- What each request sends -----------------------------------------------------------


def customer_data(w, whose):
    c = w.customer(whose)
    return {
        "name": f"{c.name} changed",
        "email": c.email,
        "phone": "",
        "company": "",
        "status": "active",
        "version": c.version,
    }


def new_customer(w, whose):
    return {"name": "Newco", "email": "newco@example.com", "status": "lead"}


def deal_data(w, whose):
    d = w.deal(whose)
    return {
        "customer": w.customer(whose).email,
        "title": f"{d.title} changed",
        "amount": "200",
        "currency": "USD",
        "stage": w.stages[1].pk,
        "version": d.version,
    }


def new_deal(w, whose):
    return {**deal_data(w, whose), "title": "New deal"}


def bulk(action, **extra):
    def data(w, whose):
        return {"ids": [w.customer(whose).pk], "action": action, **extra}

    data.action = action
    return data


def customer_pk(w, whose):
    return {"pk": w.customer(whose).pk}


def contact_pk(w, whose):
    return {"pk": w.contact(whose).pk}


def request_pk(w, whose):
    return {"pk": w.request(whose).pk}


def deal_pk(w, whose):
    return {"pk": w.deal(whose).pk}


def tag_on(w, whose):
    return {"pk": w.customer(whose).pk, "tag_pk": w.tag.pk}


def task_pk(w, whose):
    return {"pk": w.task(whose).pk}


def support_agents_task(w, whose):
    """A task on `whose` customer given to the support agent Sue, who may manage her own."""
    from django.contrib.auth.models import User

    task = w.task(whose)
    FollowUp.objects.filter(pk=task.pk).update(assignee=User.objects.get(username="sue"))
    return {"pk": task.pk}


def task_on_request(w, whose):
    """`whose` customer's task (Otto's), on the customer's support request: a support
    agent manages it too."""
    task = w.task(whose)
    FollowUp.objects.filter(pk=task.pk).update(support_request=w.request(whose))
    return {"pk": task.pk}


def task_on_request_edit(w, whose):
    return {**task_edit(w, whose), "support_request": w.request(whose).pk}


def new_task_on_request(w, whose):
    return {**new_task(w, whose), "support_request": w.request(whose).pk}


def calendar_token(w, whose):
    from django.contrib.auth.models import User

    return {"token": calendar_feed(user=User.objects.get(username="otto")).token}


def email_pk(w, whose):
    """An email written to `whose` customer from its record, waiting for the worker."""
    from django.contrib.auth.models import User

    from customers.emails.services import email_send

    entry = email_send(
        customer=w.customer(whose),
        to="someone@example.com",
        subject="Hello",
        body="Hi",
        by=User.objects.get(username="otto"),
    )
    return {"pk": entry.pk}


def email_template_pk(w, whose):
    from customers.models import EmailTemplate

    return {"pk": EmailTemplate.objects.create(name="Quote", subject="Hi", body="Hi").pk}


def task_edit(w, whose):
    task = w.task(whose)
    return {"title": "Renamed", "due_date": "2026-03-11", "priority": "1", "version": task.version}


def no_kwargs(w, whose):
    return {}


def rita_upload(w, whose, target="customers"):
    """An import Rita (the rep) uploaded and has not mapped yet."""
    from django.contrib.auth.models import User
    from django.core.files.base import ContentFile

    from customers.models import ImportRun

    run = ImportRun(
        user=User.objects.get(username="rita"),
        file_name="customers.csv",
        kind="csv",
        encoding="utf-8",
        delimiter=",",
        headers=["Name", "Email"],
        target=target,
    )
    run.file.save("customers.csv", ContentFile(b"Name,Email\r\nAnn,ann@example.com\r\n"))
    return {"pk": run.pk}


def rita_activity_upload(w, whose):
    """An import of activity Rita uploaded: the Support agent may add activity too."""
    return rita_upload(w, whose, target="activity")


def trashed_pk(w, whose):
    """The customer `whose`, moved to the trash first (by nobody in particular)."""
    customer_trash(customers=[w.customer(whose)], by=None)
    return {"pk": w.customer(whose).pk}


def trashed_ids(w, whose):
    customer_trash(customers=[w.customer(whose)], by=None)
    return {"ids": [w.customer(whose).pk]}


def merge_into_own(w, whose):
    """Merge `whose` customer into Rita's own, which every role that changes customers may."""
    return {"pk": w.customer("own").pk, "other_pk": w.customer(whose).pk}


def merge_choices(w, whose):
    own, other = w.customer("own"), w.customer(whose)
    return {
        "version": own.version,
        "other_version": other.version,
        **dict.fromkeys(("name", "email", "phone", "company", "status", "owner"), "survivor"),
    }


@dataclass
class Row:
    name: str
    method: str
    expected: tuple[int, int, int, int, int, int]  # in the order of ROLES
    kwargs: object = no_kwargs
    whose: str = "others"
    data: object = None
    htmx: bool = True
    query: str = ""
    id: str = field(default="")

    def __post_init__(self):
        where = f" {self.whose}" if self.kwargs is not no_kwargs or self.data else ""
        self.id = f"{self.method} {self.name}{where}{'' if self.htmx else ' page'}"
        if action := getattr(self.data, "action", ""):
            self.id += f" {action}"


def E(admin, manager, rep, support, no_role, anonymous=401):
    """Expected statuses, one per role (anonymous: 401 for htmx, 302 for a page)."""
    return (admin, manager, rep, support, no_role, anonymous)


def constant(**data):
    return lambda w, whose: data


NOTE = constant(kind="note", subject="Called", happened_at="2025-03-14T09:30")
RESOLVE = constant(status="resolved")
EMAIL = constant(to="someone@example.com", subject="Hello", body="Hi {{ first_name }}")
TEMPLATE = constant(name="Welcome", subject="Welcome", body="Hi {{ first_name }}")
TAG = constant(name="Hot", create="Hot")  # a new tag, made by choice
SET_STATUS = bulk("set_status", status="active")
START_IMPORT = constant(column_0="name", column_1="email", on_duplicate="skip", start="1")


def contact_data(w, whose):
    return {"name": "Changed", "version": w.contact(whose).version}


def table_kwargs(w, whose):
    return {"table": "won-lost"}


NEXT_STEP = constant(title="Call back", when="tomorrow")
SNOOZE = constant(by="day")


def new_task(w, whose):
    return {
        "customer": w.customer(whose).email,
        "title": "New task",
        "due_date": "2026-03-11",
        "priority": 1,
    }


def move(w, whose):
    d = w.deal(whose)
    return {"stage": w.stages[1].pk, "version": d.version}


# Forbidden to a role = 403; to the signed-out = 401 (htmx) or 302 to the login page.
# fmt: off
MATRIX = [
    #   url name                 method  expected: admin manager rep support no-role (anon)  kwargs      whose      data
    # The grid
    Row("customer_list",         "get",  E(200, 200, 200, 200, 403, 302), htmx=False),
    Row("customer_list",         "get",  E(200, 200, 200, 200, 403)),
    Row("customer_create",       "get",  E(200, 200, 200, 403, 403)),
    Row("customer_create",       "post", E(200, 200, 200, 403, 403), data=new_customer),
    Row("customer_row",          "get",  E(200, 200, 200, 200, 403), customer_pk),
    Row("customer_update",       "get",  E(200, 200, 403, 403, 403), customer_pk),
    Row("customer_update",       "get",  E(200, 200, 200, 403, 403), customer_pk, "own"),
    Row("customer_update",       "get",  E(200, 200, 200, 403, 403), customer_pk, "unowned"),
    Row("customer_update",       "post", E(200, 200, 403, 403, 403), customer_pk, "others",  customer_data),
    Row("customer_update",       "post", E(200, 200, 200, 403, 403), customer_pk, "own",     customer_data),
    Row("customer_delete",       "get",  E(200, 200, 403, 403, 403), customer_pk),
    Row("customer_delete",       "get",  E(200, 200, 200, 403, 403), customer_pk, "unowned"),
    Row("customer_delete",       "post", E(200, 200, 403, 403, 403), customer_pk),
    Row("customer_delete",       "post", E(200, 200, 200, 403, 403), customer_pk, "own"),
    # Merging: change both, delete the one merged away (a rep: only unowned or their own)
    Row("customer_merge",        "get",  E(200, 200, 200, 403, 403, 302), merge_into_own, "unowned", htmx=False),
    Row("customer_merge",        "get",  E(200, 200, 403, 403, 403, 302), merge_into_own, "others",  htmx=False),
    Row("customer_merge",        "post", E(302, 302, 302, 403, 403, 302), merge_into_own, "unowned", merge_choices, htmx=False),
    Row("customer_merge",        "post", E(302, 302, 403, 403, 403, 302), merge_into_own, "others",  merge_choices, htmx=False),
    # Bulk actions: one POST, on the customer `whose` ticked
    Row("customer_bulk",         "post", E(200, 200, 403, 403, 403), whose="others",  data=SET_STATUS),
    Row("customer_bulk",         "post", E(200, 200, 200, 403, 403), whose="own",     data=SET_STATUS),
    Row("customer_bulk",         "post", E(200, 200, 403, 403, 403), whose="own",     data=bulk("assign_owner")),
    Row("customer_bulk",         "post", E(200, 200, 403, 403, 403), whose="others",  data=bulk("delete")),
    Row("customer_bulk",         "post", E(200, 200, 200, 403, 403), whose="unowned", data=bulk("delete")),
    # "Columns": anyone who sees the grid chooses their own; a column that is none is a 422
    Row("grid_columns",          "get",  E(200, 200, 200, 200, 403, 302), htmx=False),
    Row("grid_columns",          "post", E(302, 302, 302, 302, 403, 302), htmx=False, data=constant(columns=["email", "created"])),
    Row("grid_columns",          "post", E(200, 200, 200, 200, 403), data=constant(columns=["email"])),
    Row("grid_columns",          "post", E(422, 422, 422, 422, 403), data=constant(columns=["password"])),
    # The record page
    Row("customer_detail",       "get",  E(200, 200, 200, 200, 403, 302), customer_pk, htmx=False),
    Row("customer_detail",       "get",  E(200, 200, 200, 200, 403), customer_pk),
    Row("customer_header",       "get",  E(200, 200, 200, 200, 403), customer_pk),
    Row("customer_header_update","get",  E(200, 200, 403, 403, 403), customer_pk),
    Row("customer_header_update","get",  E(200, 200, 200, 403, 403), customer_pk, "own"),
    Row("customer_header_update","post", E(200, 200, 403, 403, 403), customer_pk, "others",  customer_data),
    Row("customer_header_update","post", E(200, 200, 200, 403, 403), customer_pk, "unowned", customer_data),
    # History: anyone who sees the customer; once it is in the trash, only those who purge
    Row("customer_history",      "get",  E(200, 200, 200, 200, 403), customer_pk),
    Row("customer_history",      "get",  E(200, 200, 200, 200, 403, 302), customer_pk, htmx=False),
    Row("customer_history",      "get",  E(200, 404, 404, 404, 403), trashed_pk),
    # The trash: for those who may delete; restoring follows the owner, purging is the Admin's
    Row("trash",                 "get",  E(200, 200, 200, 403, 403, 302), htmx=False),
    Row("trash",                 "get",  E(200, 200, 200, 403, 403)),
    Row("trash_restore",         "post", E(200, 200, 403, 403, 403), whose="others", data=trashed_ids),
    Row("trash_restore",         "post", E(200, 200, 200, 403, 403), whose="own",    data=trashed_ids),
    Row("trash_purge",           "get",  E(200, 403, 403, 403, 403), trashed_pk),
    Row("trash_purge",           "post", E(200, 403, 403, 403, 403), trashed_pk),
    # Contacts: every role adds them; changing and deleting follow the customer's owner
    Row("contact_create",        "get",  E(200, 200, 200, 200, 403), customer_pk),
    Row("contact_create",        "post", E(200, 200, 200, 200, 403), customer_pk, "others",  constant(name="Cleo")),
    Row("contact_row",           "get",  E(200, 200, 200, 200, 403), contact_pk),
    Row("contact_update",        "get",  E(200, 200, 403, 403, 403), contact_pk),
    Row("contact_update",        "get",  E(200, 200, 200, 403, 403), contact_pk,  "own"),
    Row("contact_update",        "post", E(200, 200, 403, 403, 403), contact_pk,  "others",  contact_data),
    Row("contact_update",        "post", E(200, 200, 200, 403, 403), contact_pk,  "unowned", contact_data),
    Row("contact_delete",        "get",  E(200, 200, 403, 403, 403), contact_pk),
    Row("contact_delete",        "post", E(200, 200, 403, 403, 403), contact_pk),
    Row("contact_delete",        "post", E(200, 200, 200, 403, 403), contact_pk,  "own"),
    # Tags on a customer: that is changing the customer
    Row("customer_tag_add",      "get",  E(200, 200, 403, 403, 403), customer_pk),
    Row("customer_tag_add",      "get",  E(200, 200, 200, 403, 403), customer_pk, "own"),
    Row("customer_tag_add",      "post", E(200, 200, 403, 403, 403), customer_pk, "others",  TAG),
    Row("customer_tag_add",      "post", E(200, 200, 200, 403, 403), customer_pk, "own",     TAG),
    Row("customer_tag_remove",   "post", E(200, 200, 403, 403, 403), tag_on),
    Row("customer_tag_remove",   "post", E(200, 200, 200, 403, 403), tag_on,      "unowned"),
    Row("tag_suggest",           "get",  E(200, 200, 200, 200, 403), query="?name=v"),
    # The timeline: every role adds activity; support agents resolve anyone's requests
    Row("interaction_list",      "get",  E(200, 200, 200, 200, 403), customer_pk),
    Row("interaction_create",    "get",  E(200, 200, 200, 200, 403), customer_pk),
    Row("interaction_create",    "post", E(200, 200, 200, 200, 403), customer_pk, "others",  NOTE),
    Row("interaction_contact_field", "get", E(200, 200, 200, 200, 403), customer_pk),
    Row("interaction_status",    "post", E(200, 200, 403, 200, 403), request_pk,  "others",  RESOLVE),
    Row("interaction_status",    "post", E(200, 200, 200, 200, 403), request_pk,  "own",     RESOLVE),
    # Deals
    Row("deal_board",            "get",  E(200, 200, 200, 200, 403, 302), htmx=False),
    Row("deal_board",            "get",  E(200, 200, 200, 200, 403)),
    Row("deal_list",             "get",  E(200, 200, 200, 200, 403)),
    Row("deal_customer_suggestions", "get", E(200, 200, 200, 200, 403), query="?customer=own"),
    Row("deal_create",           "get",  E(200, 200, 200, 403, 403)),
    Row("deal_create",           "post", E(200, 200, 200, 403, 403), whose="others", data=new_deal),
    Row("deal_update",           "get",  E(200, 200, 403, 403, 403), deal_pk),
    Row("deal_update",           "get",  E(200, 200, 200, 403, 403), deal_pk,     "own"),
    Row("deal_update",           "post", E(200, 200, 403, 403, 403), deal_pk,     "others",  deal_data),
    Row("deal_update",           "post", E(200, 200, 200, 403, 403), deal_pk,     "unowned", deal_data),
    Row("deal_move",             "get",  E(200, 200, 403, 403, 403), deal_pk),
    Row("deal_move",             "post", E(200, 200, 403, 403, 403), deal_pk,     "others",  move),
    Row("deal_move",             "post", E(200, 200, 200, 403, 403), deal_pk,     "own",     move),
    Row("deal_delete",           "get",  E(200, 200, 403, 403, 403), deal_pk),
    Row("deal_delete",           "post", E(200, 200, 403, 403, 403), deal_pk),
    Row("deal_delete",           "post", E(200, 200, 200, 403, 403), deal_pk,     "own"),
    # Imports: for those who may add what one brings in; mapping and starting one, for who uploaded it
    # The Support agent adds contacts and activity, so may import those (not customers).
    Row("customer_import",       "get",  E(200, 200, 200, 200, 403, 302), htmx=False),
    Row("customer_import",       "post", E(422, 422, 422, 422, 403), data=constant(encoding="")),
    Row("import_list",           "get",  E(200, 200, 200, 200, 403, 302), htmx=False),
    Row("import_detail",         "get",  E(200, 200, 200, 403, 403), rita_upload),
    Row("import_errors",         "get",  E(200, 200, 200, 403, 403, 302), rita_upload, htmx=False),
    Row("import_map",            "get",  E(403, 403, 200, 403, 403, 302), rita_upload, htmx=False),
    Row("import_map",            "post", E(403, 403, 302, 403, 403, 302), rita_upload, data=START_IMPORT, htmx=False),
    Row("import_undo",           "post", E(302, 302, 302, 403, 403, 302), rita_upload, htmx=False),
    Row("import_detail",         "get",  E(200, 200, 200, 200, 403), rita_activity_upload),
    Row("import_errors",         "get",  E(200, 200, 200, 200, 403, 302), rita_activity_upload, htmx=False),
    Row("import_map",            "get",  E(403, 403, 200, 403, 403, 302), rita_activity_upload, htmx=False),
    Row("import_undo",           "post", E(302, 302, 302, 403, 403, 302), rita_activity_upload, htmx=False),
    # Exports: whoever sees a list may take it away as a file; the log is the Admin's
    Row("customer_export",       "get",  E(200, 200, 200, 200, 403, 302), htmx=False, query="?format=csv"),
    Row("customer_export",       "get",  E(200, 200, 200, 200, 403, 302), htmx=False),
    Row("deal_export",           "get",  E(200, 200, 200, 200, 403, 302), htmx=False, query="?format=xlsx"),
    Row("contact_export",        "get",  E(200, 200, 200, 200, 403, 302), htmx=False, query="?format=csv"),
    Row("activity_export",       "get",  E(200, 200, 200, 200, 403, 302), htmx=False, query="?format=csv"),
    Row("record_export",         "get",  E(200, 200, 200, 200, 403, 302), customer_pk, htmx=False, query="?format=xlsx"),
    Row("record_export",         "get",  E(404, 404, 404, 404, 403, 302), trashed_pk,  htmx=False, query="?format=xlsx"),
    Row("customer_contacts_export", "get", E(200, 200, 200, 200, 403, 302), customer_pk, htmx=False, query="?format=csv"),
    Row("customer_activity_export", "get", E(200, 200, 200, 200, 403, 302), customer_pk, htmx=False, query="?format=csv"),
    Row("export_log",            "get",  E(200, 403, 403, 403, 403, 302), htmx=False),
    # Printouts: whoever sees the grid or the record may print it
    Row("customer_print",        "get",  E(200, 200, 200, 200, 403, 302), htmx=False, query="?contacts=1&sort=name"),
    Row("record_print",          "get",  E(200, 200, 200, 200, 403, 302), customer_pk, htmx=False),
    Row("record_print",          "get",  E(404, 404, 404, 404, 403, 302), trashed_pk,  htmx=False),
    Row("report_dashboard",      "get",  E(200, 200, 200, 200, 403, 302), htmx=False),
    Row("report_dashboard",      "get",  E(200, 200, 200, 200, 403)),
    Row("report_download",       "get",  E(200, 200, 200, 200, 403, 302), table_kwargs, htmx=False),
    # Tasks: every role has My work and adds tasks for themselves; completing, reopening
    # and snoozing follow the task's assignee and the customer's owner (managers: all)
    Row("task_list",             "get",  E(200, 200, 200, 200, 403, 302), htmx=False),
    Row("task_list",             "get",  E(200, 200, 200, 200, 403)),
    Row("task_badge",            "get",  E(200, 200, 200, 200, 403)),
    Row("task_create",           "get",  E(200, 200, 200, 200, 403)),
    Row("task_create",           "post", E(302, 302, 302, 302, 403, 302), whose="others", data=new_task, htmx=False),
    Row("customer_task_create",  "get",  E(200, 200, 200, 200, 403), customer_pk),
    Row("customer_task_create",  "post", E(200, 200, 200, 200, 403), customer_pk, "others",  NEXT_STEP),
    Row("task_complete",         "post", E(200, 200, 403, 403, 403), task_pk,     "others"),
    Row("task_complete",         "post", E(200, 200, 200, 403, 403), task_pk,     "own"),
    Row("task_complete",         "post", E(200, 200, 200, 403, 403), task_pk,     "unowned"),
    Row("task_complete",         "post", E(200, 200, 403, 200, 403), support_agents_task, "others"),
    Row("task_reopen",           "post", E(200, 200, 403, 403, 403), task_pk,     "others"),
    Row("task_reopen",           "post", E(200, 200, 200, 403, 403), task_pk,     "own"),
    Row("task_snooze",           "post", E(200, 200, 403, 403, 403), task_pk,     "others",  SNOOZE),
    Row("task_snooze",           "post", E(200, 200, 200, 403, 403), task_pk,     "own",     SNOOZE),
    Row("task_snooze",           "post", E(200, 200, 403, 200, 403), support_agents_task, "others", SNOOZE),
    # ... and a support agent manages any task on a support request, as they resolve any
    Row("task_create",           "post", E(302, 302, 302, 302, 403, 302), whose="others", data=new_task_on_request, htmx=False),
    Row("task_complete",         "post", E(200, 200, 403, 200, 403), task_on_request, "others"),
    Row("task_reopen",           "post", E(200, 200, 403, 200, 403), task_on_request, "others"),
    Row("task_snooze",           "post", E(200, 200, 403, 200, 403), task_on_request, "others", SNOOZE),
    Row("task_update",           "get",  E(200, 200, 403, 200, 403, 302), task_on_request, "others", htmx=False),
    Row("task_update",           "post", E(302, 302, 403, 302, 403, 302), task_on_request, "others", task_on_request_edit, htmx=False),
    Row("task_delete",           "get",  E(200, 200, 403, 200, 403, 302), task_on_request, "others", htmx=False),
    Row("task_delete",           "post", E(302, 302, 403, 302, 403, 302), task_on_request, "others", htmx=False),
    Row("task_calendar_reset",   "post", E(302, 302, 302, 302, 403, 302), htmx=False),
    Row("task_update",           "get",  E(200, 200, 403, 403, 403, 302), task_pk,     "others",  htmx=False),
    Row("task_update",           "get",  E(200, 200, 200, 403, 403, 302), task_pk,     "own",     htmx=False),
    Row("task_update",           "post", E(302, 302, 403, 403, 403, 302), task_pk,     "others",  task_edit, htmx=False),
    Row("task_delete",           "get",  E(200, 200, 403, 403, 403, 302), task_pk,     "others",  htmx=False),
    Row("task_delete",           "post", E(302, 302, 403, 403, 403, 302), task_pk,     "others",  htmx=False),
    # Email from the record: whoever may add to a customer's activity writes to it
    Row("customer_email_create", "get",  E(200, 200, 200, 200, 403, 302), customer_pk, htmx=False),
    Row("customer_email_create", "post", E(302, 302, 302, 302, 403, 302), customer_pk, "others", EMAIL, htmx=False),
    Row("email_status",          "get",  E(200, 200, 200, 200, 403), email_pk),
    Row("email_retry",           "post", E(302, 302, 302, 302, 403, 302), email_pk, htmx=False),
    Row("email_template_list",   "get",  E(200, 200, 200, 200, 403, 302), htmx=False),
    Row("email_template_create", "get",  E(200, 200, 200, 200, 403, 302), htmx=False),
    Row("email_template_create", "post", E(302, 302, 302, 302, 403, 302), data=TEMPLATE, htmx=False),
    Row("email_template_update", "get",  E(200, 200, 200, 200, 403, 302), email_template_pk, htmx=False),
    Row("email_template_delete", "get",  E(200, 200, 200, 200, 403, 302), email_template_pk, htmx=False),
    Row("email_template_delete", "post", E(302, 302, 302, 302, 403, 302), email_template_pk, htmx=False),
    # Notifications: everyone with tasks reads (and marks read) their own
    Row("notification_list",     "get",  E(200, 200, 200, 200, 403, 302), htmx=False),
    Row("notifications_read",    "post", E(302, 302, 302, 302, 403, 302), htmx=False),
    Row("notification_settings", "post", E(302, 302, 302, 302, 403, 302), htmx=False),
    Row("notification_settings", "post", E(302, 302, 302, 302, 403, 302), htmx=False, data=constant(time_zone="Asia/Shanghai")),
    Row("notification_settings", "post", E(422, 422, 422, 422, 403, 302), htmx=False, data=constant(time_zone="Mars/Olympus")),
    # The feed: no sign-in, the token is the key, whoever asks
    Row("task_calendar",         "get",  E(200, 200, 200, 200, 200, 200), calendar_token, htmx=False),
    # The project's own pages, as plain pages
    Row("home",                  "get",  E(302, 302, 302, 302, 302, 302), htmx=False),
    Row("login",                 "get",  E(302, 302, 302, 302, 302, 200), htmx=False),
    Row("logout",                "post", E(302, 302, 302, 302, 302, 302), htmx=False),
    # Anyone may choose a language, the sign-in page included; it goes back where it was.
    Row("set_language",          "post", E(302, 302, 302, 302, 302, 302), htmx=False, data=constant(language="zh-hans")),
    Row("password_change",       "get",  E(200, 200, 200, 200, 200, 302), htmx=False),
    Row("password_change_done",  "get",  E(200, 200, 200, 200, 200, 302), htmx=False),
    Row("register",              "get",  E(403, 403, 403, 403, 403, 403), htmx=False),  # closed by default
    Row("admin:index",           "get",  E(200, 302, 302, 302, 302, 302), htmx=False),
    # For the load balancer: open to all, showing nothing
    Row("healthz",               "get",  E(200, 200, 200, 200, 200, 200), htmx=False),
    Row("readyz",                "get",  E(200, 200, 200, 200, 200, 200), htmx=False),
]
# fmt: on


def snapshot():
    """Everything a request could change, to check a refused one changed nothing."""
    return (
        list(
            Customer.all_objects.order_by("pk").values_list(
                "name", "status", "owner_id", "deleted_at"
            )
        ),
        list(Contact.objects.order_by("pk").values_list("name", flat=True)),
        list(Interaction.objects.order_by("pk").values_list("subject", "support_status")),
        list(Deal.objects.order_by("pk").values_list("title", "stage_id")),
        list(Customer.tags.through.objects.order_by("pk").values_list("customer_id", "tag_id")),
        list(Tag.objects.order_by("pk").values_list("name", flat=True)),
        list(FollowUp.objects.order_by("pk").values_list("title", "due_date", "done_at")),
    )


@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)), ids=ROLES)
@pytest.mark.parametrize("row", MATRIX, ids=[row.id for row in MATRIX])
def test_role_gets_the_expected_answer(as_role, world, row, role_index, role):
    client = as_role(role)
    url = reverse(row.name, kwargs=row.kwargs(world, row.whose)) + row.query
    data = row.data(world, row.whose) if row.data else {}
    headers = HX if row.htmx else {}
    before = snapshot()

    if row.method == "post":
        response = client.post(url, data, headers=headers)
    else:
        response = client.get(url, headers=headers)

    expected = row.expected[role_index]
    assert response.status_code == expected, response.content.decode()[:500]
    if expected in (401, 403) or (role == "anonymous" and expected == 302):
        assert snapshot() == before


def test_every_url_is_in_the_matrix():
    """Every named URL of the app; the admin's own are left to Django (its index is in
    the matrix)."""
    covered = {row.name for row in MATRIX}

    missing = sorted({name for name, _ in named_url_patterns()} - covered)

    assert not missing, f"Add these URLs to MATRIX in {__name__}: {missing}"


def test_every_role_is_a_group_of_the_roles_migration(world):
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Admin",
        "Manager",
        "Sales rep",
        "Support agent",
    }
