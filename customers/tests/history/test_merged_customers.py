"""The history of a customer others were merged into: theirs is in it, named, while the
merge stands; undone, it is theirs alone again."""

import re

import pytest
from django.test import Client

from customers.core.merge import customer_merge, restore_from_trash
from customers.core.services import customer_tag_add, customer_update, tag_get_or_create
from customers.history.selectors import EMPTY, Change, customer_history
from customers.models import (
    Contact,
    Customer,
    Deal,
    FollowUp,
    Interaction,
    UserPreference,
)
from customers.record.services import contact_create, contact_update
from customers.tests.merging import add_one_of_each
from ui.testing import HX

pytestmark = pytest.mark.django_db

MERGED = "(merged into this customer)"


@pytest.fixture
def mia(make_user):
    return make_user("mia", first_name="Mia", last_name="Manager")


@pytest.fixture
def bob(make_user):
    return make_user("bob", first_name="Bob", last_name="Seller")


@pytest.fixture
def acme(make_customer):
    """The survivor, with a contact of its own."""
    acme = make_customer(name="Acme", email="hello@acme.test")
    contact_create(customer=acme, name="Sam")
    return acme


@pytest.fixture
def twin(make_customer, mia, bob, user):
    """Acme's duplicate: Mia's, then Bob's, with a tag, a contact, a call, a deal and a
    task of its own, each changed once before any merge."""
    twin = make_customer(name="ACME Inc.", email="sales@acme.test", owner=mia)
    customer_update(customer=twin, data={"owner": bob})
    customer_tag_add(customer=twin, tag=tag_get_or_create(name="Partner"))
    olga = add_one_of_each(twin, by=user)
    contact_update(contact=olga, data={"title": "Buyer"})
    return twin


def merge(survivor, other, by=None, **values):
    return customer_merge(
        survivor=Customer.objects.get(pk=survivor.pk),
        other=Customer.objects.get(pk=other.pk),
        values=values,
        by=by,
    )


def undo(other, by=None):
    return restore_from_trash(customers=[Customer.all_objects.get(pk=other.pk)], by=by)


def entries(customer, **kwargs):
    return customer_history(customer_id=customer.pk, **kwargs).entries


def headlines(customer, **kwargs) -> list[str]:
    return [entry.headline for entry in entries(customer, **kwargs)]


def test_the_survivor_shows_who_owned_the_other_one_and_its_earlier_changes(acme, twin, user):
    merge(acme, twin, user)

    by_headline = {entry.headline: entry for entry in entries(acme)}

    created = by_headline[f"Created “ACME Inc.” {MERGED}"]
    assert Change("Owner", EMPTY, "Mia Manager") in created.changes
    owner = by_headline[f"Changed “ACME Inc.” {MERGED}"]
    assert owner.changes == [Change("Owner", "Mia Manager", "Bob Seller")]
    assert f"Tags of “ACME Inc.” {MERGED}: added Partner" in by_headline


def test_the_records_that_moved_bring_their_history_from_before_the_merge(acme, twin, user):
    merge(acme, twin, user)

    shown = headlines(acme, kinds=(Contact, Interaction, Deal, FollowUp))

    for before_the_merge in (
        "Added contact “Olga”",
        "Changed contact “Olga”",
        "Added call “Called Olga”",
        "Added deal “Renewal”",
        "Added task “Send quote”",
    ):
        assert f"{before_the_merge} on “ACME Inc.” {MERGED}" in shown
    assert "Added contact “Sam”" in shown  # the survivor's own, as it was


def test_the_merge_is_told_once_newest_first(acme, twin, user):
    merge(acme, twin, user)

    shown = headlines(acme)

    assert shown[0] == "Merged “ACME Inc.” into this customer"
    # The other's move into the trash is this merge, told above.
    assert not [h for h in shown if "Merged “ACME Inc.” into “Acme”" in h or "trash" in h]
    assert shown[-1] == "Created the customer"  # Acme is older than its twin
    assert shown.index("Added contact “Sam”") > shown.index(f"Created “ACME Inc.” {MERGED}")


def test_the_other_ones_history_stays_its_own_with_the_merge(acme, twin, user):
    merge(acme, twin, user)

    shown = headlines(twin)

    assert shown[0] == "Merged into “Acme”"
    assert "Created the customer" in shown
    assert "Added contact “Olga”" in shown
    assert not [h for h in shown if "Sam" in h or MERGED in h]


def test_undoing_the_merge_takes_the_other_ones_history_off_again(acme, twin, user):
    merge(acme, twin, user)
    contact_update(contact=acme.contacts.get(name="Olga"), data={"title": "Head buyer"})

    undo(twin, user)

    shown = headlines(acme)
    assert shown[0] == "Undid the merge with “ACME Inc.”"
    assert not [h for h in shown if MERGED in h]
    # What happened while the merge stood is still the survivor's history.
    assert "Changed contact “Olga”" in shown
    assert "Merged “ACME Inc.” into this customer" in shown
    assert headlines(twin)[0] == "Undid the merge with “Acme”"


def test_an_undo_that_takes_tags_back_is_told_once(acme, twin, user):
    merge(acme, twin, user)

    undo(twin, user)

    shown = headlines(acme)
    assert shown.count("Undid the merge with “ACME Inc.”") == 1
    # The tags that came with the other one leave again, as their own change.
    assert "Tags: removed Partner" in shown


def test_merged_again_after_an_undo_its_history_is_back_and_told_once(acme, twin, user):
    merge(acme, twin, user)
    undo(twin, user)
    merge(acme, twin, user)

    shown = headlines(acme)

    assert shown[0] == "Merged “ACME Inc.” into this customer"
    assert shown.count(f"Created “ACME Inc.” {MERGED}") == 1
    # The other's side of each step (into the trash, out of it) is told by Acme's own.
    assert "Undid the merge with “ACME Inc.”" in shown
    assert not [h for h in shown if "Undid the merge of" in h or "trash" in h]
    assert not [h for h in shown if h.startswith("Merged “ACME Inc.” into “Acme”")]


def test_a_chain_of_merges_is_read_whole(acme, twin, make_customer, user):
    """The twin into Acme, then Acme into Acme Group: the group's history has all three."""
    group = make_customer(name="Acme Group", email="group@acme.test")
    merge(acme, twin, user)
    merge(group, acme, user)

    shown = headlines(group)

    assert shown[0] == "Merged “Acme” into this customer"
    assert f"Merged “ACME Inc.” into “Acme” {MERGED}" in shown
    assert f"Created “Acme” {MERGED}" in shown
    assert f"Created “ACME Inc.” {MERGED}" in shown
    assert f"Added contact “Sam” on “Acme” {MERGED}" in shown
    assert f"Added contact “Olga” on “ACME Inc.” {MERGED}" in shown

    undo(acme, user)  # the twin stays in Acme, which leaves the group

    assert not [h for h in headlines(group) if MERGED in h]
    assert f"Created “ACME Inc.” {MERGED}" in headlines(acme)


def test_paging_walks_the_union_once_newest_first(acme, twin, user):
    for n in range(30):
        customer_update(customer=twin, data={"company": f"Twin {n}"})
        customer_update(customer=acme, data={"company": f"Acme {n}"})
    merge(acme, twin, user)
    whole = entries(acme, size=1000)

    paged, cursor = [], None
    while True:
        page = customer_history(customer_id=acme.pk, before=cursor, size=7)
        paged += page.entries
        if (cursor := page.next_cursor) is None:
            break

    assert len(whole) > 60
    assert paged == whole
    assert [e.when for e in paged] == sorted((e.when for e in paged), reverse=True)


def test_the_reader_sees_only_the_kinds_of_records_they_may(acme, twin, user):
    merge(acme, twin, user)

    shown = headlines(acme, kinds=())

    assert f"Changed “ACME Inc.” {MERGED}" in shown
    assert not [h for h in shown if "contact" in h or "deal" in h or "call" in h]


def chain(make_customer, length: int, user) -> Customer:
    """A customer into which `length` others were merged, one into the next, each with a
    contact: the last survivor."""
    survivor = None
    for n in range(length + 1):
        customer = make_customer(name=f"Link {n}", email=f"link{n}@example.com")
        contact_create(customer=customer, name=f"Contact {n}")
        customer_update(customer=customer, data={"owner": user})
        if survivor is not None:
            merge(customer, survivor, user)
        survivor = customer
    return survivor


@pytest.mark.parametrize("merges", [0, 1, 8])
def test_a_page_costs_the_same_queries_however_many_merges(
    make_customer, user, merges, django_assert_max_num_queries
):
    survivor = chain(make_customer, merges, user)

    with django_assert_max_num_queries(10):
        page = customer_history(customer_id=survivor.pk)
    assert bool([e for e in page.entries if MERGED in e.headline]) == bool(merges)


# --- The page ---------------------------------------------------------------------------


def page_headlines(body: str) -> list[str]:
    return re.findall(r'<strong class="history__headline">(.*?)</strong>', body)


@pytest.mark.parametrize("merges", [1, 8])
def test_the_dialog_costs_the_same_queries_however_many_merges(
    user_client, make_customer, user, merges, django_assert_max_num_queries
):
    survivor = chain(make_customer, merges, user)

    with django_assert_max_num_queries(15):
        response = user_client.get(f"/customers/{survivor.pk}/history/", headers=HX)
    assert f"Created “Link {merges - 1}” {MERGED}" in page_headlines(response.content.decode())


def test_show_older_goes_on_through_the_merged_history(user_client, acme, twin, user):
    for n in range(30):
        customer_update(customer=twin, data={"company": f"Twin {n}"})
        customer_update(customer=acme, data={"company": f"Acme {n}"})
    merge(acme, twin, user)

    first = user_client.get(f"/customers/{acme.pk}/history/").content.decode()
    more = re.search(r'href="(/customers/\d+/history/\?before=[^"]+)"', first).group(1)
    older = user_client.get(more.replace("&amp;", "&"), headers=HX).content.decode()

    assert f"Created “ACME Inc.” {MERGED}" not in page_headlines(first)
    assert f"Created “ACME Inc.” {MERGED}" in page_headlines(older)
    assert page_headlines(older)[-1] == "Created the customer"


def test_a_reader_without_contacts_sees_none_of_the_merged_ones_either(
    client, make_user, acme, twin, user
):
    merge(acme, twin, user)
    client.force_login(make_user("vic", perms=("view_customer",)))

    shown = page_headlines(
        client.get(f"/customers/{acme.pk}/history/", headers=HX).content.decode()
    )

    assert f"Changed “ACME Inc.” {MERGED}" in shown
    assert not [h for h in shown if "Olga" in h or "Sam" in h]


def test_a_chinese_reader_is_told_in_chinese(make_user, acme, twin, user):
    merge(acme, twin, user)
    reader = make_user("li", perms=("view_customer", "view_contact"))
    UserPreference.objects.create(user=reader, language="zh-hans")
    browser = Client()
    browser.force_login(reader)

    shown = page_headlines(browser.get(f"/customers/{acme.pk}/history/").content.decode())

    assert "修改了“ACME Inc.”（已合并到此客户）" in shown
    assert "“ACME Inc.”（已合并到此客户）：添加了联系人“Olga”" in shown
    assert not [h for h in shown if MERGED in h]


def test_an_admin_reads_the_merged_away_one_in_the_trash_as_its_own(
    client, superuser, acme, twin, user
):
    merge(acme, twin, user)
    client.force_login(superuser)

    body = client.get(f"/customers/{twin.pk}/history/").content.decode()

    assert "This customer is in the trash." in body
    shown = page_headlines(body)
    assert shown[0] == "Merged into “Acme”"
    assert "Created the customer" in shown and "Added contact “Olga”" in shown
    assert not [h for h in shown if MERGED in h or "Sam" in h]
