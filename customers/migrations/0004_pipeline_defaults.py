"""What a fresh install needs to work with deals: the stages of the pipeline, the
usual reasons a deal is lost and the usual lead sources. Admins may change them.

It also lets the "CRM users" group work with the records added next to customers.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAGES = [
    ("New", "open"),
    ("Qualified", "open"),
    ("Proposal", "open"),
    ("Negotiation", "open"),
    ("Won", "won"),
    ("Lost", "lost"),
]
CLOSING_REASONS = [
    "Price too high",
    "Chose a competitor",
    "No budget",
    "No decision made",
    "Timing not right",
    "Product not a fit",
    "Other",
]
LEAD_SOURCES = [
    "Website",
    "Referral",
    "Event",
    "Cold outreach",
    "Partner",
    "Advertising",
    "Other",
]
GROUP = "CRM users"
MODELS = ["contact", "interaction", "tag", "deal"]
ACTIONS = ["view", "add", "change", "delete"]


def add_defaults(apps, schema_editor):
    Stage = apps.get_model("customers", "Stage")
    ClosingReason = apps.get_model("customers", "ClosingReason")
    LeadSource = apps.get_model("customers", "LeadSource")
    for position, (name, outcome) in enumerate(STAGES, start=1):
        Stage.objects.get_or_create(
            name=name, defaults={"position": position, "outcome": outcome}
        )
    for position, name in enumerate(CLOSING_REASONS, start=1):
        ClosingReason.objects.get_or_create(name=name, defaults={"position": position})
    for position, name in enumerate(LEAD_SOURCES, start=1):
        LeadSource.objects.get_or_create(name=name, defaults={"position": position})


def grant_group(apps, schema_editor):
    # Permissions are normally created after all migrations have run.
    app_config = apps.get_app_config("customers")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="customers", codename__in=codenames)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("customers", "0003_record_contacts_timeline_tags_deals"),
    ]

    operations = [
        migrations.RunPython(add_defaults, migrations.RunPython.noop),
        migrations.RunPython(grant_group, migrations.RunPython.noop),
    ]
