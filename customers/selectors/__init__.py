"""Reads: what each page lists and how it searches. One module per page or record."""

from customers.selectors.customers import customer_grid, customer_list, customer_search

__all__ = ["customer_grid", "customer_list", "customer_search"]
