"""Paging that costs the same at a thousand rows and at a million.

A plain Paginator counts every row to number the last page, and lets `?page=` ask for
any offset. This one counts up to `cap` rows ("1,000+" beyond), pages on past the
count for as long as there are rows (looking one row ahead for a next page), and stops
at `max_page`, where the offset a database must skip starts to cost more than a page.
"""

from django.conf import settings
from django.core.paginator import EmptyPage, Page, Paginator
from django.utils.functional import cached_property

MAX_PAGE = 4_000
# From this many rows in, a page's ids are found first and its rows read after: skipping
# rows then reads no more than their ids (PostgreSQL would otherwise work out each
# skipped row's columns, subqueries included: half a second for page 2,000).
DEFER_FROM = 1_000


def count_up_to(queryset, most: int) -> int:
    """How many rows `queryset` has, counting no further than `most`. Ids only, in no
    order: neither the page's columns nor its sort count."""
    return queryset.order_by().values("pk")[:most].count()


class CappedPaginator(Paginator):
    def __init__(
        self,
        object_list,
        per_page,
        *,
        counted=None,
        count: int | None = None,
        cap: int | None = None,
        max_page: int | None = None,
        **kwargs,
    ):
        """`counted`: a queryset of the same rows to count instead, whose plan counts
        faster; `count`: the rows already counted (up to `cap` + 1), if they were."""
        super().__init__(object_list, per_page, **kwargs)
        self.counted = counted
        self.known_count = count
        self.cap = cap or settings.LIST_COUNT_CAP
        self.max_page = max_page or MAX_PAGE
        self.beyond_max_page = False  # a page deeper than max_page was asked for

    @cached_property
    def count(self) -> int:
        """The number of rows, exactly up to `cap`, or `cap` + 1 for any more."""
        if self.known_count is not None:
            return min(self.known_count, self.cap + 1)
        counted = self.counted if self.counted is not None else self._queryset()
        return count_up_to(counted, self.cap + 1)

    @property
    def capped(self) -> bool:
        """Whether there are more rows than were counted."""
        return self.count > self.cap

    @property
    def shown_count(self) -> int:
        return min(self.count, self.cap)

    @cached_property
    def num_pages(self) -> int:
        """The last page if the count is known, else the deepest page one may ask for."""
        if self.capped:
            return self.max_page
        return min(super().num_pages, self.max_page)

    @property
    def rows_past_max_page(self) -> bool:
        """Whether there are (or may be, above the cap) rows past the deepest page."""
        return self.capped or self.count > self.max_page * self.per_page

    def last_page_within(self, number: int) -> int:
        """The last page with rows, when page `number` has none: counts the rows before
        that page, no more than the offset it asked for read already."""
        counted = self.counted if self.counted is not None else self._queryset()
        rows = count_up_to(counted, (number - 1) * self.per_page)
        return max(1, -(-rows // self.per_page))

    def validate_number(self, number):
        try:
            return super().validate_number(number)
        except EmptyPage:
            self.beyond_max_page = int(number) > self.max_page  # an int, or it would not be empty
            raise

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if not self.capped and bottom < DEFER_FROM:
            return super().page(number)
        # One row more than a page tells whether another follows.
        rows = list(self._rows(bottom, bottom + self.per_page + 1))
        more = len(rows) > self.per_page if self.capped else None
        return self._get_page(rows[: self.per_page], number, self, more=more)

    def _rows(self, bottom: int, top: int):
        if bottom < DEFER_FROM:
            return self.object_list[bottom:top]
        queryset = self._queryset()
        ids = list(queryset.values_list("pk", flat=True)[bottom:top])
        found = {row.pk: row for row in queryset.filter(pk__in=ids).order_by()}
        records = [found[pk] for pk in ids if pk in found]
        table = getattr(self.object_list, "table", None)
        # django-tables2's rows, if it handed its rows over, as it would have sliced them.
        return type(self.object_list)(records, table=table) if table else records

    def _get_page(self, *args, **kwargs):
        return CappedPage(*args, **kwargs)

    def _queryset(self):
        # django-tables2 hands its rows over; their data holds the queryset.
        data = getattr(self.object_list, "data", self.object_list)
        return getattr(data, "data", data)


class CappedPage(Page):
    def __init__(self, object_list, number, paginator, *, more: bool | None = None):
        super().__init__(object_list, number, paginator)
        self.more = more  # past the count: whether a row follows this page

    def has_next(self):
        if self.more is None:
            return super().has_next()
        # Rows past the deepest page are reached by narrowing, not by a next page: one
        # would ask for a page past max_page (and the page's "next" link for its number).
        return self.more and self.number < self.paginator.max_page

    def links(self, around: int = 2) -> list[int | None]:
        """The page numbers to link to, with None for a gap: the first page, those
        around this one, and the last if it is known, or a gap after them if not."""
        paginator = self.paginator
        if paginator.capped:
            # Pages within the count exist, and the next one if a row was seen past it.
            last = max(-(-paginator.cap // paginator.per_page), self.number + self.has_next())
            last = min(last, paginator.max_page)
        else:
            last = paginator.num_pages
        shown = sorted({1, *range(self.number - around, self.number + around + 1)})
        shown = [n for n in shown if 1 <= n <= last]
        if not paginator.capped and last not in shown:
            shown.append(last)
        links = []
        for n in shown:
            if links and n > links[-1] + 1:
                links.append(None)
            links.append(n)
        if paginator.capped and shown[-1] < paginator.max_page and self.has_next():
            links.append(None)
        return links
