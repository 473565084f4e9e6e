"""The events the server fires (HX-Trigger) for other regions of the page to refresh."""

# The grid's rows may have changed (a delete, a tag, an open support request).
CUSTOMERS_CHANGED = "customers-changed"
# A customer was added: the grid clears its filters, so the new one is on top.
CUSTOMER_CREATED = "customer-created"
# The user chose which of the grid's columns they see: the grid draws itself again.
GRID_COLUMNS_CHANGED = "grid-columns-changed"
# The record page's customer was saved.
CUSTOMER_CHANGED = "customer-changed"
# The record page's contacts changed.
CONTACTS_CHANGED = "contacts-changed"
# The deal list's rows changed.
DEALS_CHANGED = "deals-changed"
# What the trash holds changed (a restore, a purge).
TRASH_CHANGED = "trash-changed"
