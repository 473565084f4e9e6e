"""Settings, read from the environment.

With no variables at all this is a development setup on SQLite. Production sets
DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and usually DATABASE_URL; see the README.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off the app needs a secret key; generate one with\n"
            "  python -c 'from django.core.management.utils import get_random_secret_key; "
            "print(get_random_secret_key())'\n"
            "and export it as SECRET_KEY."
        )
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "project.apps.CRMAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tables2",
    "django_filters",
    "widget_tweaks",
    "simple_history",
    "axes",
    "django_tasks_db",
    "ui",
    "customers",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before CommonMiddleware: Accept-Language, then LANGUAGE_CODE.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A signed-in user's own language, before any view or message is made.
    "project.language.UserLanguageMiddleware",
    # ... and their own time zone, for every date and time shown or typed.
    "project.timezones.UserTimeZoneMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "ui.middleware.VaryOnHtmxMiddleware",
    "ui.middleware.LoginRequiredMiddleware",
    "ui.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "ui.middleware.HtmxMessagesMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as its documentation asks: it turns a lockout into the response below.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "project.urls"
WSGI_APPLICATION = "project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "project.context_processors.site",
                "customers.followups.context_processors.my_work",
                "customers.notifications.context_processors.unread",
            ],
        },
    },
]

# Database: SQLite by default, anything dj-database-url understands through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers may write at once: WAL lets readers run beside a writer,
    # IMMEDIATE takes the write lock at BEGIN (so a transaction never fails half-way to
    # upgrade its lock), and the timeout (SQLite's busy timeout, in seconds) makes a
    # writer wait for the lock instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": ("PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"),
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The only server-side cursors Django would open for us are for the few rows of a
    # select's choices (ModelChoiceIterator): three round trips more each, for a handful
    # of rows. Nothing of ours streams a large result with iterator().
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Refuses a sign-in while its username or address is locked out (see AXES_*).
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, with a user's and their role's permissions in one query.
    "customers.core.permissions.RoleBackend",
    # Narrows change and delete to what a user owns, unless their role says otherwise.
    "customers.core.permissions.OwnershipBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "customer_list"
LOGOUT_REDIRECT_URL = "login"

# Self-registration: off unless switched on. New accounts have no role and cannot sign
# in until an administrator activates them and gives them one in the admin.
REGISTRATION_OPEN = env_bool("REGISTRATION_OPEN", False)
# Whether sales reps and support agents see their colleagues' names in the reports (in
# the figures per owner and per rep); else they see their own and "Other people".
REPORTS_SHOW_NAMES = env_bool("REPORTS_SHOW_NAMES", False)

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed sign-ins, the username
# and, separately, the address are locked out for AXES_COOLOFF_MINUTES. Every sign-in,
# good or bad, is kept in the access log the admin shows.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True  # only that username's failures from that address: see the handler
AXES_HANDLER = "project.accounts.SignInAttemptsHandler"
AXES_LOCKOUT_CALLABLE = "project.accounts.locked_out"
AXES_CLIENT_IP_CALLABLE = "project.accounts.client_ip"
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)

# Phone numbers typed without a country code are read as numbers of this region.
PHONE_DEFAULT_REGION = os.environ.get("PHONE_DEFAULT_REGION", "US")

# Lists count their rows up to this many and say "1,000+" past it: counting costs as
# many rows as it counts, and past a thousand the exact number tells a person nothing
# more (see docs/performance.md).
LIST_COUNT_CAP = 1_000

# Background work (imports now, reminders and emails later) goes through Django's Tasks
# framework into a table, and `manage.py worker` (django-tasks-db's db_worker, which
# first resumes imports a killed worker left) runs it in its own process: never inside a
# web request. `make run` starts one beside the server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Reminders (customers/followups/reminders.py), told in each assignee's time zone (their
# preference, else TIME_ZONE): a task with a day but no time is due at REMINDER_HOUR; the
# overdue digest goes out from DIGEST_HOUR.
REMINDER_HOUR = int(os.environ.get("REMINDER_HOUR", 9))
DIGEST_HOUR = int(os.environ.get("DIGEST_HOUR", 8))
# Links in emails start with this: an email has no request to take the host from.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Email: printed to the console in development; in production sent through the SMTP
# server that EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD and
# EMAIL_USE_TLS (or EMAIL_USE_SSL) name. (Django 6.1's MAILERS; the test runner swaps in
# its in-memory backend.)
if env_bool("EMAIL_TO_CONSOLE", DEBUG):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("EMAIL_PORT", 25)),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", False),
                "use_ssl": env_bool("EMAIL_USE_SSL", False),
                "timeout": 20,
            },
        }
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "CRM <crm@localhost>")

# Uploaded files (spreadsheets waiting to be imported) live here, outside git.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"  # never served: imports read their files from disk, by the worker

# Uploads. An import file may be large; it is spooled to a temporary file past
# FILE_UPLOAD_MAX_MEMORY_SIZE (never held in memory whole), and refused as soon as it
# passes IMPORT_MAX_UPLOAD_BYTES (ui.uploads.CappedUploadHandler stops reading it).
# DATA_UPLOAD_MAX_MEMORY_SIZE caps the rest of a request's body (its fields, not files).
IMPORT_MAX_UPLOAD_BYTES = int(os.environ.get("IMPORT_MAX_UPLOAD_BYTES", 200 * 1024 * 1024))
MAX_UPLOAD_BYTES = IMPORT_MAX_UPLOAD_BYTES  # the largest file any form takes
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_HANDLERS = [
    "ui.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# An XLSX is a zip: its parts may unpack to at most this much (a zip bomb is refused
# before openpyxl opens it).
IMPORT_MAX_UNPACKED_BYTES = int(
    os.environ.get("IMPORT_MAX_UNPACKED_BYTES", 10 * IMPORT_MAX_UPLOAD_BYTES)
)
# An import can be undone for this many days after it finished.
IMPORT_UNDO_DAYS = int(os.environ.get("IMPORT_UNDO_DAYS", 7))
# Rows written per transaction; progress is committed with each batch.
IMPORT_BATCH_SIZE = int(os.environ.get("IMPORT_BATCH_SIZE", 500))

# The site's language when neither the user's setting nor the browser says otherwise.
# A third language is one more entry here and its catalogue in locale/.
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "en")
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# How dates are shown: `|date` (or `|date:"DATETIME_FORMAT"`) in templates and
# `date_format(value)` in Python, never a format written by hand. English's own locale
# formats would win over these, so project/formats/ hands them to Django first.
DATE_FORMAT = "M j, Y"  # Mar 14, 2025
SHORT_DATE_FORMAT = "M j, Y"  # a table's day cell: the same, for now
DATETIME_FORMAT = "M j, Y, H:i"  # Mar 14, 2025, 09:05
FORMAT_MODULE_PATH = ["project.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/htmx_table.html"

# Security headers. The CSP allows no inline script and no foreign host; htmx's own
# <script> carries the per-request nonce, and htmx is configured never to eval.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # The load balancer asks these over plain HTTP, host to host: a redirect is no answer.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if BEHIND_TLS_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # django-axes logs every sign-in at INFO; its AccessLog keeps them already.
        "axes": {"level": os.environ.get("AXES_LOG_LEVEL", "WARNING")},
        # Django's own default gives "django" a console handler of its own under DEBUG,
        # and the record then reaches the root's as well: every line printed twice.
        "django": {"handlers": [], "level": "INFO"},
    },
}
