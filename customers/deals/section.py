"""The deals section of the customer record page."""

from customers.deals.selectors import CUSTOMER_DEALS_SHOWN, customer_deals


def customer_deals_context(request, customer) -> dict:
    """What templates/customers/deals/customer_deals.html needs, for the record page: one query."""
    deals = customer_deals(customer=customer)
    return {
        "customer_deals": deals[:CUSTOMER_DEALS_SHOWN],
        "customer_deals_more": len(deals) > CUSTOMER_DEALS_SHOWN,
    }
