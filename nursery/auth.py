"""Login by email and the second factor, through django-allauth.

allauth does the work (login, re-authentication, authenticator codes,
recovery codes, passkeys); this module bends it to the portal: one message
that never says whether an account exists, django-axes counting wrong codes
with wrong passwords, and "recently signed in" meaning a password or a
second factor given in the last ten minutes, at login or since.
"""

import base64
import hashlib
import time

import rules
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.auth_backends import AuthenticationBackend
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.internal.flows import login as login_flows
from allauth.account.internal.flows.login import get_authentication_records
from allauth.account.internal.stagekit import clear_login
from allauth.account.internal.userkit import user_id_to_str
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.base.forms import AuthenticateForm as AllauthAuthenticateForm
from allauth.mfa.base.forms import ReauthenticateForm as AllauthReauthenticateForm
from allauth.mfa.models import Authenticator
from allauth.mfa.webauthn.forms import AddWebAuthnForm as AllauthAddWebAuthnForm
from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import Group
from django.db.models import Case, Exists, IntegerField, OuterRef, Subquery, Value, When
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from nursery.links import reverse

# Authenticators that are a second factor on their own (recovery codes are
# only a way back in when the phone is lost).
SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)

NO_MATCH = _(
    "That email address and password do not match an active account. "
    "Check them and try again, or reset your password."
)
LOCKED = _("Too many attempts. Try again in 15 minutes, or ask the manager for help.")


def normalise_login(value):
    """The email as login matches it: trimmed, compared without case."""
    return str(value or "").strip().lower()


def axes_username(request, credentials=None):
    """The account django-axes counts a failure against, however it was typed."""
    value = None
    if credentials:
        # allauth passes `email`; axes itself passes the account's own
        # username as `login` (AXES_USERNAME_FORM_FIELD) when a login
        # completes, which may be on a page without the email (the code's).
        value = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not value and request is not None:
        data = getattr(request, "POST", {})
        value = data.get("login") or data.get("username")
    return normalise_login(value) or None


def needs_second_factor(user):
    """Staff (and anyone who may open the admin) must use a second factor."""
    return user.is_authenticated and (user.is_setting_staff or user.is_staff or user.is_superuser)


def has_second_factor(user):
    known = getattr(user, "second_factor_on_record", None)
    if known is not None:
        return known
    return Authenticator.objects.filter(user_id=user.pk, type__in=SECOND_FACTORS).exists()


class AccountBackend(AuthenticationBackend):
    """allauth's login by email, and what every request asks of the account
    read with it.

    The logged-in person is read with their role, whether they have a
    second factor and the setting's configuration (`SiteConfig.load()`), in
    one query rather than four. A permission that is a
    rule's (`rules.add_perm`) is the rule's to answer: the rule backend has
    already said no, so the account's model permissions (two queries) are
    never read to learn it is not one of them. A test keeps every rule's name
    apart from the model permissions.
    """

    def get_user(self, user_id):
        from nursery.models import Role, SiteConfig, User

        first_role = (
            Group.objects.filter(user=OuterRef("pk"), name__in=list(Role.values))
            .order_by(
                Case(
                    When(name=Role.MANAGER, then=Value(0)),
                    When(name=Role.PRACTITIONER, then=Value(1)),
                    default=Value(2),
                    output_field=IntegerField(),
                )
            )
            .values("name")[:1]
        )
        second_factor = Authenticator.objects.filter(user=OuterRef("pk"), type__in=SECOND_FACTORS)
        user = (
            User._default_manager.annotate(
                role_on_record=Subquery(first_role),
                second_factor_on_record=Exists(second_factor),
                **SiteConfig.read_with_user(),
            )
            .filter(pk=user_id)
            .first()
        )
        if user is None or not self.user_can_authenticate(user):
            return None
        # What `User.role` would read from the groups.
        user.role = Role(user.role_on_record) if user.role_on_record else None
        SiteConfig.keep_read_with_user(user)
        return user

    def has_perm(self, user_obj, perm, obj=None):
        if rules.perm_exists(perm):
            return False
        return super().has_perm(user_obj, perm, obj)


def recently_authenticated(request):
    """A password or a second factor given in this session in the last ten
    minutes, at login or when asked again."""
    if request is None or not request.user.is_authenticated:
        return False
    records = get_authentication_records(request, request.user)
    limit = time.time() - settings.ACCOUNT_REAUTHENTICATION_TIMEOUT
    return any(record.get("at", 0) >= limit for record in records)


def record_completed_login(session, user, *, methods=("password", "mfa"), at=None):
    """What a finished login leaves in the session (used where a login is
    made without the form: the test client's force_login)."""
    at = time.time() if at is None else at
    session[login_flows.AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": m, "at": at} for m in methods
    ]
    session[login_flows._AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)


def demo_totp_secret(email):
    """A fixed authenticator secret for a demo account, so that the README
    can print it. Never used for real accounts."""
    digest = hashlib.sha256(f"nursery-demo-totp:{email.lower()}".encode()).digest()[:20]
    return base64.b32encode(digest).decode("ascii")


def lockout_check(request, email):
    """Refuse a code once the account is locked out at this address, and drop
    the half-finished login: the person starts again at the login page."""
    if not AxesProxyHandler.is_allowed(request, {"email": normalise_login(email)}):
        request.axes_locked_out = True
        clear_login(request)
        raise forms.ValidationError(LOCKED, code="locked")


def lockout_count_failure(request, email):
    """A wrong code counts as a failed login for django-axes."""
    AxesProxyHandler.user_login_failed(
        sender=Authenticator, credentials={"email": normalise_login(email)}, request=request
    )
    if getattr(request, "axes_locked_out", False):
        clear_login(request)


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": NO_MATCH,
        "account_inactive": NO_MATCH,
        "incorrect_password": _("That password is not right. Try again."),
        "too_many_login_attempts": LOCKED,
    }

    def get_client_ip(self, request):
        # allauth's rate limits see the client's address by the portal's one
        # rule (the lockout and the audit log use it too).
        from nursery.audit import client_ip

        return client_ip(request) or super().get_client_ip(request)

    def is_open_for_signup(self, request):
        # Accounts are made by the manager and opened by invitation.
        return False

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None and not user.is_active:
            # Said the same way as a wrong password: an inactive account is
            # never revealed.
            return None
        return user

    def respond_user_inactive(self, request, user):
        # A passkey of a switched-off account: the same words as a wrong
        # password, back on the login page (allauth's own page is not used).
        messages.error(request, NO_MATCH)
        return HttpResponseRedirect(reverse("login"))

    def reauthenticate(self, user, password):
        from nursery.signals import audit_second_factor

        ok = super().reauthenticate(user, password)
        if ok:
            audit_second_factor("reauthenticated", user=user, request=context.request)
        return ok

    def is_reauthentication_required(self, *, app, **kwargs):
        return not recently_authenticated(context.request)

    def send_mail(self, template_prefix, email, context):
        # Rendered here, sent by the task worker (nursery.mail): no page
        # waits for the mail server. allauth's emails may hold a sign-in
        # link, so a failed one is never kept with its body.
        from nursery import mail

        message = self.render_mail(template_prefix, email, context)
        mail.queue_on_commit(
            [mail.message(to=email, subject=message.subject, body=message.body, secret=True)]
        )


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": _(
            "That code is not right, or it was used already. Type the newest code "
            "from your authenticator app, or one of your recovery codes."
        ),
        "cannot_delete_authenticator": _(
            "Staff always keep a second factor: add another one before removing this one."
        ),
    }

    def get_totp_issuer(self):
        return settings.NURSERY_NAME

    def _get_site_name(self):
        return settings.NURSERY_NAME

    def can_delete_authenticator(self, authenticator):
        user = authenticator.user
        if not needs_second_factor(user) or authenticator.type not in SECOND_FACTORS:
            return True
        others = Authenticator.objects.filter(user_id=user.pk, type__in=SECOND_FACTORS).exclude(
            pk=authenticator.pk
        )
        return others.exists()


class LoginForm(AllauthLoginForm):
    """allauth's login form with the portal's label and a bounded field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["login"]
        field.label = _("Email address")
        field.max_length = 254
        field.widget = forms.EmailInput(
            attrs={"autofocus": True, "autocomplete": "email", "maxlength": 254}
        )
        field.widget.is_required = True
        self.fields["password"].label = _("Password")
        self.fields["password"].widget.attrs.pop("placeholder", None)

    def clean_login(self):
        login = super().clean_login()
        if len(login) > 254 or "\x00" in login:
            raise forms.ValidationError(NO_MATCH)
        return login


class _CountedCodeMixin:
    """Check the lockout before the code; wrong codes are counted by the
    `authentication_failed` receiver in nursery.signals."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        code_field_setup(self)

    def clean_code(self):
        lockout_check(context.request, self.user.email)
        return super().clean_code()


class AuthenticateForm(_CountedCodeMixin, AllauthAuthenticateForm):
    pass


class ReauthenticateForm(_CountedCodeMixin, AllauthReauthenticateForm):
    pass


class AddWebAuthnForm(AllauthAddWebAuthnForm):
    """Adding a passkey or security key, in plain words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Name")
        self.fields["name"].max_length = 100
        self.fields["name"].help_text = _("For example “My phone” or “Room tablet key”.")
        if "passwordless" in self.fields:
            self.fields["passwordless"].label = _("Also use it to log in without a password")
            self.fields["passwordless"].help_text = _(
                "Your device then asks for your fingerprint, face or PIN each time."
            )


def code_field_setup(form):
    """The code box: labelled, numeric keyboard, filled by the phone."""
    field = form.fields["code"]
    field.label = _("Code")
    field.widget.attrs.update(
        {"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": 20}
    )
    field.widget.attrs.pop("placeholder", None)
