"""Ownership in the admin, for customers/admin.py to mix in (its owner wires it).

Django's ModelAdmin asks `has_perm("app.change_model")` without the object, so the
ownership backend never gets its say there. This asks with the object, as the CRM's
own views do. Today only Admins (who may act for any owner) and superusers reach the
admin (project/admin.py), so it changes nothing for them; it keeps the admin honest
if the site is ever opened to a narrower role.

    class ServiceAdmin(OwnershipAdminMixin, admin.ModelAdmin): ...
"""


class OwnershipAdminMixin:
    def _perm(self, action: str) -> str:
        return f"{self.opts.app_label}.{action}_{self.opts.model_name}"

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return request.user.has_perm(self._perm("change"), obj)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return super().has_delete_permission(request)
        return request.user.has_perm(self._perm("delete"), obj)
