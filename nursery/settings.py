"""Settings for the nursery partnership portal, read from the environment.

Every value that differs between a laptop and production comes from an
environment variable (or a `.env` file beside `manage.py`); see
`.env.example` for the full list. Bad values fail at start-up, loudly.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="insecure-development-key-never-use-in-production")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
else:
    # No defaults in production: a missing value stops the server at start-up.
    SECRET_KEY = env.str("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "nursery",
    "families",
    "consents",
    "agencies",
    "transitions",
    "safety",
    # The setting's life sits on top of every other app (see README).
    "nursery.setting",
    # The safeguarding lead's workspace, at the top: nothing imports it.
    "safeguarding",
    # Records and rights: subject access, retention, disposal, erasure and
    # restriction; it gathers from every app, so it sits on top beside safeguarding.
    "records",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "simple_history",
    "crispy_forms",
    "crispy_bootstrap5",
    # Login by email, re-authentication and the second factor (authenticator
    # app, recovery codes, passkeys and security keys).
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # The task queue in the database (its app label: django_tasks_database).
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The setting's configuration, read once per request.
    "nursery.middleware.SiteConfigMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # One-time form tokens (nursery/once.py); its process_view runs after the CSRF check.
    "nursery.once.OnceMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # no-store on every response to a logged-in person; Permissions-Policy on all.
    "nursery.middleware.PrivateResponseMiddleware",
    # Every page needs a login unless its view says otherwise.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # allauth's login stages and re-authentication redirects.
    "allauth.account.middleware.AccountMiddleware",
    # After authentication: the language the person chose, over the browser's.
    "nursery.middleware.UserLanguageMiddleware",
    # After the messages middleware: it tells the person why they were logged out.
    "nursery.middleware.SessionTimeoutMiddleware",
    # Staff without a second factor see nothing but its set-up.
    "nursery.middleware.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A refused write the view did not catch becomes a message, not an error.
    "nursery.middleware.DomainErrorMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the outcome of the login view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nursery.urls"
WSGI_APPLICATION = "nursery.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nursery.context_processors.portal",
                "nursery.once.once_token",
            ],
            # `{% url %}` reversing each shape of address once (nursery/links.py)
            # and the `date` filter reading each format once (nursery/dates.py).
            "builtins": ["nursery.templatetags.links", "nursery.templatetags.dates"],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# A connection kept (CONN_MAX_AGE, as .env.example keeps it for a minute)
# is checked before a request reuses it.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env.bool(
    "DATABASE_PREPARED", default=True
):
    # The parameters sent apart from the query (server-side binding), so that
    # psycopg prepares a query asked five times on a connection and
    # PostgreSQL keeps its plan: the portal's rules are compiled once, and
    # planning them is most of their time in the database. Behind a pooler
    # that cannot keep prepared statements, set DATABASE_PREPARED=false.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": True, "prepare_threshold": 5}
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The server and the task worker write to one file at once: take the
    # write lock when a transaction starts (no lock upgrade to fail half-way),
    # wait for it rather than fail, and let readers go on beside a writer.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "nursery.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first, so that a locked-out login never reaches the others.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # allauth's backend finds the account by email (it extends ModelBackend);
    # the portal's subclass reads the logged-in account with its role.
    "nursery.auth.AccountBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Emailed links (nursery.tokens): a reset link lasts an hour, an invitation a
# week; Django's own bound is the longer of the two.
PASSWORD_RESET_LINK_SECONDS = 60 * 60
INVITATION_LINK_SECONDS = 7 * 24 * 60 * 60
PASSWORD_RESET_TIMEOUT = INVITATION_LINK_SECONDS

# Sessions live in the database (so any app server can serve any request),
# end 12 hours after login at the latest, and after 30 minutes without use.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_IDLE_TIMEOUT = 30 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# django-axes: five failures for one email from one address lock that pair
# out for 15 minutes; other people in the same office can still log in.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_FORM_FIELD = "login"
# allauth passes the address as `email`; a wrong second-factor code is
# counted against the same account (nursery.auth).
AXES_USERNAME_CALLABLE = "nursery.auth.axes_username"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Proxies in front of the portal (a TLS proxy: 1). The client's address is
# found from X-Forwarded-For by that count, one rule for the lockout and the
# audit log (nursery.audit.client_ip); with 0 the header is ignored.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "nursery.audit.client_ip"

# Login by email with django-allauth; the portal's own password reset and
# invitation pages stay (nursery.urls), and nobody signs themself up.
ACCOUNT_ADAPTER = "nursery.auth.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SIGNUP_ENABLED = False
# A shared room tablet: no "remember me"; the session ends with the browser
# and the limits above.
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_REAUTHENTICATION_TIMEOUT = 10 * 60
ACCOUNT_FORMS = {"login": "nursery.auth.LoginForm"}
# django-axes keeps the lockout (five per account and address); allauth's own
# per-account limit would let anyone lock anyone out, so only its per-address
# burst limit stays.
ACCOUNT_RATE_LIMITS = {"login_failed": "30/m/ip"}
MFA_ADAPTER = "nursery.auth.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_FORMS = {
    "authenticate": "nursery.auth.AuthenticateForm",
    "reauthenticate": "nursery.auth.ReauthenticateForm",
    "add_webauthn": "nursery.auth.AddWebAuthnForm",
}
# Accounts are made by the manager and opened through the emailed invitation,
# which proves the address; allauth's own email verification is not used.
MFA_ALLOW_UNVERIFIED_EMAIL = True
# One 30-second step either side, for phones whose clocks drift.
MFA_TOTP_TOLERANCE = 1
# Passkeys need HTTPS, except on a development machine (http://localhost).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG

# The cache holds allauth's rate limits and the codes already used, so it
# lives in the database that every app server shares
# (`manage.py createcachetable` creates it).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_cache",
    }
}

LANGUAGE_CODE = "en-gb"
# The portal's languages. Each page follows the browser's preferred language
# until the person chooses one (User.language, applied after login by
# nursery.middleware.UserLanguageMiddleware). Urdu is written right to left.
LANGUAGES = [
    ("en-gb", _("English")),
    ("pl", _("Polish")),
    ("ro", _("Romanian")),
    ("ur", _("Urdu")),
]
# Dates and numbers follow the language (Django's formats for each); English
# is British English ("en-gb": day before month, 03/12/2026), so no format
# module of the portal's own is needed.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {
        "BACKEND": env.str(
            "DEFAULT_FILE_STORAGE", default="django.core.files.storage.FileSystemStorage"
        ),
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Mail: the console in development, SMTP (from the environment) otherwise.
EMAIL_MODE = env.str("EMAIL_MODE", default="console" if DEBUG else "smtp")
if EMAIL_MODE not in {"console", "smtp"}:
    raise environ.ImproperlyConfigured("EMAIL_MODE must be 'console' or 'smtp'.")
if EMAIL_MODE == "console":
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env.str("EMAIL_HOST", default="localhost"),
                "port": env.int("EMAIL_PORT", default=587),
                "username": env.str("EMAIL_HOST_USER", default=""),
                "password": env.str("EMAIL_HOST_PASSWORD", default=""),
                "use_tls": env.bool("EMAIL_USE_TLS", default=True),
                "timeout": 20,
            },
        }
    }
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="portal@nursery.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Content Security Policy (Django's own): same-origin only, scripts by nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    # data: for Bootstrap's own SVG icons and the QR code of the
    # authenticator-app set-up (an SVG image, no script).
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "INFO"},
    },
}

# The name shown on every page and in emails.
NURSERY_NAME = env.str("NURSERY_NAME", default="Creative Stars Nursery")

# The address of the portal as people open it, for the links in emails
# (sent by the task worker, outside any request).
PORTAL_URL = env.str(
    "PORTAL_URL",
    default="http://127.0.0.1:8000" if DEBUG else f"https://{ALLOWED_HOSTS[0]}",
)

# Work done outside the request (email, digests): Django's tasks framework
# on a database queue (django-tasks-db); `manage.py db_worker` runs it.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# An email the server refuses is tried again after each delay (seconds),
# then kept for the manager (nursery.mail).
MAIL_RETRY_DELAYS = [60, 5 * 60, 30 * 60, 2 * 60 * 60]
# The hour (local time) of the daily round: digests, reminders, overdue.
DAILY_ROUND_HOUR = env.int("DAILY_ROUND_HOUR", default=7)
