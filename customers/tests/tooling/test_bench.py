"""`manage.py bench`: its terms, its report, its care for the data, and its HTTP part
against the live server (the gunicorn run itself is for the benchmark, not the suite)."""

from io import StringIO
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from customers.core.services import customer_tag_add, tag_get_or_create
from customers.models import Customer
from customers.tooling.benchmark.cases import InlineEdit, measure, shown_count
from customers.tooling.benchmark.client import Client
from customers.tooling.benchmark.plan import (
    admin_cases,
    chinese_search_cases,
    deal_search_cases,
    grid_cases,
    make_plan,
    next_step_cases,
    page_cases,
)
from customers.tooling.benchmark.space import (
    SORTS,
    deal_search_space,
    make_space,
    sampled_grid_cases,
)
from customers.tooling.benchmark.stats import Measurement, markdown_table, percentile, speed_up
from customers.tooling.benchmark.terms import CHINESE_KINDS, chinese_terms, pick_terms


def test_terms_are_picked_from_the_names():
    names = ["José Martínez", "Mario Marquez", "Maria Smith", "Anne Müller", "Tom Jones"]

    terms = pick_terms(names, rare_email="anne@example.com")

    assert terms.rare == "anne@example.com"
    assert (terms.common, terms.common_share) == ("mar", 0.6)
    assert terms.two_letters == "ma"
    assert (terms.accented, terms.accented_stored) == ("jose", "José")
    assert terms.no_match == "zzqxj"


def test_the_report_gives_median_p95_and_size():
    quick = Measurement("search, no match `zzqxj`", [1.0, 2.0, 3.0, 4.0, 100.0], b"x" * 2048)
    slow = Measurement("admin search", [3000.0, 3100.0, 3200.0], b"")

    assert percentile([1.0, 2.0, 3.0, 4.0, 100.0], 95) == pytest.approx(80.8)
    assert markdown_table([quick])[2] == "| search, no match `zzqxj` | 3.0 | 80.8 | 2.0 |"
    assert speed_up("No match", quick, slow) == "No match: 3.0 ms vs admin 3,100 ms: 1,033× faster"


@pytest.mark.django_db
def test_never_touches_a_database_holding_other_customers(make_customer):
    for _ in range(3):
        make_customer()

    with pytest.raises(CommandError, match="holds 3 customers, not about 1,000.*--customers 3"):
        call_command("bench", customers=1000, browser=False, stdout=StringIO(), stderr=StringIO())

    assert Customer.objects.count() == 3


# The live server reads the data from another thread, so it must be committed. No
# serialized rollback: pytest-django restores nothing with it here, which left the
# browser tests that followed without permissions.
@pytest.mark.django_db(transaction=True)
def test_times_every_case_over_http(live_server, superuser, password, make_customer):
    vip = tag_get_or_create(name="VIP")
    for name in ["José Martínez", "Mario Marquez", "Maria Smith", "Anne Müller"]:
        customer = make_customer(name=name, company=f"{name} Ltd", status="active")
        customer_tag_add(customer=customer, tag=vip)
    plan = make_plan(Customer.objects.count())
    client = Client(live_server.url)
    client.log_in(superuser.username, password)

    results = [measure(case, client, requests=1, warmup=0) for case in grid_cases(plan)]
    results += [measure(case, client, requests=1, warmup=0) for case in chinese_search_cases(plan)]
    results += [measure(case, client, requests=1, warmup=0) for case in next_step_cases(plan)]
    edit = InlineEdit("inline edit", plan.edited)
    results.append(measure(edit, client, requests=3, warmup=0))
    edit.restore(client)
    results += [measure(case, client, requests=1, warmup=0) for case in page_cases(plan)]
    results += [measure(case, client, requests=1, warmup=0) for case in deal_search_cases(plan)]
    results += [measure(case, client, requests=1, warmup=0) for _, _, case in admin_cases(plan)]

    table = markdown_table(results)
    assert len(table) == 2 + len(results)
    by_label = {result.label: result for result in results}
    assert shown_count(by_label["search, `jose` finds “José”"].body) == "1 customer"
    assert shown_count(by_label["search, no match `zzqxj`"].body) == "0 customers"
    assert b"<html" not in by_label["search, common term `mar`"].body
    assert b"<html" in by_label["grid, first page"].body
    assert b'<article id="deal-' not in by_label["deal board, search `zzqxj`"].body
    edited = Customer.objects.get(pk=plan.edited)
    assert edited.company == f"{edited.name} Ltd"  # as it was, after three saves and a restore
    assert edited.version == 5


@pytest.fixture
def sampled_world(superuser, make_customer):
    vip = tag_get_or_create(name="VIP")
    names = ["José Martínez", "Mario Marquez", "Maria Smith", "Anne Müller"]
    for i in range(60):
        customer = make_customer(name=f"{names[i % 4]} {i}", company=f"Firm {i}")
        if i % 3 == 0:
            customer_tag_add(customer=customer, tag=vip)
    return make_space(make_plan(Customer.objects.count()))


@pytest.mark.django_db
def test_the_sample_reaches_every_kind_of_search_filter_sort_and_page(sampled_world, superuser):
    cases = sampled_grid_cases(sampled_world, size=600, seed=7, username=superuser.username)
    queries = [parse_qs(urlsplit(case.path).query) for case in cases]

    searched = {q["q"][0] for q in queries if "q" in q}
    assert searched == {term for term in sampled_world.terms.values() if term}
    filters = {"status", "tag", "mine", "open_requests", "no_next_step", "created_from"}
    assert filters <= set().union(*queries)
    sorts = {q["sort"][0] for q in queries if "sort" in q}
    assert sorts == {sort for sort in SORTS if sort}
    # 60 customers make 3 pages: the 10th, 100th and last all land on the last one.
    assert {q["page"][0] for q in queries if "page" in q} <= {"2", "3"}
    assert any(q.get("page") == ["3"] and "q" not in q and len(q) <= 2 for q in queries)


@pytest.mark.django_db
def test_the_same_seed_draws_the_same_requests(sampled_world, superuser):
    def draw(seed):
        cases = sampled_grid_cases(sampled_world, size=40, seed=seed, username=superuser.username)
        return [case.path for case in cases]

    assert draw(3) == draw(3)
    assert draw(3) != draw(4)


@pytest.mark.django_db(transaction=True)
def test_every_sampled_request_and_deal_search_answers(
    live_server, sampled_world, superuser, password
):
    client = Client(live_server.url)
    client.log_in(superuser.username, password)
    cases = sampled_grid_cases(sampled_world, size=60, seed=1, username=superuser.username)
    cases += deal_search_space(sampled_world)

    results = [measure(case, client, requests=1, warmup=0) for case in cases]

    assert len(results) == 60 + 2 * len([t for t in sampled_world.terms.values() if t])
    assert all(result.times[0] > 0 for result in results)


def test_chinese_terms_come_from_the_chinese_customers_in_the_data():
    customers = [
        ("Ann Lee", "Lee Ltd", "ann@example.com"),
        ("王建国", "华信科技有限公司", "wang.jianguo1@qq.com"),
        ("欧阳建国", "", "ouyang.jianguo2@163.com"),
        ("王芳", "", "wang.fang3@qq.com"),
        ("王建国", "", "wang.jianguo4@qq.com"),
    ]

    contacts = ["Bob Ray", "程雷", "王建国", "程雷", "乔瑜"]

    assert chinese_terms(customers, contacts) == {
        "CJK, 1 character": "王",
        "CJK, 2 characters inside a name": "建国",
        "CJK, full name": "王建国",
        "CJK, inside a company name": "信科",
        "CJK + Latin": "王 qq",
        "pinyin": "wangjianguo",
        "pinyin, spaced": "wang jian guo",
        "pinyin initials": "wjg",
        # The commonest Chinese contact name that is no customer's own name.
        "CJK, a contact's name": "程雷",
    }
    # Without Chinese customers: a common Chinese name's terms, which find few or none.
    assert chinese_terms([("Ann Lee", "", "ann@example.com")])["pinyin"] == "wangjianguo"
    assert set(chinese_terms([])) == set(CHINESE_KINDS)


def test_terms_are_picked_from_chinese_names_too():
    names = ["王伟", "王芳", "李娜", "王秀英", "张伟", "王小明"]

    terms = pick_terms(names, rare_email="wang.wei@example.cn")

    assert (terms.common, terms.common_share) == ("王", 4 / 6)
    assert terms.two_letters in {"王秀", "王小"}
    assert terms.accented is None


@pytest.mark.django_db(transaction=True)
def test_times_my_work_and_its_badge_as_a_rep_over_http(
    live_server, make_user, password, make_customer
):
    from customers.followups.services import task_create
    from customers.tooling.benchmark.tasks import task_cases, time_badge_query

    # Permissions rather than the role: a transactional test before this one flushed the
    # roles the migrations made.
    perms = ("view_customer", "change_customer", "view_followup", "add_followup")
    rep = make_user("casey", perms=(*perms, "change_followup"))
    for n in range(3):
        task_create(
            customer=make_customer(name=f"Ann {n}", status="active"),
            title=f"Call back {n}",
            due_date=timezone.localdate(),
            created_by=rep,
            priority=2,
        )
    client = Client(live_server.url)
    client.log_in(rep.username, password)

    results = {case.label: measure(case, client, requests=1, warmup=0) for case in task_cases()}

    assert b"Call back 2" in results["My work, full page"].body
    assert b"<html" in results["My work, full page"].body
    filtered = results["My work, filter: high priority"].body
    assert b"Call back 0" in filtered and b"<html" not in filtered
    assert b'class="nav-badge"' in results["badge, its own request (tasks/badge/)"].body
    badge = time_badge_query(rep.username, requests=3)
    assert badge.label == "badge, its query alone (3 due)" and len(badge.times) == 3
