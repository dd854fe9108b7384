"""Cloud Park settings, read from the environment only.

``CLOUDPARK_ENV`` picks the mode:

* ``demo`` (default): embedded SQLite under ``var/``, a secret generated once and kept under
  ``var/``, tasks run in the web process, mail written to files under ``var/mail/``.
* ``production``: ``SECRET_KEY``, ``DATABASE_URL`` and ``ALLOWED_HOSTS`` must be given; the
  platform refuses to start with a default secret or with DEBUG on.
* ``test``: chosen automatically under pytest; fast hashing, in-memory mail.
"""

import ipaddress
import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(os.environ.get("CLOUDPARK_HOME", Path.cwd())).resolve()
VAR_DIR = Path(os.environ.get("CLOUDPARK_VAR", BASE_DIR / "var")).resolve()

ENVIRONMENTS = ("demo", "production", "test")
ENV = os.environ.get("CLOUDPARK_ENV") or ("test" if "pytest" in sys.modules else "demo")
if ENV not in ENVIRONMENTS:
    raise ImproperlyConfigured(f"CLOUDPARK_ENV must be one of {', '.join(ENVIRONMENTS)}")
PRODUCTION = ENV == "production"
TESTING = ENV == "test"


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def demo_secret_key():
    """A secret made once per installation and kept beside the demo database."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


INSECURE_SECRET_PREFIX = "insecure-"
DEBUG = env_bool("DEBUG", default=False)
if PRODUCTION:
    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    if not SECRET_KEY or SECRET_KEY.startswith(INSECURE_SECRET_PREFIX) or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "Production mode needs SECRET_KEY: at least 50 random characters, not a default."
        )
    if DEBUG:
        raise ImproperlyConfigured("Production mode refuses to start with DEBUG on.")
elif TESTING:
    SECRET_KEY = os.environ.get("SECRET_KEY", INSECURE_SECRET_PREFIX + "test-only-" + "x" * 40)
else:
    SECRET_KEY = os.environ.get("SECRET_KEY") or demo_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Production mode needs ALLOWED_HOSTS.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "cloudpark.core",
    "cloudpark.accounts",
    "cloudpark.orgs",
    "cloudpark.notifications",
    "cloudpark.reviews",
    "cloudpark.programs",
    "cloudpark.bases",
    "cloudpark.filings",
    "cloudpark.events",
    "cloudpark.jobs",
    "cloudpark.finance",
    "cloudpark.news",
    "cloudpark.awards",
    "cloudpark.dashboards",
    "cloudpark.benefits",
    "cloudpark.search",
    "cloudpark.market",
    "cloudpark.copyright",
    "cloudpark.portals",
    "cloudpark.api",
    "cloudpark.demo",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks_db",
    "django_htmx",
    "django_cotton",
    "crispy_forms",
    "crispy_bootstrap5",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cloudpark.core.middleware.RequestOriginMiddleware",
    "cloudpark.core.middleware.PermissionsPolicyMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "cloudpark.core.middleware.SessionLimitsMiddleware",
    "cloudpark.accounts.middleware.PasswordAgeMiddleware",
    "cloudpark.accounts.middleware.SecondFactorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cloudpark.urls"
WSGI_APPLICATION = "cloudpark.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "OPTIONS": {
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    [
                        "django_cotton.cotton_loader.Loader",
                        "django.template.loaders.filesystem.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            "builtins": ["django_cotton.templatetags.cotton"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cloudpark.portals.context_processors.portal",
            ],
        },
    }
]

# Databases: SQLite in WAL mode by default, anything dj-database-url reads otherwise.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
        "PRAGMA busy_timeout=20000;"
    ),
}
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
elif PRODUCTION:
    raise ImproperlyConfigured("Production mode needs DATABASE_URL (PostgreSQL).")
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "cloudpark.sqlite3",
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
    # A connection is kept for the life of its thread: opening one reads the whole schema
    # (hundreds of tables and indexes) before the first query, about 8 ms, which a page paid
    # on every request. SQLite has no server to time idle connections out.
    DATABASES["default"]["CONN_MAX_AGE"] = None
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool(
    "CLOUDPARK_POSTGRES_JIT"
):
    # PostgreSQL's JIT compiles the plans of list queries for longer (24-42 ms) than they
    # then take to run; off per connection unless asked for (docs/operations.md).
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "CLOUDPARK_POSTGRES_PREPARED", True
):
    # A query a connection has run a few times is prepared: PostgreSQL then keeps its plan
    # instead of planning it again on every request (a signed-in page's membership query
    # took 0.5 ms to plan for 0.06 ms of running). Parameters are then bound by the server.
    # Off for a pooler that cannot carry prepared statements (docs/operations.md).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work goes through Django's task API: stored in the database for the worker in
# production, run in-process on commit for the demo and the tests.
if PRODUCTION or env_bool("CLOUDPARK_TASK_WORKER"):
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
TASKS_RUN_IMMEDIATELY = TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
# Enterprise imports of more rows than this are checked and imported by the task worker, with
# a progress bar, rather than in the web request (docs/operations.md).
ENTERPRISE_IMPORT_BACKGROUND_ROWS = int(os.environ.get("CLOUDPARK_IMPORT_BACKGROUND_ROWS", "2000"))
# A list's Excel export of more rows than this is written by the task worker into a file the
# person downloads from "My exports", kept this many days (docs/operations.md).
EXPORT_INLINE_ROWS = int(os.environ.get("CLOUDPARK_EXPORT_INLINE_ROWS", "5000"))
EXPORT_RETENTION_DAYS = int(os.environ.get("CLOUDPARK_EXPORT_RETENTION_DAYS", "7"))

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Passwords (docs/security.md): at least 10 characters, none of the product's names, the
# person's own name or e-mail, or a password from the breached list shipped in accounts/data.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ["email", "name"]},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "cloudpark.accounts.validators.PersonalDataValidator"},
    {"NAME": "cloudpark.accounts.validators.ProductNameValidator"},
    {"NAME": "cloudpark.accounts.validators.BreachedPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# No forced rotation (NIST SP 800-63B); an operator whose rules demand it sets a number of
# days after which a person must choose a new password before going on.
PASSWORD_MAX_AGE_DAYS = int(os.environ.get("PASSWORD_MAX_AGE_DAYS", "0")) or None
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portals:home"
LOGOUT_REDIRECT_URL = "public:home"
ACCOUNT_ADAPTER = "cloudpark.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "optional")
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGIN_BY_CODE_ENABLED = False
ACCOUNT_RATE_LIMITS = False if TESTING else {}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Cloud Park"
# Who must set up an authenticator app before acting (accounts.mfa): "privileged"
# (administrators and reviewers of government bodies and parks, and superusers), "everyone"
# or "nobody". The demo and the tests ask nobody unless told; tests of the rule turn it on.
MFA_REQUIRED_FOR = (
    os.environ.get("CLOUDPARK_MFA_REQUIRED_FOR", "privileged" if PRODUCTION else "nobody")
    .strip()
    .lower()
)
if MFA_REQUIRED_FOR not in ("privileged", "everyone", "nobody"):
    raise ImproperlyConfigured("CLOUDPARK_MFA_REQUIRED_FOR must be privileged, everyone or nobody.")

# Personal API tokens (accounts.models.ApiToken) expire this many days after they are made.
API_TOKEN_DAYS = int(os.environ.get("CLOUDPARK_API_TOKEN_DAYS", "90"))
if API_TOKEN_DAYS <= 0:
    raise ImproperlyConfigured("CLOUDPARK_API_TOKEN_DAYS must be positive.")

# Sessions: ended after CLOUDPARK_IDLE_MINUTES without a request, and CLOUDPARK_SESSION_HOURS
# after sign-in however active (core.middleware.SessionLimitsMiddleware).
SESSION_IDLE_SECONDS = int(os.environ.get("CLOUDPARK_IDLE_MINUTES", "30")) * 60
SESSION_COOKIE_AGE = int(os.environ.get("CLOUDPARK_SESSION_HOURS", "12")) * 60 * 60
if SESSION_IDLE_SECONDS <= 0 or SESSION_COOKIE_AGE <= 0:
    raise ImproperlyConfigured(
        "CLOUDPARK_IDLE_MINUTES and CLOUDPARK_SESSION_HOURS must be positive."
    )

# Addresses of the reverse proxies in front of the platform (IPs or networks). Only from these
# is X-Forwarded-For believed; without them every client is its connection's address.
TRUSTED_PROXIES = env_list("CLOUDPARK_TRUSTED_PROXIES")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"CLOUDPARK_TRUSTED_PROXIES: {_proxy!r} is not an IP address or network."
        ) from None

# Lockout (django-axes, accounts.lockout): an account is locked after AXES_ACCOUNT_FAILURE_LIMIT
# wrong passwords, from wherever they come; an address after AXES_ADDRESS_FAILURE_LIMIT,
# whichever accounts it tries. The lock lasts 15 minutes and doubles with each further lock of
# the same account within a day. Web sign-in, the admin and the API token endpoint all count.
AXES_ENABLED = not TESTING
AXES_HANDLER = "cloudpark.accounts.lockout.LockoutHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_ACCOUNT_FAILURE_LIMIT = int(os.environ.get("AXES_ACCOUNT_FAILURE_LIMIT", "5"))
AXES_ADDRESS_FAILURE_LIMIT = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "50"))
AXES_FAILURE_LIMIT = AXES_ACCOUNT_FAILURE_LIMIT
AXES_COOLOFF_TIME = "cloudpark.accounts.lockout.cool_off"
AXES_USE_ATTEMPT_EXPIRATION = True
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_USERNAME_CALLABLE = "cloudpark.accounts.lockout.attempted_account"
AXES_CLIENT_IP_CALLABLE = "cloudpark.core.middleware.client_address"
AXES_LOCKOUT_CALLABLE = "cloudpark.accounts.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_SENSITIVE_PARAMETERS = ["password", "password1", "password2", "oldpassword"]

# The audit log is kept at least this many days (GB/T 22239-2019 asks for six months).
AUDIT_RETENTION_DAYS = int(os.environ.get("AUDIT_RETENTION_DAYS", "365"))
AUDIT_MINIMUM_RETENTION_DAYS = 183
if AUDIT_RETENTION_DAYS < AUDIT_MINIMUM_RETENTION_DAYS:
    raise ImproperlyConfigured(
        f"AUDIT_RETENTION_DAYS must be at least {AUDIT_MINIMUM_RETENTION_DAYS} (six months)."
    )

# Résumés given with an application are erased this many days after the posting ends. A
# design choice, not a figure of the law (PIPL art. 19 asks for the shortest time needed).
JOB_RESUME_RETENTION_DAYS = int(os.environ.get("JOB_RESUME_RETENTION_DAYS", "180"))
if JOB_RESUME_RETENTION_DAYS < 0:
    raise ImproperlyConfigured("JOB_RESUME_RETENTION_DAYS cannot be negative.")

# Personal data at rest (resident ID numbers, core.crypto): CLOUDPARK_DATA_KEYS lists Fernet
# keys, comma-separated; the first encrypts and every one decrypts, so a new key goes first
# and the old stays until `cloudpark rotate-data-keys` has re-encrypted every value.
# CLOUDPARK_LOOKUP_KEY keys the digests that find a value by its exact text; changing it needs
# the same command. Outside production both are derived from SECRET_KEY.
DATA_ENCRYPTION_KEYS = env_list("CLOUDPARK_DATA_KEYS")
DATA_LOOKUP_KEY = os.environ.get("CLOUDPARK_LOOKUP_KEY", "")
if PRODUCTION and not (DATA_ENCRYPTION_KEYS and len(DATA_LOOKUP_KEY) >= 32):
    raise ImproperlyConfigured(
        "Production mode needs CLOUDPARK_DATA_KEYS (Fernet keys) and CLOUDPARK_LOOKUP_KEY "
        "(at least 32 random characters) to keep personal data encrypted."
    )

# The platform speaks Chinese unless a browser asks for English. The test suite's default is
# English, so that assertions read as the source; Chinese is tested where a test asks for it.
LANGUAGE_CODE = "en" if TESTING else "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production the files are served straight from the apps, no collectstatic needed.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# A strict Content Security Policy: nothing inline, nothing from elsewhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Browser features: the check-in desk reads QR codes with this site's camera; nothing uses
# the others, so neither the site nor anything it could be made to embed may ask for them.
PERMISSIONS_POLICY = {
    "camera": ["self"],
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Mail: SMTP when EMAIL_HOST is set; otherwise one file per run under var/mail/, so that loading
# the demo (which sends the notices its stories produce) does not flood the terminal.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Cloud Park <noreply@cloudpark.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if TESTING:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
elif os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", default=True),
                "timeout": 20,
            },
        }
    }
elif PRODUCTION:
    raise ImproperlyConfigured("Production mode needs EMAIL_HOST: sign-in and notices send mail.")
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
        }
    }

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
COTTON_DIR = "cotton"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "cloudpark.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "cloudpark.api.schema.Schema",
    "DEFAULT_FILTER_BACKENDS": ["cloudpark.api.lists.FilterBackend"],
    "EXCEPTION_HANDLER": "cloudpark.api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "cloudpark.accounts.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": None if TESTING else os.environ.get("API_ANON_RATE", "60/minute"),
        "user": None if TESTING else os.environ.get("API_USER_RATE", "600/minute"),
        # The token endpoint, per address: a password guessed there is also locked out.
        "api-token": None if TESTING else os.environ.get("API_TOKEN_RATE", "10/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Cloud Park API",
    "DESCRIPTION": "The REST API of Cloud Park. Every endpoint applies the same permissions as "
    "the pages.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a "status"; each set of choices gets its own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "EventStatusEnum": "cloudpark.events.enums.EventStatus",
        "RegistrationStatusEnum": "cloudpark.events.enums.RegistrationStatus",
        "SessionStatusEnum": "cloudpark.events.enums.SessionStatus",
        "ParkLevelEnum": "cloudpark.orgs.enums.ParkLevel",
        "RoundLevelEnum": "cloudpark.bases.enums.RoundLevel",
        "DeclarationStateEnum": "cloudpark.bases.enums.DeclarationState",
        "ApplicationStateEnum": "cloudpark.programs.enums.ApplicationState",
        "NoticeStateEnum": "cloudpark.programs.enums.NoticeState",
        "EligibilityRuleKindEnum": "cloudpark.programs.enums.RuleKind",
        "EventKindEnum": "cloudpark.events.enums.EventKind",
        "ReviewCaseStateEnum": "cloudpark.reviews.enums.CaseState",
        "JobCategoryEnum": "cloudpark.jobs.enums.JobCategory",
        "JobNatureEnum": "cloudpark.jobs.enums.JobNature",
        "JobExperienceEnum": "cloudpark.jobs.enums.Experience",
        "JobEducationEnum": "cloudpark.jobs.enums.Education",
        "JobPostingStateEnum": "cloudpark.jobs.enums.PostingState",
        "BenefitOfferStateEnum": "cloudpark.benefits.enums.OfferState",
        "JobApplicationStateEnum": "cloudpark.jobs.enums.ApplicationState",
        "FinanceProductKindEnum": "cloudpark.finance.enums.ProductKind",
        "FinanceIntroductionStateEnum": "cloudpark.finance.enums.IntroductionState",
        "FinanceInstitutionMoveEnum": "cloudpark.finance.enums.INSTITUTION_MOVE_CHOICES",
        "CopyrightWorkCategoryEnum": "cloudpark.copyright.enums.WorkCategory",
        "CopyrightPledgeStateEnum": "cloudpark.copyright.enums.PledgeState",
        "CopyrightRequestStateEnum": "cloudpark.copyright.enums.RequestState",
        "CopyrightHolderMoveEnum": "cloudpark.copyright.enums.HOLDER_MOVE_CHOICES",
        "ResumeVisibilityEnum": "cloudpark.jobs.enums.ResumeVisibility",
        "FollowKindEnum": "cloudpark.jobs.enums.FollowKind",
        # The programmes' eligibility outcome keeps its name beside the news requests' one.
        "OutcomeEnum": "cloudpark.programs.enums.Outcome",
        "NewsChannelKindEnum": "cloudpark.news.enums.ChannelKind",
        "NewsArticleStateEnum": "cloudpark.news.enums.PublicationState",
        "NewsCorrectionKindEnum": "cloudpark.news.enums.CorrectionKind",
        "NewsRequestStateEnum": "cloudpark.news.enums.RequestState",
        "NewsRequestOutcomeEnum": "cloudpark.news.enums.RequestOutcome",
        "ClarificationCategoryEnum": "cloudpark.news.taxonomies.CLARIFICATION_CHOICES",
        "PlanningStateEnum": "cloudpark.filings.enums.PlanningState",
        "ReleaseStateEnum": "cloudpark.filings.enums.ReleaseState",
        "NumberStatusEnum": "cloudpark.filings.enums.NumberStatus",
        "NumberSeriesEnum": "cloudpark.filings.enums.NumberSeries",
        "DramaKindEnum": "cloudpark.filings.enums.DramaKind",
        "DramaEraEnum": "cloudpark.filings.enums.Era",
        "DramaTierEnum": "cloudpark.filings.enums.Tier",
        "PersonRoleEnum": "cloudpark.filings.enums.PersonRole",
        "AwardLevelEnum": "cloudpark.awards.enums.AwardLevel",
        "OrganizerRoleEnum": "cloudpark.events.enums.OrganizerRole",
        "AwardEntryStateEnum": "cloudpark.awards.enums.EntryState",
        "AwardSchemeStateEnum": "cloudpark.awards.enums.SchemeState",
        "AwardRoundStateEnum": "cloudpark.awards.enums.RoundState",
        "AwardAssignmentStateEnum": "cloudpark.awards.enums.AssignmentState",
        "AwardRoundKindEnum": "cloudpark.awards.enums.RoundKind",
        "AwardRoundModeEnum": "cloudpark.awards.enums.RoundMode",
        "MarketPostKindEnum": "cloudpark.market.enums.PostKind",
        "MarketPostStateEnum": "cloudpark.market.enums.PostState",
        "MarketDirectionEnum": "cloudpark.market.enums.Direction",
        "MarketIntroductionStateEnum": "cloudpark.market.enums.IntroductionState",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        # A task run inside the request has nothing to report unless it fails; a worker logs
        # each task's progress.
        "django.tasks": {"level": "WARNING" if TASKS_RUN_IMMEDIATELY else "INFO"},
    },
}

# The CJK font embedded in award certificates (Debian's fonts-noto-cjk): a collection file and
# the index of its Simplified Chinese face.
AWARDS_CERTIFICATE_FONT = os.environ.get(
    "CLOUDPARK_CJK_FONT", "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
)
AWARDS_CERTIFICATE_FONT_INDEX = int(os.environ.get("CLOUDPARK_CJK_FONT_INDEX", "2"))

SITE_NAME = _("Cloud Park")
# The address people reach the platform at, e.g. https://cloudpark.example.cn: every link the
# platform sends out (notices, tickets, account e-mails) starts with it, whichever host a
# request came in on. The demo command points it at the address it serves on.
if TESTING:
    SITE_URL = "http://testserver"
else:
    SITE_URL = os.environ.get(
        "CLOUDPARK_SITE_URL", "" if PRODUCTION else "http://127.0.0.1:8000"
    ).rstrip("/")
if PRODUCTION and not SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "Production mode needs CLOUDPARK_SITE_URL: the platform's public address, "
        "e.g. https://cloudpark.example.cn, for the links in its e-mails."
    )

# The review room of a release filing: how long a reviewer's viewing session lasts, and the
# largest cut of the finished film (and other material) an enterprise may attach.
FILINGS_VIEWING_SESSION_MINUTES = int(os.environ.get("CLOUDPARK_VIEWING_SESSION_MINUTES", "120"))
FILINGS_FILM_MAX_MB = int(os.environ.get("CLOUDPARK_FILM_MAX_MB", "4096"))
FILINGS_MATERIAL_MAX_MB = int(os.environ.get("CLOUDPARK_FILING_MATERIAL_MAX_MB", "20"))
