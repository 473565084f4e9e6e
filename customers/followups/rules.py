"""Whose tasks a user may manage: the roles' task permissions, narrowed per task.

Every role holds the task permissions (the tasks migration); this narrows them. A
Sales rep manages the tasks on customers they may change, and those assigned to them;
a Support agent (who may change no customer, but resolves anyone's support requests)
their own and those on a support request; a Manager or an Admin (`change_others_records`)
everyone's. One place for the rule: every view asks here.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy

from customers.core.permissions import ACT_FOR_ANY_OWNER, RESOLVE_INTERACTION, role_permissions

VIEW = "customers.view_followup"
ADD = "customers.add_followup"
CHANGE = "customers.change_followup"

NOT_YOURS = gettext_lazy(
    "Only its assignee, the customer's owner or a manager can change “{object}”."
)
CANNOT_ASSIGN = gettext_lazy("You can give tasks on this customer only to yourself.")
NO_ACCESS = gettext_lazy("{name} cannot see customers, so cannot work on this task.")


def acts_for_anyone(user) -> bool:
    return ACT_FOR_ANY_OWNER in role_permissions(user)


def works_on_support(user) -> bool:
    """A Support agent's mark: they resolve anyone's support requests."""
    return RESOLVE_INTERACTION in role_permissions(user)


def may_manage_task(user, task) -> bool:
    """Complete, reopen, snooze, change or delete `task`."""
    if not user.has_perm(CHANGE):
        return False
    if acts_for_anyone(user) or task.assignee_id == user.pk:
        return True
    if task.support_request_id and works_on_support(user):
        return True
    return user.has_perm("customers.change_customer", task.customer)


def may_add_task(user, customer) -> bool:
    """Add a task on `customer` (for themselves, at least)."""
    return user.has_perm(ADD) and user.has_perm("customers.view_customer")


def may_assign_to_others(user, customer) -> bool:
    """Give a task on `customer` to someone else: a rep on their customers, a manager.
    A support agent adds tasks for themselves only, on support requests or not."""
    return acts_for_anyone(user) or user.has_perm("customers.change_customer", customer)


def may_work_on_customers(assignee) -> bool:
    """Whether `assignee` could open the customer at all (an active user with a role that
    sees customers): a task for anyone else would never be done."""
    return assignee.is_active and assignee.has_perm("customers.view_customer")


def manageable_tasks(user) -> Q:
    """The tasks `user` may manage, as a filter: for lists and counts."""
    if acts_for_anyone(user):
        return Q()
    mine = Q(assignee=user)
    if works_on_support(user):
        mine |= Q(support_request__isnull=False)
    if user.has_perm("customers.change_customer"):
        # A rep's customers: those they own and those nobody owns.
        return mine | Q(customer__owner=user) | Q(customer__owner__isnull=True)
    return mine
