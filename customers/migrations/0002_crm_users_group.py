"""The group self-registered accounts join: it may work with customers.

Permissions are normally created after all migrations run; they are created here
first so a fresh database gets the group complete.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "CRM users"
CODENAMES = ["view_customer", "add_customer", "change_customer", "delete_customer"]


def create_group(apps, schema_editor):
    app_config = apps.get_app_config("customers")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="customers", codename__in=CODENAMES)
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("customers", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
