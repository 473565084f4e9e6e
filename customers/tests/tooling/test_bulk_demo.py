"""The bulk demo's Chinese customers and open tasks, at a small scale: filled as the
services fill them (search text, next step), so a million-row benchmark times what the
app would hold."""

import re
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.http import HttpRequest
from django.utils import timezone

from customers.core.contact_names import contact_names_line
from customers.core.search import indexed_text
from customers.followups.services import refresh_next_step
from customers.models import Contact, Customer, Deal, FollowUp, Interaction
from customers.tests.tooling.expected import search_text_of
from customers.tooling.demo import bulk_chinese
from customers.tooling.demo.bulk_rows import TASK_REP_TASKS
from customers.tooling.demo.vocabulary import CHINESE, TASK_DAYS, TASK_REP

pytestmark = pytest.mark.django_db

HAN = re.compile("^[\u4e00-\u9fff]{2,4}$")


@pytest.fixture(autouse=True)
def development(settings):
    settings.DEBUG = True


def load(customers: int, **options):
    call_command("demo", customers=customers, bulk=True, stdout=StringIO(), **options)


def chinese_customers():
    return [c for c in Customer.objects.all() if HAN.match(c.name)]


def test_a_sixth_of_the_bulk_demo_is_chinese():
    load(600)

    chinese = chinese_customers()
    assert 0.1 < len(chinese) / 600 < 0.25
    for customer in chinese:
        customer.full_clean()
        assert re.fullmatch(r"[a-z]+\.[a-z]+\d+@[\w.]+", customer.email), customer.email
        assert customer.phone == "" or customer.phone.startswith("+86"), customer.phone
        assert customer.company == "" or re.search("[\u4e00-\u9fff]", customer.company)
        # Found by its contacts' names too, as the contact services keep them.
        assert customer.contact_names == contact_names_line(
            customer.contacts.values_list("name", flat=True)
        )
        assert customer.search_text == search_text_of(customer)
    # Their contacts are Chinese too; the rest stay Latin.
    ids = {customer.pk for customer in chinese}
    contacts = Contact.objects.filter(customer__in=ids)
    assert contacts.exists() and all(HAN.match(contact.name) for contact in contacts)
    assert not any(HAN.match(c.name) for c in Customer.objects.exclude(pk__in=ids))


def test_chinese_surnames_are_weighted_and_include_compound_ones():
    pool = bulk_chinese.surnames(["王"] * 150 + ["李"] * 50)

    names = [name for name, _ in pool]
    assert names.count("王") > names.count("李") > 0
    assert ("欧阳", "ouyang") in pool
    assert ("司马", "sima") in pool or len(pool) < 200


def test_the_index_finds_bulk_chinese_customers_as_it_finds_the_apps(client):
    load(300)
    someone = next(c for c in chinese_customers() if c.company)
    syllables = someone.email.split("@")[0].rstrip("0123456789").split(".")

    client.login(request=HttpRequest(), username="demo", password="demo")

    def finds(term: str) -> bool:
        return someone.name in client.get("/customers/", {"q": term}).content.decode()

    assert finds(someone.name[-1])  # one character, inside the name
    assert finds(someone.name[-2:])
    assert finds(someone.company[1:3])  # inside the company's name
    assert finds("".join(syllables))  # wangwei
    assert finds(" ".join(syllables))  # wang wei
    assert finds(f"{someone.name[0]} {someone.email.split('@')[1].split('.')[0]}")  # 王 gmail


def test_deals_are_found_as_the_app_stores_their_title():
    load(200)

    for deal in Deal.objects.all():
        assert deal.search_text == indexed_text(deal.title)


def test_an_all_chinese_bulk_demo_speaks_chinese():
    load(100, locale="zh_CN")

    assert len(chinese_customers()) == 100
    assert all(i.subject in sum(CHINESE.subjects.values(), []) for i in Interaction.objects.all())
    assert all(d.title in CHINESE.deal_titles for d in Deal.objects.all())


def test_the_bulk_demo_has_open_tasks_and_a_rep_with_an_ordinary_day():
    load(1500)

    tasks = FollowUp.objects.select_related("customer", "assignee")
    owned = Customer.objects.filter(owner__isnull=False).count()
    assert 0.28 < tasks.count() / owned < 0.42
    rep = User.objects.get(username=TASK_REP[0])
    assert list(rep.groups.values_list("name", flat=True)) == ["Sales rep"]
    assert not rep.has_usable_password()
    mine = tasks.filter(assignee=rep)
    assert mine.count() == TASK_REP_TASKS
    assert not Customer.objects.filter(owner=rep).exists()
    for task in tasks.exclude(assignee=rep):
        assert task.assignee_id == task.customer.owner_id
    for task in tasks:
        assert task.is_open and task.history.count() == 1
        assert TASK_DAYS[0] <= (task.due_date - timezone.localdate()).days <= TASK_DAYS[1]
        task.full_clean()


def test_each_customers_next_step_is_what_the_services_keep():
    load(400)
    before = dict(Customer.objects.values_list("pk", "next_step_due"))
    assert sum(day is not None for day in before.values()) == FollowUp.objects.count()

    for pk in before:
        refresh_next_step(customer_id=pk)

    assert dict(Customer.objects.values_list("pk", "next_step_due")) == before


def test_my_work_shows_the_task_reps_day(client):
    load(1500)
    rep = User.objects.get(username=TASK_REP[0])
    client.force_login(rep)

    page = client.get("/tasks/").content.decode()

    assert page.count('class="task-group__count"') == 4
    counts = [int(n) for n in re.findall(r'task-group__count">\((\d+)\)', page)]
    assert sum(counts) == TASK_REP_TASKS
