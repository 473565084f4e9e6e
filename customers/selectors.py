"""Reads: what the grid lists and how it searches."""

from django.db.models import Q, QuerySet

from customers.models import Customer
from customers.search import search_terms


def customer_list() -> QuerySet[Customer]:
    """Customers as the grid shows them; no column needs a join."""
    return Customer.objects.defer("search_text")


def customer_search(*, queryset: QuerySet[Customer], query: str) -> QuerySet[Customer]:
    """Customers whose name, email, phone or company contain every word of `query`,
    regardless of case and accents."""
    for forms in search_terms(query):
        matches_any_form = Q()
        for form in forms:
            matches_any_form |= Q(search_text__contains=form)
        queryset = queryset.filter(matches_any_form)
    return queryset
