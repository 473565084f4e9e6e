"""Who may do what, as the views ask it: the refusals' words, and the owner field.

The rules themselves are the roles (groups) and customers.permissions.OwnershipBackend;
ui.access.ObjectPermissionRequiredMixin asks them about the object a view works on.
"""

REASSIGN_OWNER = "customers.reassign_owner"
PURGE_CUSTOMER = "customers.purge_customer"
RESOLVE_INTERACTION = "customers.resolve_interaction"

# What a user is told when the record is someone else's (`{object}` is its name).
NOT_YOURS_TO_CHANGE = "Only the owner or a manager can change “{object}”."
NOT_YOURS_TO_DELETE = "Only the owner or a manager can delete “{object}”."
# ... and when their role does not allow it at all.
ROLE_CANNOT = "Your role does not allow you to {action}."


def may_set_support_status(user, interaction) -> bool:
    """Resolve or reopen a support request: any of them with the Support agent's
    permission, else as far as the user may change the customer's activity."""
    return user.has_perm(RESOLVE_INTERACTION) or user.has_perm(
        "customers.change_interaction", interaction
    )


class OwnerFieldMixin:
    """The owner field is only for users who may reassign owners (Managers, Admins).

    Without that permission the form has no owner field: a new record belongs to
    whoever creates it (`with_creator_as_owner`), and an edit leaves the owner as it is.
    """

    def may_reassign_owner(self) -> bool:
        return self.request.user.has_perm(REASSIGN_OWNER)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.may_reassign_owner():
            form.fields.pop("owner", None)
        return form

    def with_creator_as_owner(self, data: dict) -> dict:
        """The data to create with: the chosen owner, else the creator."""
        return {"owner": self.request.user, **data}
