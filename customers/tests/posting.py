"""What the CRM's forms post back, for tests that play the browser."""

CUSTOMER_FIELDS = ("name", "email", "phone", "company", "status")


def customer_form(customer, **changes):
    """What a customer's edit form posts back: the customer as shown (and the version it
    was shown at), with `changes` typed in."""
    data = {field: getattr(customer, field) for field in CUSTOMER_FIELDS}
    return {**data, "phone": customer.phone_display, "version": customer.version, **changes}


def customer_form_with_owner(customer, **changes):
    """What the edit form posts for a user who may give customers to someone else: the
    owner's select too, as shown (none: empty)."""
    return customer_form(customer, **{"owner": customer.owner_id or "", **changes})
