"""Who may import what: each kind of import needs the right to add what it brings in,
and undoing it the right to delete that (a customers import's undo trashes them)."""

from customers.models import ImportRun

Target = ImportRun.Target
ADD = {
    Target.CUSTOMERS: "customers.add_customer",
    Target.CONTACTS: "customers.add_contact",
    Target.ACTIVITY: "customers.add_interaction",
}
DELETE = {
    Target.CUSTOMERS: "customers.delete_customer",
    Target.CONTACTS: "customers.delete_contact",
    Target.ACTIVITY: "customers.delete_interaction",
}


def importable_targets(user) -> list[str]:
    """The kinds of import `user`'s role allows, in the order the upload page offers."""
    return [target for target in Target.values if user.has_perm(ADD[target])]


def may_import(user, target: str) -> bool:
    return user.has_perm(ADD[target])
