"""Paging that never counts past a cap nor skips past a depth (ui/paginators.py)."""

import pytest
from django.contrib.auth.models import Group
from django.core.paginator import EmptyPage

from ui import paginators
from ui.paginators import CappedPaginator

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    """60 rows of something; the paginator knows nothing of what."""
    Group.objects.bulk_create(Group(name=f"g{n:02}") for n in range(60))
    return Group.objects.filter(name__regex=r"^g[0-9]{2}$").order_by("name")


def test_counts_exactly_up_to_the_cap(groups):
    paginator = CappedPaginator(groups, 10, cap=100)

    assert (paginator.count, paginator.shown_count, paginator.capped) == (60, 60, False)
    assert paginator.num_pages == 6
    assert paginator.page(6).has_next() is False


def test_above_the_cap_it_says_so_and_pages_on_while_there_are_rows(groups):
    paginator = CappedPaginator(groups, 10, cap=20)

    assert (paginator.shown_count, paginator.capped) == (20, True)
    fifth = paginator.page(5)
    assert [g.name for g in fifth] == [f"g{n}" for n in range(40, 50)]
    assert fifth.has_next() is True
    assert paginator.page(6).has_next() is False
    assert list(paginator.page(7)) == []


def test_pages_stop_at_the_deepest_allowed(groups):
    paginator = CappedPaginator(groups, 10, cap=20, max_page=3)

    with pytest.raises(EmptyPage):
        paginator.page(4)
    assert paginator.beyond_max_page is True
    assert paginator.num_pages == 3


def test_the_deepest_page_has_no_next_even_with_rows_after_it(groups):
    paginator = CappedPaginator(groups, 10, cap=20, max_page=3)

    deepest = paginator.page(3)

    assert deepest.has_next() is False
    assert deepest.links()[-1] == 3
    assert deepest.has_previous() and deepest.previous_page_number() == 2


def test_a_page_past_the_end_of_a_known_count_is_not_beyond_the_deepest(groups):
    paginator = CappedPaginator(groups, 10, cap=100)

    with pytest.raises(EmptyPage):
        paginator.page(7)
    assert paginator.beyond_max_page is False


def test_links_show_the_last_page_only_when_it_is_known(groups):
    known = CappedPaginator(groups, 5, cap=100)
    capped = CappedPaginator(groups, 5, cap=20)

    assert known.page(6).links() == [1, None, 4, 5, 6, 7, 8, None, 12]
    # No last page: a gap after the next one says more follow, until none does.
    assert capped.page(1).links() == [1, 2, 3, None]
    assert capped.page(6).links() == [1, None, 4, 5, 6, 7, None]
    assert capped.page(12).links() == [1, None, 10, 11, 12]


def test_a_count_given_stands_in_for_counting(groups, django_assert_num_queries):
    paginator = CappedPaginator(groups, 10, count=7, cap=100)

    with django_assert_num_queries(0):
        assert paginator.count == 7


def test_the_cap_defaults_to_the_list_count_cap_setting(groups, settings):
    settings.LIST_COUNT_CAP = 30

    assert CappedPaginator(groups, 10).shown_count == 30


def test_a_deep_page_has_the_rows_it_would_have_had(groups, monkeypatch):
    shallow = [g.name for g in CappedPaginator(groups, 10, cap=20).page(4)]
    monkeypatch.setattr(paginators, "DEFER_FROM", 0)

    deep = CappedPaginator(groups, 10, cap=20).page(4)
    known = CappedPaginator(groups, 10, cap=100).page(4)

    assert [g.name for g in deep] == [g.name for g in known] == shallow
    assert deep.has_next() and known.has_next()


def test_an_empty_page_past_a_capped_count_finds_the_last_page(groups):
    paginator = CappedPaginator(groups, 10, cap=20)

    assert list(paginator.page(9)) == []
    assert paginator.last_page_within(9) == 6  # 60 rows: page 6 is the last with rows


def test_rows_past_the_deepest_page_are_known_or_assumed(groups):
    assert CappedPaginator(groups, 10, cap=100, max_page=3).rows_past_max_page is True
    assert CappedPaginator(groups, 10, cap=100, max_page=6).rows_past_max_page is False
    assert CappedPaginator(groups, 10, cap=20, max_page=9).rows_past_max_page is True
