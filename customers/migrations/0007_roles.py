"""The four roles, as groups a fresh install has. Admins give users roles in /admin/.

Sales reps hold change and delete permissions that customers.permissions narrows to
what they own; Managers and Admins hold `change_others_records`, which lifts that.
The old "CRM users" group could do everything with customers but purge, which is
the Manager role now: its members move there.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CRM = ["customer", "contact", "interaction", "tag", "deal"]
PIPELINE = ["stage", "closingreason", "leadsource"]
ALL = ["view", "add", "change", "delete"]


def every(models):
    return [f"{action}_{model}" for model in models for action in ALL]


MANAGER = [
    *every(CRM),
    *every(PIPELINE),
    "reassign_owner",
    "change_others_records",
    "resolve_interaction",
]
ROLES = {
    "Admin": [*MANAGER, "purge_customer"],
    "Manager": MANAGER,
    "Sales rep": [
        *(f"view_{model}" for model in CRM),
        *(f"add_{model}" for model in CRM),
        *(f"{action}_{model}" for action in ("change", "delete") for model in CRM if model != "tag"),
    ],
    "Support agent": [
        *(f"view_{model}" for model in CRM),
        "add_interaction",
        "add_contact",
        "resolve_interaction",
    ],
}
# Admins also manage users, roles and the sign-in log.
ADMIN_ONLY = {
    "auth": every(["user", "group"]),
    "axes": ["view_accessattempt", "delete_accessattempt", "view_accesslog"],
}
OLD_GROUP = "CRM users"


def make_permissions(apps):
    # Permissions are normally created after all migrations have run.
    for label in ("customers", "auth", "axes"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def add_roles(apps, schema_editor):
    make_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="customers", codename__in=codenames)
        )
    admin = Group.objects.get(name="Admin")
    for app_label, codenames in ADMIN_ONLY.items():
        admin.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
    old = Group.objects.filter(name=OLD_GROUP).first()
    if old:
        Group.objects.get(name="Manager").user_set.add(*old.user_set.all())
        old.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("axes", "0009_add_session_hash"),
        ("customers", "0006_history_trash_versions"),
    ]

    operations = [migrations.RunPython(add_roles, migrations.RunPython.noop)]
