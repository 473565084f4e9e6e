"""Every write goes through here: views, admin, import and commands alike."""

from customers.services.bulk import (
    customers_add_tag,
    customers_assign_owner,
    customers_delete,
    customers_set_status,
)
from customers.services.contacts import contact_create, contact_delete, contact_update
from customers.services.customers import customer_create, customer_delete, customer_update
from customers.services.deals import deal_create, deal_delete, deal_move, deal_update
from customers.services.interactions import interaction_create, interaction_set_status
from customers.services.tags import (
    customer_tag_add,
    customer_tag_remove,
    tag_delete,
    tag_get_or_create,
)
from customers.services.trash import (
    customer_purge,
    customer_restore,
    customer_trash,
    trash_purge,
)

__all__ = [
    "contact_create",
    "contact_delete",
    "contact_update",
    "customer_create",
    "customer_delete",
    "customer_purge",
    "customer_restore",
    "customer_tag_add",
    "customer_tag_remove",
    "customer_trash",
    "customer_update",
    "customers_add_tag",
    "customers_assign_owner",
    "customers_delete",
    "customers_set_status",
    "deal_create",
    "deal_delete",
    "deal_move",
    "deal_update",
    "interaction_create",
    "interaction_set_status",
    "tag_delete",
    "tag_get_or_create",
    "trash_purge",
]
