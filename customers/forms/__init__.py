from customers.forms.customers import CustomerForm, changed_values

__all__ = ["CustomerForm", "changed_values"]
