"""Fixtures shared by the customers, ui and project test suites."""

import itertools

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission, User
from django.test import Client
from django.utils import translation

from customers.core.services import customer_create

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the test database is a file, as in production, not Django's default
    in-memory one. The browser tests' live server answers each request in a thread of
    its own, and Django hands every thread the one in-memory connection: two requests
    at once (a live search and an Enter) then corrupt each other's queries ("bad
    parameter or other API misuse"). With a file, each thread opens its own connection
    and WAL with the busy timeout serialises the writers, as it does for gunicorn."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        test_file = tmp_path_factory.mktemp("db") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(test_file)


def pytest_configure(config):
    # WhiteNoise warns on every test client that collectstatic has not been run;
    # the tests never serve static files.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing is slow by design; the tests only need passwords to check."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def english_after_each_test():
    """A request in Chinese leaves its language active in the thread; the next test,
    which may read a form's English error without a request, starts in the default."""
    yield
    translation.deactivate()


@pytest.fixture
def password() -> str:
    """The password of every user made by `make_user` (and of `superuser`)."""
    return PASSWORD


@pytest.fixture
def make_user(db):
    """make_user("name", perms=("view_customer", ...), is_staff=True...): a user with
    PASSWORD and the given customer permissions."""

    def make(username: str, *, perms: tuple[str, ...] = (), **extra) -> User:
        user = User.objects.create_user(username, f"{username}@example.com", PASSWORD, **extra)
        if perms:
            user.user_permissions.set(
                Permission.objects.filter(content_type__app_label="customers", codename__in=perms)
            )
        return user

    return make


CRM_PERMISSIONS = tuple(
    f"{action}_{model}"
    for model in ("customer", "contact", "interaction", "tag", "deal")
    for action in ("view", "add", "change", "delete")
)


# Acting for any owner and reassigning owners, as a Manager does: most tests are about
# something else than ownership (test_permission_matrix.py and the role fixtures below
# are about that).
MANAGER_EXTRAS = ("change_others_records", "reassign_owner")


@pytest.fixture
def user(make_user) -> User:
    """A CRM user who may view, add, change and delete customers and their records,
    whoever owns them, and give them to someone else."""
    return make_user("clerk", perms=CRM_PERMISSIONS + MANAGER_EXTRAS)


@pytest.fixture
def user_without_permissions(make_user) -> User:
    return make_user("nobody")


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser("root", "root@example.com", PASSWORD)


@pytest.fixture
def user_client(client: Client, user: User) -> Client:
    """A browser signed in as `user`."""
    client.force_login(user)
    return client


@pytest.fixture
def csrf_client(user: User) -> Client:
    """A browser signed in as `user` that checks CSRF tokens as a real one would."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    return browser


@pytest.fixture
def make_customer(db):
    """Create customers through the service, as the app does; emails are unique by default."""
    numbers = itertools.count(1)

    def make(**fields):
        n = next(numbers)
        fields.setdefault("name", f"Customer {n}")
        fields.setdefault("email", f"customer{n}@example.com")
        return customer_create(**fields)

    return make


# --- Roles (the groups of the roles migration) -------------------------------------


@pytest.fixture
def role_user(make_user):
    """role_user("Sales rep", "rita"): a user whose only permissions are that role's
    (None: a signed-in user with no role at all)."""

    def make(role_name: str | None, username: str, **extra) -> User:
        member = make_user(username, **extra)
        if role_name:
            member.groups.add(Group.objects.get(name=role_name))
        return member

    return make


def role_fixture(role_name: str | None, username: str):
    """A fixture: the user `username`, with the role `role_name` (see `role_user`)."""

    @pytest.fixture
    def member(role_user) -> User:
        return role_user(role_name, username)

    return member


admin_user = role_fixture("Admin", "ada")
manager = role_fixture("Manager", "mia")
sales_rep = role_fixture("Sales rep", "rita")
other_rep = role_fixture("Sales rep", "otto")
support_agent = role_fixture("Support agent", "sue")
no_role_user = role_fixture(None, "newbie")
