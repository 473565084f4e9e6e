import datetime

import django_filters
from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from customers.core.duplicates import with_lookalikes
from customers.core.expressions import Likely
from customers.core.narrowing import from_lead_source, of_team
from customers.core.owners import members_of, user_name
from customers.core.selectors import (
    QUIET_DAYS,
    CustomerSearch,
    quiet_since,
    with_open_support_requests,
)
from customers.models import Customer, Deal, Tag
from ui.filters import FilterSet, HiddenIdFilter, Narrowing

# Far-off dates would overflow once turned into datetimes in some time zones.
SENSIBLE_DATES = [
    MinValueValidator(datetime.date(1900, 1, 1), gettext_lazy("Enter a date from 1900 to 2999.")),
    MaxValueValidator(datetime.date(2999, 12, 31), gettext_lazy("Enter a date from 1900 to 2999.")),
]
# Pages as deep as this read customers in the sort order when many match (selectors).
READ_IN_ORDER_PAGES = 20


def start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class CustomerFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("created_from"), cleaned.get("created_to")
        if start and end and start > end:
            self.add_error("created_to", _("The end date must not be before the start date."))
        return cleaned


class CustomerFilter(Narrowing, FilterSet):
    q = django_filters.CharFilter(
        label=gettext_lazy("Search customers"),
        method="search",
        max_length=200,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": gettext_lazy("Name, email, phone, company or ID 123"),
            }
        ),
    )
    status = django_filters.ChoiceFilter(
        choices=Customer.Status.choices,
        label=gettext_lazy("Status"),
        empty_label=gettext_lazy("Any status"),
        method="of_status",
    )
    tag = django_filters.ModelChoiceFilter(
        queryset=Tag.objects.all(),
        label=gettext_lazy("Tag"),
        empty_label=gettext_lazy("Any tag"),
        method="tagged",
    )
    mine = django_filters.BooleanFilter(
        label=gettext_lazy("My customers"),
        method="owned_by_me",
        widget=forms.CheckboxInput,
    )
    open_requests = django_filters.BooleanFilter(
        label=gettext_lazy("Open support requests"),
        method="with_open_requests",
        widget=forms.CheckboxInput,
    )
    no_next_step = django_filters.BooleanFilter(
        label=gettext_lazy("No next step"),
        method="without_next_step",
        widget=forms.CheckboxInput,
    )
    duplicates = django_filters.BooleanFilter(
        label=gettext_lazy("Possible duplicates"),
        method="with_lookalikes",
        widget=forms.CheckboxInput,
    )
    created_from = django_filters.DateFilter(
        label=gettext_lazy("Created from"),
        method="created_on_or_after",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=SENSIBLE_DATES,
    )
    created_to = django_filters.DateFilter(
        label=gettext_lazy("Created to"),
        method="created_on_or_before",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=SENSIBLE_DATES,
    )

    # Set by the reports' links (a figure's customers); carried along as hidden inputs.
    owner = HiddenIdFilter(label=gettext_lazy("Owner"), method="owned_by")
    team = HiddenIdFilter(label=gettext_lazy("Team"), method="owned_by_team")
    lead_source = HiddenIdFilter(label=gettext_lazy("Lead source"), method="with_deal_from")
    quiet = django_filters.TypedChoiceFilter(
        label=gettext_lazy("No activity for"),
        choices=[(days, days) for days in QUIET_DAYS],
        coerce=int,
        method="without_activity",
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Customer
        fields = [
            *("q", "status", "tag", "mine", "open_requests", "no_next_step", "duplicates"),
            *("created_from", "created_to", "owner", "team", "lead_source", "quiet"),
        ]
        form = CustomerFilterForm

    HIDDEN = ("owner", "team", "lead_source", "quiet")

    searched: CustomerSearch | None = None
    counting = False  # filtering for the count, which reads rows in no order
    known_count: int | None = None  # counted already, to choose how to find the page
    walking = False  # finding the page by walking the sort order (search)

    def filter_queryset(self, queryset):
        """The customers every filter leaves. Filtered beyond a search (or searched
        where the search index cannot count, on PostgreSQL), they are first counted up
        to one past the count's cap, as their ids: if no more, the page is those ids,
        sorted. Walking the sort order and keeping the rows that meet every filter
        (hints.py, and a common word's walk) would read most of the table to fill a page
        of so few, and a search would be looked up twice. The ids query is the count the
        page shows: no extra one."""
        if self.counting or not self.counts_as_ids():
            return super().filter_queryset(queryset)
        cap = settings.LIST_COUNT_CAP
        ids = list(self.counted().order_by().values_list("pk", flat=True)[: cap + 1])
        self.known_count = len(ids)
        if len(ids) <= cap:
            return queryset.filter(pk__in=ids)
        return super().filter_queryset(queryset)

    def counts_as_ids(self) -> bool:
        narrowed = {name for name, value in self.form.cleaned_data.items() if value}
        if narrowed == {"q"}:
            self.searched = CustomerSearch(self.form.cleaned_data["q"])
            return self.searched.found is None
        return bool(narrowed)

    def search(self, queryset, name, value):
        if self.searched is None:
            self.searched = CustomerSearch(value)
        if self.searched.many and self.on_an_early_page() and not self.counting:
            self.walking = True
            return queryset.filter(self.searched.in_sort_order)
        return queryset.filter(self.searched.matches)

    def counted(self):
        """The same customers, filtered for counting: read in no order."""
        self.counting = True
        try:
            return self.filter_queryset(self.queryset.all())
        finally:
            self.counting = False

    def likely(self, condition):
        """`condition`, hinted to be true of most rows when rows are read in the sort
        order: the planner then walks the sort order's index and stops after a page,
        rather than reading all rows that meet it and sorting them (hints.py). Not when
        counting, where there is no order, and the condition's own index is quickest."""
        return condition if self.counting else Likely(condition)

    def on_an_early_page(self) -> bool:
        """Whether reading in the sort order reaches this page soon; deeper, it would
        read ever more rows, while sorting the matches costs the same on any page."""
        page = self.request.GET.get("page", "1")
        return not page.isdigit() or int(page) <= READ_IN_ORDER_PAGES

    def count_hint(self) -> dict:
        """What the paginator may count instead of the rows (ui.paginators): what the
        index found, if nothing else narrows it; else the same rows filtered for
        counting, which reads them in no order."""
        if not self.is_valid():
            return {}
        narrowed = {name for name, value in self.form.cleaned_data.items() if value}
        if not narrowed:
            return {}
        searched = self.searched
        if narrowed == {"q"} and searched.found is not None and searched.reference is None:
            return {"count": searched.found}
        if self.known_count is not None:
            return {"count": self.known_count}
        return {"counted": self.counted()}

    def of_status(self, queryset, name, value):
        return queryset.filter(self.likely(Q(status=value)))

    def tagged(self, queryset, name, value):
        # A subquery, not a join: each customer once, tested from the sort order's walk.
        tagged = Customer.tags.through.objects.filter(customer=OuterRef("pk"), tag=value)
        return queryset.filter(self.likely(Exists(tagged)))

    def owned_by_me(self, queryset, name, value):
        return queryset.filter(self.likely(Q(owner=self.request.user))) if value else queryset

    def owned_by(self, queryset, name, value):
        return queryset.filter(self.likely(Q(owner=value)))

    def narrowed_by(self) -> list[str]:
        chosen = self.chosen_hidden()
        words = []
        if "owner" in chosen:
            words.append(_("owned by %(name)s") % {"name": user_name(chosen["owner"])})
        if "team" in chosen:
            words.append(of_team(chosen["team"]))
        if "lead_source" in chosen:
            words.append(from_lead_source(chosen["lead_source"]))
        if "quiet" in chosen:
            words.append(_("no activity for %(days)s days") % {"days": chosen["quiet"]})
        return words

    def owned_by_team(self, queryset, name, value):
        return queryset.filter(self.likely(Q(owner__in=members_of(value))))

    def with_deal_from(self, queryset, name, value):
        """Customers with a deal from the lead source: where the customer came from."""
        from_source = Deal.objects.filter(customer=OuterRef("pk"), lead_source=value)
        return queryset.filter(self.likely(Exists(from_source)))

    def without_activity(self, queryset, name, value):
        return queryset.filter(quiet_since(value, timezone.now()))

    def without_next_step(self, queryset, name, value):
        # Customers with no open task: most of them, at first, so the hint lets the sort
        # order's index be walked (the next-step index serves its own sort). Hinted when
        # counting too: SQLite's statistics average over the days, and would otherwise
        # read the hundreds of thousands with none to count a rep's few.
        return queryset.filter(Likely(Q(next_step_due__isnull=True))) if value else queryset

    def with_lookalikes(self, queryset, name, value):
        # Customers another looks like (customers/core/duplicates.py): EXISTS probes of
        # the phone and likeness indexes, so the planner may walk the sort order.
        return with_lookalikes(queryset) if value else queryset

    def with_open_requests(self, queryset, name, value):
        return with_open_support_requests(queryset) if value else queryset

    # Whole days as half-open datetime ranges, so the created_at index serves them;
    # unless a common word walks the sort order: more than the count's cap match then,
    # and a page is nearer along the walk than among all the range's customers.
    def created_on_or_after(self, queryset, name, value):
        return queryset.filter(self.likely_if_walking(Q(created_at__gte=start_of_day(value))))

    def created_on_or_before(self, queryset, name, value):
        before = start_of_day(value + datetime.timedelta(days=1))
        return queryset.filter(self.likely_if_walking(Q(created_at__lt=before)))

    def likely_if_walking(self, condition):
        return Likely(condition) if self.walking and not self.counting else condition
