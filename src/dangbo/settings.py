"""Django settings. Everything that differs per installation comes from the environment.

DANGBO_DATABASE_URL selects the database (sqlite:///path or postgres://...); without it an
SQLite file in DANGBO_DATA_DIR (default: the per-user data folder) is used. DANGBO_REPLICA_URLS
(comma-separated postgres:// URLs of streaming standbys) moves report reads to them.
"""

import os
from pathlib import Path
from typing import Any

import dj_database_url
import platformdirs

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("DANGBO_DATA_DIR") or platformdirs.user_data_dir("dangbo"))


def _private_data_dir() -> None:
    """The data folder holds the database (TOTP seeds, session keys, personal data), the
    secret key, backups and uploads: readable by its owner only. Files made in it by this
    process are private too (umask 077), whatever the user's own umask."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    try:
        DATA_DIR.chmod(0o700)
    except PermissionError:  # a folder someone else owns (a shared mount): their choice
        pass
    os.umask(0o077)
    for path in DATA_DIR.iterdir():  # files made before this rule, by an older dangbo
        try:
            if path.is_file() and path.stat().st_mode & 0o077:
                path.chmod(0o600)
        except OSError:
            pass


_private_data_dir()


def _secret_key() -> str:
    key = os.environ.get("DANGBO_SECRET_KEY")
    if key:
        return key
    # A per-installation key kept beside the data, made once.
    path = DATA_DIR / "secret_key"
    if not path.exists():
        import secrets

        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("DANGBO_DEBUG") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("DANGBO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "ninja",  # serves Swagger UI from its own static files (no CDN)
    "dangbo.core",
    "dangbo.audit",
    "dangbo.rules",
    "dangbo.orgs",
    "dangbo.members",
    "dangbo.training",
    "dangbo.study",
    "dangbo.assessment",
    "dangbo.inspection",
    "dangbo.awards",
    "dangbo.meetings",
    "dangbo.terms",
    "dangbo.exchange",
    "dangbo.reports",
    "dangbo.stats",
    "dangbo.accounts",
    "dangbo.dashboard",
    "dangbo.fixtures",
    "dangbo.corrections",  # no models: the pages and tags that void and correct records
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "dangbo.accounts.two_factor.RequireTwoFactorMiddleware",
    "dangbo.audit.context.AuditOriginMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "dangbo.core.middleware.SecurityHeadersMiddleware",
    "dangbo.core.middleware.VaryOnHtmxMiddleware",
    "dangbo.accounts.middleware.RefuseNulMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "dangbo.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "dangbo.accounts.context.navigation",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
WSGI_APPLICATION = "dangbo.wsgi.application"


def _database() -> dict[str, Any]:
    url = os.environ.get("DANGBO_DATABASE_URL")
    if not url:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{DATA_DIR / 'dangbo.sqlite3'}"
    db: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    if db["ENGINE"] == "django.db.backends.sqlite3":
        db["CONN_MAX_AGE"] = 0
        db["OPTIONS"] = {
            # WAL lets readers (the web app, a backup) go on while an import writes.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;",
            "transaction_mode": "IMMEDIATE",
        }
        db["TEST"] = {"NAME": os.environ.get("DANGBO_TEST_SQLITE") or None}
    return db


DATABASES: dict[str, dict[str, Any]] = {"default": _database()}
# Read replicas (streaming standbys of the PostgreSQL primary): report work reads from them.
for _i, _url in enumerate(u.strip() for u in os.environ.get("DANGBO_REPLICA_URLS", "").split(",") if u.strip()):
    DATABASES[f"replica_{_i + 1}"] = dict(dj_database_url.parse(_url, conn_max_age=60)) | {"TEST": {"MIRROR": "default"}}
DATABASE_ROUTERS = ["dangbo.core.replicas.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "dangbo.accounts.passwords.MinimumLength"},  # a Vietnamese refusal (Django's is English)
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # counts failures and refuses a locked-out sign-in
    "django.contrib.auth.backends.ModelBackend",
]

# ---- sign-in hardening (issue: access and trust) ----------------------------------------
import datetime as _dt  # noqa: E402

AXES_FAILURE_LIMIT = int(os.environ.get("DANGBO_LOCKOUT_AFTER", "5"))
AXES_COOLOFF_TIME = _dt.timedelta(minutes=int(os.environ.get("DANGBO_LOCKOUT_MINUTES", "15")))
# The name and the machine together: a wrong guess from elsewhere cannot lock a clerk out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "dangbo.accounts.security.locked_out"
AXES_VERBOSE = False
# Administrators and whole-root officers confirm sign-in with a TOTP code (django-otp).
DANGBO_REQUIRE_2FA = os.environ.get("DANGBO_REQUIRE_2FA", "1") != "0"

# Import at national size (exchange/importer.py): rows of persons checked at a time, worker
# processes for a first load into PostgreSQL (0: as many as cores, at most 2), the rows from
# which a first load of an empty table rebuilds its indexes at the end, and the size of a
# ratings sheet that a second process reads.
DANGBO_IMPORT_GROUP_ROWS = int(os.environ.get("DANGBO_IMPORT_GROUP_ROWS", "300000"))
DANGBO_IMPORT_WORKERS = int(os.environ.get("DANGBO_IMPORT_WORKERS", "0"))
DANGBO_BULK_LOAD_ROWS = int(os.environ.get("DANGBO_BULK_LOAD_ROWS", "200000"))
DANGBO_IMPORT_APART_BYTES = int(os.environ.get("DANGBO_IMPORT_APART_BYTES", "20000000"))
# A file of at most this many rows into a register that holds persons (a unit's monthly
# workbook) is checked against the units it names and their closure, not the whole tree.
DANGBO_IMPORT_NARROW_ROWS = int(os.environ.get("DANGBO_IMPORT_NARROW_ROWS", "50000"))
OTP_TOTP_ISSUER = "dangbo"

# Uploads to the import wizard, bounded before they are read (exchange/limits.py): the file as
# sent, its content unpacked (an .xlsx is a zip too) and the ratio of the two per zip member,
# rows of one sheet, cells of the whole file and shared strings of a workbook. A confirmed
# import with more rows than DANGBO_IMPORT_INLINE_ROWS runs as a background job; uploads older
# than DANGBO_UPLOAD_KEEP_HOURS are swept away.
DANGBO_UPLOAD_MAX_MB = int(os.environ.get("DANGBO_UPLOAD_MAX_MB", "50"))
DANGBO_UPLOAD_MAX_UNPACKED_MB = int(os.environ.get("DANGBO_UPLOAD_MAX_UNPACKED_MB", "500"))
DANGBO_UPLOAD_MAX_RATIO = int(os.environ.get("DANGBO_UPLOAD_MAX_RATIO", "200"))
DANGBO_UPLOAD_MAX_ROWS = int(os.environ.get("DANGBO_UPLOAD_MAX_ROWS", "500000"))
DANGBO_UPLOAD_MAX_CELLS = int(os.environ.get("DANGBO_UPLOAD_MAX_CELLS", "10000000"))
DANGBO_UPLOAD_MAX_SHARED_STRINGS = int(os.environ.get("DANGBO_UPLOAD_MAX_SHARED_STRINGS", "2000000"))
DANGBO_IMPORT_INLINE_ROWS = int(os.environ.get("DANGBO_IMPORT_INLINE_ROWS", "20000"))
DANGBO_UPLOAD_KEEP_HOURS = int(os.environ.get("DANGBO_UPLOAD_KEEP_HOURS", "24"))
# The longest period a report may cover (a term is five years; two terms and more to compare).
DANGBO_REPORT_MAX_YEARS = int(os.environ.get("DANGBO_REPORT_MAX_YEARS", "20"))

SESSION_COOKIE_AGE = int(os.environ.get("DANGBO_SESSION_HOURS", "8")) * 3600  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_NAME = "dangbo_phien"
CSRF_COOKIE_NAME = "dangbo_csrf"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Behind HTTPS (a reverse proxy or a certificate on the server): secure cookies, HSTS and a
# redirect from http. An office LAN without a certificate runs with it off.
if os.environ.get("DANGBO_HTTPS") == "1":
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^health$"]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

LOGIN_URL = "dang-nhap"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "dang-nhap"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise serves from the app folders too
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
