import datetime

import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone

from customers.models import Customer, Tag
from customers.selectors.customers import CustomerSearch, with_open_support_requests

# Far-off dates would overflow once turned into datetimes in some time zones.
SENSIBLE_DATES = [
    MinValueValidator(datetime.date(1900, 1, 1), "Enter a date from 1900 to 2999."),
    MaxValueValidator(datetime.date(2999, 12, 31), "Enter a date from 1900 to 2999."),
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
            self.add_error("created_to", "The end date must not be before the start date.")
        return cleaned


class CustomerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search customers",
        method="search",
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "Name, email, phone, company or ID 123"}
        ),
    )
    status = django_filters.ChoiceFilter(choices=Customer.Status.choices, empty_label="Any status")
    tag = django_filters.ModelChoiceFilter(
        field_name="tags", queryset=Tag.objects.all(), label="Tag", empty_label="Any tag"
    )
    mine = django_filters.BooleanFilter(
        label="My customers",
        method="owned_by_me",
        widget=forms.CheckboxInput,
    )
    open_requests = django_filters.BooleanFilter(
        label="Open support requests",
        method="with_open_requests",
        widget=forms.CheckboxInput,
    )
    created_from = django_filters.DateFilter(
        label="Created from",
        method="created_on_or_after",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=SENSIBLE_DATES,
    )
    created_to = django_filters.DateFilter(
        label="Created to",
        method="created_on_or_before",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=SENSIBLE_DATES,
    )

    class Meta:
        model = Customer
        fields = ["q", "status", "tag", "mine", "open_requests", "created_from", "created_to"]
        form = CustomerFilterForm

    searched: CustomerSearch | None = None

    def search(self, queryset, name, value):
        self.searched = CustomerSearch(value)
        if self.searched.many and self.on_an_early_page():
            return queryset.filter(self.searched.in_sort_order)
        return queryset.filter(self.searched.matches)

    def on_an_early_page(self) -> bool:
        """Whether reading in the sort order reaches this page soon; deeper, it would
        read ever more rows, while sorting the matches costs the same on any page."""
        page = self.request.GET.get("page", "1")
        return not page.isdigit() or int(page) <= READ_IN_ORDER_PAGES

    def count_hint(self) -> dict:
        """What the paginator may count instead of the rows (ui.paginators): what the
        index found, if nothing else narrows it; else, when the rows are read in the
        sort order, the same rows through the index, which counts them faster."""
        if self.searched is None or self.searched.found is None:
            return {}
        narrowed = {name: value for name, value in self.form.cleaned_data.items() if value}
        if narrowed.keys() == {"q"} and self.searched.reference is None:
            return {"count": self.searched.found}
        if not self.searched.many or not self.on_an_early_page():
            return {}
        counted = self.queryset
        for name, value in narrowed.items():
            if name == "q":
                counted = counted.filter(self.searched.matches)
            else:
                counted = self.filters[name].filter(counted, value)
        return {"counted": counted}

    def owned_by_me(self, queryset, name, value):
        return queryset.filter(owner=self.request.user) if value else queryset

    def with_open_requests(self, queryset, name, value):
        return with_open_support_requests(queryset) if value else queryset

    # Whole days as half-open datetime ranges, so the created_at index serves them.
    def created_on_or_after(self, queryset, name, value):
        return queryset.filter(created_at__gte=start_of_day(value))

    def created_on_or_before(self, queryset, name, value):
        return queryset.filter(created_at__lt=start_of_day(value + datetime.timedelta(days=1)))
