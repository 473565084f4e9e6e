"""`manage.py demo`: realistic customers once, and a login to look at them with."""

import re
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.http import HttpRequest

from customers.models import Customer, Deal, Interaction, Stage, Tag

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def development(settings):
    """The demo login is for development; tests run with DEBUG off by default."""
    settings.DEBUG = True


E164 = re.compile(r"^\+[1-9]\d{6,14}$")


def run_demo(**options) -> str:
    out = StringIO()
    call_command("demo", stdout=out, **options)
    return out.getvalue()


def test_demo_loads_valid_customers_and_a_demo_login(client):
    output = run_demo(customers=20)

    assert "Loaded 20 demo customers," in output
    assert "username demo, password demo" in output
    customers = list(Customer.objects.all())
    assert len(customers) == 20
    for customer in customers:
        customer.full_clean()  # every field passes the app's own rules
        assert customer.phone == "" or E164.match(customer.phone), customer.phone
        assert customer.search_text  # searchable like any customer added in the app
    assert len({c.email.lower() for c in customers}) == 20

    assert client.login(request=HttpRequest(), username="demo", password="demo")
    page = client.get("/customers/").content.decode()
    assert "20 customers" in page


def test_demo_fills_the_records_around_customers():
    output = run_demo(customers=200)

    customers = Customer.objects.all()
    assert customers.filter(owner__isnull=False).count() > 100
    assert customers.filter(owner__isnull=True).exists()
    assert Tag.objects.count() >= 5 and customers.filter(tags__isnull=False).exists()
    with_contacts = customers.filter(contacts__isnull=False).distinct()
    assert with_contacts.count() > 50
    for customer in with_contacts:
        assert customer.contacts.filter(is_primary=True).count() == 1
    interactions = Interaction.objects.all()
    assert 100 < interactions.count() < 1000
    assert {i.kind for i in interactions} == set(Interaction.Kind.values)
    assert interactions.filter(support_status="open").exists()
    assert interactions.filter(support_status="resolved").exists()
    deals = Deal.objects.all()
    assert deals.values("stage").distinct().count() == Stage.objects.count()
    for deal in deals.filter(stage__outcome="lost"):
        assert deal.closing_reason is not None
    assert f"{interactions.count()} interactions and {deals.count()} deals" in output


def test_demo_customers_can_be_found_by_search(client):
    run_demo(customers=20)
    customer = Customer.objects.order_by("pk").first()
    client.login(request=HttpRequest(), username="demo", password="demo")

    page = client.get("/customers/", {"q": customer.email}).content.decode()

    assert "1 customer<" in page
    assert customer.email in page


def test_demo_runs_only_once(client):
    run_demo(customers=20)

    output = run_demo(customers=20)

    assert Customer.objects.count() == 20
    assert "Customers already present; demo data not loaded again." in output
    assert client.login(request=HttpRequest(), username="demo", password="demo")


def test_demo_leaves_a_changed_demo_password_alone(client, django_user_model):
    run_demo(customers=1)
    demo = django_user_model.objects.get(username="demo")
    demo.set_password("something private")
    demo.save()

    output = run_demo(customers=1)

    assert "its password was changed" in output
    assert not client.login(request=HttpRequest(), username="demo", password="demo")
    assert client.login(request=HttpRequest(), username="demo", password="something private")


def test_no_demo_login_with_debug_off(settings):
    settings.DEBUG = False

    output = run_demo(customers=3)

    assert "no demo login" in output
    assert not User.objects.filter(username="demo").exists()
    assert Customer.objects.count() == 3


def test_the_demo_reps_are_sales_reps():
    run_demo(customers=5)

    reps = User.objects.filter(username__in=["alex", "sam", "jordan"])
    assert reps.count() == 3
    for rep in reps:
        assert list(rep.groups.values_list("name", flat=True)) == ["Sales rep"]
        assert rep.has_perm("customers.change_customer")
        assert not rep.has_perm("customers.change_others_records")
