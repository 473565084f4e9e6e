"""Who may do what to which record: the roles' model permissions, narrowed by ownership.

Roles are groups (see the roles migration). A Sales rep holds change and delete
permissions, but this backend lets them use those only on customers and deals they
own or nobody owns, and on the contacts and activity of such customers. A role with
`change_others_records` (Manager, Admin) is not narrowed.

Ask with `user.has_perm("customers.change_customer", customer)`: RoleBackend (Django's
ModelBackend) answers the question without an object, OwnershipBackend the one with it.
"""

from django.contrib.auth.backends import BaseBackend, ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from customers.models import Contact, Customer, Deal, Interaction

ACT_FOR_ANY_OWNER = "customers.change_others_records"
OWNED = {
    f"customers.{action}_{model}"
    for action in ("change", "delete")
    for model in ("customer", "deal", "contact", "interaction")
}


def owner_id(obj) -> int | None:
    """The user who looks after `obj`: its own owner, or its customer's."""
    match obj:
        case Customer() | Deal():
            return obj.owner_id
        case Contact() | Interaction():
            return obj.customer.owner_id
    raise TypeError(f"{type(obj).__name__} has no owner")


def role_permissions(user_obj) -> set[str]:
    """The user's permissions without an object (their role's), gathered from the
    backends once per user object, as ModelBackend caches its own: a grid page asks
    about every row twice."""
    try:
        return user_obj._role_permissions
    except AttributeError:
        user_obj._role_permissions = user_obj.get_all_permissions()
        return user_obj._role_permissions


class RoleBackend(ModelBackend):
    """Django's ModelBackend, reading a user's own permissions and their role's in one
    query rather than two: nearly every page asks for them."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            granted = Permission.objects.all()
            if not user_obj.is_superuser:
                granted = granted.filter(Q(user=user_obj) | Q(group__user=user_obj))
            names = granted.values_list("content_type__app_label", "codename").order_by()
            user_obj._perm_cache = {f"{app}.{codename}" for app, codename in names}
        return user_obj._perm_cache


class OwnershipBackend(BaseBackend):
    def has_perm(self, user_obj, perm, obj=None):
        if obj is None or not user_obj.is_active:
            return False
        role = role_permissions(user_obj)
        if perm not in role:
            return False
        if perm not in OWNED:
            return True
        return owner_id(obj) in (None, user_obj.pk) or ACT_FOR_ANY_OWNER in role


REASSIGN_OWNER = "customers.reassign_owner"
# Making a tag no one has yet: the record's "Add tag", and an import's Tags column.
ADD_TAG = "customers.add_tag"
PURGE_CUSTOMER = "customers.purge_customer"
RESOLVE_INTERACTION = "customers.resolve_interaction"

# What a user is told when the record is someone else's (`{object}` is its name).
NOT_YOURS_TO_CHANGE = gettext_lazy("Only the owner or a manager can change “{object}”.")
NOT_YOURS_TO_DELETE = gettext_lazy("Only the owner or a manager can delete “{object}”.")
# ... and when their role does not allow it at all.
ROLE_CANNOT = gettext_lazy("Your role does not allow you to {action}.")


def role_cannot(action) -> str:
    """ROLE_CANNOT for `action` (a gettext_lazy phrase), translated when it is shown."""
    return format_lazy(ROLE_CANNOT, action=action)


def may_set_support_status(user, interaction) -> bool:
    """Resolve or reopen a support request: any of them with the Support agent's
    permission, else as far as the user may change the customer's activity."""
    return user.has_perm(RESOLVE_INTERACTION) or user.has_perm(
        "customers.change_interaction", interaction
    )
