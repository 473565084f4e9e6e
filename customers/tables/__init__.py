from customers.tables.customers import CustomerTable

__all__ = ["CustomerTable"]
