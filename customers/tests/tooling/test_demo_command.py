"""`manage.py demo`: realistic customers once, and a login to look at them with."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.http import HttpRequest
from django.utils import timezone

from customers.management.commands import demo
from customers.models import (
    Contact,
    Customer,
    Deal,
    EmailTemplate,
    FollowUp,
    Interaction,
    Stage,
    Tag,
)
from customers.tests.tooling.expected import search_text_of

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
    tasks = FollowUp.objects.all()
    assert 20 < tasks.count() < 120
    assert all(task.assignee_id == task.customer.owner_id for task in tasks)
    today = timezone.localdate()
    assert tasks.filter(due_date__lt=today).exists()  # My work has overdue ones
    assert tasks.filter(due_date__gt=today).exists()
    assert EmailTemplate.objects.count() == 2
    assert f"{interactions.count()} interactions, {deals.count()} deals and " in output
    assert f"{tasks.count()} open tasks" in output


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


# --- The bulk road, as `--customers 1000000` takes it, here at a small scale ---------


def test_bulk_demo_loads_customers_like_the_small_one(client):
    output = run_demo(customers=300, bulk=True)

    assert "Loading 300 demo customers in bulk" in output
    assert "Loaded 300 demo customers," in output
    customers = list(Customer.objects.all())
    assert len(customers) == 300
    assert len({c.email.lower() for c in customers}) == 300
    for customer in customers:
        customer.full_clean()  # a valid email and phone number, a known status...
        assert customer.phone == "" or E164.match(customer.phone), customer.phone
        assert customer.search_text == search_text_of(customer)
        assert customer.version == 1
    now = timezone.now()
    assert min(c.created_at for c in customers) < now - timedelta(days=365)
    assert max(c.created_at for c in customers) <= now

    client.login(request=HttpRequest(), username="demo", password="demo")
    assert "300 customers" in client.get("/customers/").content.decode()
    someone = customers[0]
    found = client.get("/customers/", {"q": someone.email}).content.decode()
    assert "1 customer<" in found


def test_bulk_demo_keeps_the_small_ones_proportions():
    output = run_demo(customers=300, bulk=True)

    customers = Customer.objects.all()
    owned = customers.filter(owner__isnull=False)
    assert 0.75 < owned.count() / 300 < 0.95
    owners = set(owned.values_list("owner__username", flat=True))
    assert owners == {"demo", "alex", "sam", "jordan"}
    tag_links = Customer.tags.through.objects.count()
    assert 0.45 < tag_links / 300 < 0.85
    contacts = Contact.objects.all()
    assert 0.85 < contacts.count() / 300 < 1.3
    with_contacts = customers.filter(contacts__isnull=False).distinct()
    for customer in with_contacts:
        assert customer.contacts.filter(is_primary=True).count() == 1
    interactions = Interaction.objects.all()
    assert 0.8 < interactions.count() / 300 < 1.45
    assert {i.kind for i in interactions} == set(Interaction.Kind.values)
    assert interactions.filter(support_status="open").exists()
    assert interactions.filter(support_status="resolved").exists()
    deals = Deal.objects.all()
    assert 0.18 < deals.count() / 300 < 0.38
    assert deals.values("stage").distinct().count() == Stage.objects.count()
    assert not deals.filter(customer__status=Customer.Status.INACTIVE).exists()
    for deal in deals.select_related("stage"):
        assert (deal.closing_reason_id is not None) == deal.stage.is_lost
        deal.full_clean()
    tasks = FollowUp.objects.count()
    assert 0.2 < tasks / 300 < 0.4
    assert (
        f"{interactions.count()} interactions, {deals.count()} deals and {tasks:,} open" in output
    )


def test_bulk_demo_records_happen_after_their_customer_was_created():
    run_demo(customers=100, bulk=True)

    now = timezone.now()
    for interaction in Interaction.objects.select_related("customer", "contact"):
        assert interaction.customer.created_at <= interaction.happened_at <= now
        assert interaction.contact is None or interaction.contact.customer == interaction.customer
    for deal in Deal.objects.select_related("customer"):
        assert deal.customer.created_at <= deal.created_at <= now


def test_bulk_demo_records_each_creation_in_the_history(client):
    run_demo(customers=50, bulk=True)
    customer = Customer.objects.filter(tags__isnull=False, contacts__isnull=False).first()

    client.login(request=HttpRequest(), username="demo", password="demo")
    page = client.get(f"/customers/{customer.pk}/history/").content.decode()

    assert "Created the customer" in page
    assert customer.tags.first().name in page
    assert f"Added contact “{customer.contacts.first().name}”" in page
    assert customer.history.count() == 1


def test_bulk_demo_leaves_ids_to_continue_from(make_customer):
    run_demo(customers=30, bulk=True)

    customer = make_customer()  # through the service, as the app does

    assert customer.pk > max(Customer.objects.exclude(pk=customer.pk).values_list("pk", flat=True))


def test_bulk_demo_runs_only_once():
    run_demo(customers=20, bulk=True)

    output = run_demo(customers=20, bulk=True)

    assert Customer.objects.count() == 20
    assert "demo data not loaded again" in output


def test_a_large_demo_takes_the_bulk_road(monkeypatch):
    monkeypatch.setattr(demo, "BULK_ABOVE", 40)  # instead of thousands, to stay fast

    assert "in bulk" not in run_demo(customers=40)
    Customer.all_objects.all().delete()
    assert "in bulk" in run_demo(customers=41)


# --- One login per role, to try each role out of the box ------------------------------

ROLE_LOGINS = {
    "avery": "Admin",
    "morgan": "Manager",
    "alex": "Sales rep",
    "sam": "Sales rep",
    "jordan": "Sales rep",
    "riley": "Support agent",
}


def test_demo_prints_one_login_per_role_that_signs_in_with_its_role(client):
    output = run_demo(customers=5)

    listed = re.findall(r"^  (\S.*?)\s+(\w+) / demo$", output, re.MULTILINE)
    assert listed == [(role, username) for username, role in ROLE_LOGINS.items()]
    for username, role in ROLE_LOGINS.items():
        user = User.objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert not user.is_superuser and not user.is_staff
        assert client.login(request=HttpRequest(), username=username, password="demo")
        client.logout()


def test_each_role_login_sees_what_its_role_allows(client):
    run_demo(customers=5)
    customer = Customer.objects.filter(owner__username="alex").first() or Customer.objects.first()

    def status(username, url):
        client.login(request=HttpRequest(), username=username, password="demo")
        code = client.get(url).status_code
        client.logout()
        return code

    assert status("riley", "/customers/") == 200  # the support agent reads customers
    assert status("riley", "/customers/create/") == 403  # ... but adds none
    assert status("morgan", f"/customers/update/{customer.pk}/") == 200
    assert status("avery", "/admin/") == 200  # the Admin role manages users


def test_demo_gives_reps_made_earlier_without_a_password_the_demo_one(client):
    """A database from before the role logins: its reps had unusable passwords."""
    rep = User.objects.create(username="alex")
    rep.set_unusable_password()
    rep.save()

    run_demo(customers=2)

    assert client.login(request=HttpRequest(), username="alex", password="demo")


def test_demo_leaves_a_role_login_whose_password_was_changed_alone(client):
    run_demo(customers=1)
    sam = User.objects.get(username="sam")
    sam.set_password("sam's own")
    sam.save()

    output = run_demo(customers=1)

    assert re.search(r"Sales rep\s+sam / \(changed\)", output)
    assert client.login(request=HttpRequest(), username="sam", password="sam's own")


def test_no_role_logins_with_debug_off(settings):
    settings.DEBUG = False

    output = run_demo(customers=3)

    assert "Demo logins" not in output
    assert not User.objects.filter(username__in=["avery", "morgan", "riley"]).exists()
    for rep in User.objects.filter(username__in=["alex", "sam", "jordan"]):
        assert not rep.has_usable_password()  # they own customers, but nobody can sign in


CJK = re.compile("[\u4e00-\u9fff]")


def test_a_chinese_demo_has_chinese_names_companies_numbers_and_activity(client):
    output = run_demo(customers=30, locale="zh_CN")

    assert "Loaded 30 demo customers," in output
    customers = list(Customer.objects.all())
    for customer in customers:
        customer.full_clean()
        assert CJK.fullmatch(customer.name[0]) and " " not in customer.name, customer.name
        assert customer.company == "" or CJK.search(customer.company), customer.company
        assert customer.phone == "" or customer.phone.startswith("+86"), customer.phone
        assert re.fullmatch(r"[a-z]+\.[a-z]+\d*@[\w.]+", customer.email), customer.email
    assert any(customer.phone for customer in customers)
    assert all(CJK.search(i.subject) for i in Interaction.objects.all())
    assert Interaction.objects.exists()
    assert all(CJK.search(d.title) for d in Deal.objects.all())
    assert all(CJK.search(c.name) for c in Contact.objects.all())
    assert all(CJK.search(t.name) for t in Tag.objects.all())

    wang = customers[0]
    client.login(request=HttpRequest(), username="demo", password="demo")
    page = client.get("/customers/", {"q": wang.name[-1]}).content.decode()
    assert wang.name in page
    pinyin = re.sub("[^a-z]", "", wang.email.split("@")[0])  # wang.wei@ -> wangwei
    assert wang.name in client.get("/customers/", {"q": pinyin}).content.decode()


def test_the_default_demo_stays_english():
    run_demo(customers=10)

    assert not any(CJK.search(c.name) for c in Customer.objects.all())


def test_a_chinese_demo_may_be_loaded_in_bulk_too():
    run_demo(customers=40, locale="zh_CN", bulk=True)

    assert all(CJK.match(c.name) for c in Customer.objects.all())
    assert all(CJK.search(t.name) for t in Tag.objects.all())
