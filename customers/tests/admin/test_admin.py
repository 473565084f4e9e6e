"""The customer admin writes through the same services, with the same rules, as the grid."""

import pytest

from customers.core.search import indexed_text
from customers.core.selectors import customer_search
from customers.core.services import customer_delete
from customers.models import ClosingReason, Customer, Deal, Stage, Tag

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/customers/customer/"
ADD = "/admin/customers/customer/add/"


@pytest.fixture
def admin(client, superuser):
    client.force_login(superuser)
    return client


def test_changelist_lists_and_searches(admin, make_customer):
    make_customer(name="Ann Lee", phone="+442079460958")
    make_customer(name="Bob Brown")

    response = admin.get(CHANGELIST, {"q": "ann"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "Ann Lee" in body
    assert "+44 20 7946 0958" in body
    assert "Bob Brown" not in body


@pytest.mark.parametrize("query", ["7946", "+44", "nobody", "ann lee"])
def test_changelist_search_never_fails(admin, make_customer, query):
    make_customer(name="Ann Lee", phone="+442079460958")

    assert admin.get(CHANGELIST, {"q": query}).status_code == 200


def test_add_normalises_the_phone_and_makes_the_customer_searchable(admin):
    response = admin.post(
        ADD,
        {
            "name": "José Álvarez",
            "email": "jose@example.com",
            "phone": "(202) 555-0143",
            "company": "Acme",
            "status": "active",
            "_save": "Save",
        },
    )

    assert response.status_code == 302
    customer = Customer.objects.get()
    assert customer.phone == "+12025550143"
    assert customer.search_text
    assert list(customer_search(queryset=Customer.objects.all(), query="jose 555-0143")) == [
        customer
    ]


def test_add_refuses_an_email_taken_in_another_case(admin, make_customer):
    make_customer(name="Ann", email="ann@example.com")

    response = admin.post(
        ADD,
        {
            "name": "Ann 2",
            "email": "ANN@example.com",
            "phone": "",
            "company": "",
            "status": "lead",
            "_save": "Save",
        },
    )

    assert response.status_code == 200
    assert "Another customer already has this email address." in response.content.decode()
    assert Customer.objects.count() == 1


def test_change_updates_the_search_text(admin, make_customer):
    customer = make_customer(name="Ann Lee", email="ann@example.com", company="Acme")

    response = admin.post(
        f"{CHANGELIST}{customer.pk}/change/",
        {
            "name": "Ann Lee",
            "email": "ann@example.com",
            "phone": "+44 20 7946 0958",
            "company": "Globex",
            "status": "lead",
            "_save": "Save",
        },
    )

    assert response.status_code == 302
    customer.refresh_from_db()
    assert (customer.company, customer.phone) == ("Globex", "+442079460958")
    found = customer_search(queryset=Customer.objects.all(), query="globex 7946")
    assert list(found) == [customer]


def test_delete_moves_to_the_trash_in_the_admins_name(admin, superuser, make_customer):
    customer = make_customer()

    response = admin.post(f"{CHANGELIST}{customer.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Customer.objects.exists()
    trashed = Customer.all_objects.get(pk=customer.pk)
    assert trashed.in_trash and trashed.deleted_by == superuser


def test_bulk_delete_action_moves_to_the_trash(admin, superuser, make_customer):
    customers = [make_customer(), make_customer()]

    response = admin.post(
        CHANGELIST,
        {"action": "delete_selected", "_selected_action": [c.pk for c in customers], "post": "yes"},
    )

    assert response.status_code == 302
    assert not Customer.objects.exists()
    assert Customer.all_objects.filter(deleted_by=superuser).count() == 2


def test_changelist_hides_the_trash(admin, superuser, make_customer):
    make_customer(name="Kept Customer")
    trashed = make_customer(name="Trashed Customer")
    customer_delete(customer=trashed, by=superuser)

    body = admin.get(CHANGELIST).content.decode()

    assert "Kept Customer" in body
    assert "Trashed Customer" not in body
    assert admin.get(f"{CHANGELIST}{trashed.pk}/change/").status_code == 302  # "not found"


def test_admin_manages_tags_and_refuses_a_name_that_differs_only_by_case(admin):
    admin.post("/admin/customers/tag/add/", {"name": "VIP", "colour": "red"})

    response = admin.post("/admin/customers/tag/add/", {"name": "vip", "colour": "blue"})

    assert response.status_code == 200
    assert "There is already a tag with this name." in response.content.decode()
    assert list(Tag.objects.values_list("name", "colour")) == [("VIP", "red")]


def test_admin_can_rename_and_reorder_the_default_stages(admin):
    stage = Stage.objects.get(name="Proposal")

    response = admin.post(
        f"/admin/customers/stage/{stage.pk}/change/",
        {"name": "Quote sent", "position": 9, "outcome": "open", "probability": 50},
    )

    assert response.status_code == 302
    stage.refresh_from_db()
    assert (stage.name, stage.position) == ("Quote sent", 9)


def test_admin_lists_default_closing_reasons_and_lead_sources(admin):
    reasons = admin.get("/admin/customers/closingreason/").content.decode()
    sources = admin.get("/admin/customers/leadsource/").content.decode()

    assert "Chose a competitor" in reasons
    assert "Referral" in sources


def test_admin_adds_a_deal_through_the_service_rules(admin, make_customer):
    customer = make_customer(name="Acme")
    lost = Stage.objects.get(name="Lost")
    form = {
        "customer": customer.pk,
        "title": "Fit-out",
        "amount": "1200.50",
        "currency": "EUR",
        "stage": lost.pk,
    }

    refused = admin.post("/admin/customers/deal/add/", form)
    reason = ClosingReason.objects.first()
    accepted = admin.post("/admin/customers/deal/add/", {**form, "closing_reason": reason.pk})

    assert "Choose why the deal was lost." in refused.content.decode()
    assert accepted.status_code == 302
    deal = Deal.objects.get()
    assert (deal.title, deal.search_text, deal.closing_reason) == (
        "Fit-out",
        indexed_text("fit-out"),
        reason,
    )


def test_admin_adds_contacts_and_the_first_is_primary(admin, make_customer):
    customer = make_customer(name="Acme")

    admin.post(
        "/admin/customers/contact/add/",
        {"customer": customer.pk, "name": "Ann", "email": "ann@acme.test"},
    )

    assert customer.contacts.get().is_primary


def test_admin_saves_a_customers_tags_and_owner(admin, make_customer, superuser):
    customer = make_customer(name="Acme", email="hello@acme.test")
    tag = Tag.objects.create(name="VIP")

    response = admin.post(
        f"/admin/customers/customer/{customer.pk}/change/",
        {
            "name": "Acme",
            "email": "hello@acme.test",
            "status": "lead",
            "owner": superuser.pk,
            "tags": [tag.pk],
        },
    )

    assert response.status_code == 302
    customer.refresh_from_db()
    assert customer.owner == superuser
    assert list(customer.tags.all()) == [tag]
