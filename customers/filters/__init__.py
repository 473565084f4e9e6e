from customers.filters.customers import CustomerFilter

__all__ = ["CustomerFilter"]
