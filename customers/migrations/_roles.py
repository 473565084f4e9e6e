"""Giving a new model's permissions to the roles (the groups of 0002_crm_users_group),
for the migrations that add a model every role works with.

Django makes permissions only after all migrations have run; a migration that grants
them must make them first. Not a migration itself: Django's loader passes over a module
here whose name starts with "_".
"""

ROLES = ("Admin", "Manager", "Sales rep", "Support agent")


def grant(apps, codenames, roles=ROLES) -> None:
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("customers")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="customers", codename__in=codenames
    )
    for group in Group.objects.filter(name__in=roles):
        group.permissions.add(*permissions)
