"""What save() would have written, for tests of rows made without it."""

import copy


def search_text_of(customer) -> str:
    """The search text save() writes for the customer as it stands (Customer.derive),
    its contacts' names included."""
    saved = copy.copy(customer)
    saved.derive()
    return saved.search_text
