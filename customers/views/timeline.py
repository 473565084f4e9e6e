"""A customer's activity timeline: add, filter, page, resolve support requests."""


def timeline_context(request, customer) -> dict:
    """What templates/customers/timeline.html needs, for the record page."""
    return {}
