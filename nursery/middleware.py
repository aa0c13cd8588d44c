import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _

from nursery.errors import DomainError, refuse

LOGIN_AT = "_login_at"
SEEN_AT = "_seen_at"


class SiteConfigMiddleware:
    """The setting's configuration is read at most once per request, however
    many panels and rules ask for it, and afresh for the next one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from nursery.models import SiteConfig

        with SiteConfig.loaded_once():
            return self.get_response(request)


class SessionTimeoutMiddleware:
    """End a session 30 minutes after its last use, and 12 hours after login.

    The session cookie's own age is the 12-hour cap; the idle limit needs the
    time of the last request, which is written at most once a minute so that
    ordinary browsing does not rewrite the session row on every page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            login_at = session.get(LOGIN_AT, now)
            seen_at = session.get(SEEN_AT, now)
            if (
                now - seen_at > settings.SESSION_IDLE_TIMEOUT
                or now - login_at > settings.SESSION_COOKIE_AGE
            ):
                logout(request)
                messages.info(request, _("You were logged out after a period without activity."))
                return redirect_to_login(request.get_full_path())
            if LOGIN_AT not in session:
                session[LOGIN_AT] = now
            if now - seen_at >= 60 or SEEN_AT not in session:
                session[SEEN_AT] = now
        return self.get_response(request)


class SecondFactorRequiredMiddleware:
    """Staff without a second factor are sent to set one up before any page.

    Only the account pages (/accounts/: set-up, re-authentication, logging
    out) and static files stay open, so a member of staff's password alone
    never opens a staff page or the admin. Parents are never forced.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.open_prefixes = ("/accounts/", "/" + settings.STATIC_URL.lstrip("/"))

    def __call__(self, request):
        from nursery.auth import has_second_factor, needs_second_factor

        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(self.open_prefixes)
            and needs_second_factor(user)
            and not has_second_factor(user)
        ):
            messages.info(
                request,
                _("Staff accounts need a second factor. Set up your authenticator app first."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class DomainErrorMiddleware:
    """A rule refused a write that the view did not expect to be refused (a
    restriction of processing refuses every write about a child, through
    whichever service): show the rule's message and go back to the page,
    as `nursery.errors.refuse` does, never a server error. The service's
    transaction has already been rolled back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DomainError):
            return None
        if request.method == "POST":
            return refuse(request, exception, redirect_to=request.get_full_path())
        return refuse(request, exception, redirect_to="home")


class UserLanguageMiddleware:
    """The language a logged-in person chose (User.language) wins over the
    browser's, which LocaleMiddleware applied before anyone was known.
    Without a choice the pages keep following the browser (or the language
    cookie the footer's chooser sets)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


# Features no page of the portal uses, switched off for every page.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


class PrivateResponseMiddleware:
    """Nothing shown to a logged-in person is kept by the browser or a proxy
    (a shared room tablet's cache would otherwise keep children's records):
    every such response, pages, PDFs and CSV exports alike, says `no-store`.
    Every response carries the Permissions-Policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
