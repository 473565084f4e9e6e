from customers.forms.customers import CustomerForm
from customers.forms.versioned import changed_values

__all__ = ["CustomerForm", "changed_values"]
