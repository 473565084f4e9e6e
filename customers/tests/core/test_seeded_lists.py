"""A fresh install starts with its pipeline in the site's language.

Each install is migrated in a process of its own, against its own SQLite file, with the
environment a team would set: the site language is read once, as settings load."""

from customers.tests import own_process

NAMES = (
    "from customers.models import LeadSource, Stage; "
    "print(list(Stage.objects.order_by('position').values_list('name', flat=True))); "
    "print(list(LeadSource.objects.order_by('position').values_list('name', flat=True)))"
)


def manage(tmp_path, language, *args) -> str:
    """What `manage.py *args` prints, for an install whose site language is `language`."""
    return own_process.manage(tmp_path, *args, LANGUAGE_CODE=language).stdout


def test_a_chinese_install_starts_with_chinese_stages_and_sources(tmp_path):
    manage(tmp_path, "zh-hans", "migrate", "--verbosity", "0")

    stages, sources = manage(tmp_path, "zh-hans", "shell", "--no-imports", "-c", NAMES).splitlines()

    assert stages == "['新商机', '需求确认', '方案报价', '商务谈判', '赢单', '丢单']"
    assert sources.startswith("['官网', '客户推荐'")


def test_a_later_migrate_leaves_the_admins_names_alone(tmp_path):
    manage(tmp_path, "en", "migrate", "--verbosity", "0")

    manage(tmp_path, "zh-hans", "migrate", "--verbosity", "0")
    stages, _ = manage(tmp_path, "zh-hans", "shell", "--no-imports", "-c", NAMES).splitlines()

    assert stages == "['New', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost']"
