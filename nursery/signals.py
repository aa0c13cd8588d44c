"""Every login, logout, failed login and lockout is logged and audited."""

import logging

from allauth.core import context as allauth_context
from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from axes.signals import user_locked_out
from django.apps import apps
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver

from nursery import audit
from nursery.audit import client_ip
from nursery.queries import forget_built_rules
from nursery.services import sync_role_permissions

logger = logging.getLogger("nursery.auth")


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    logger.info("login user=%s ip=%s", user.pk, client_ip(request))
    audit.log("accounts.login.succeeded", actor=user, request=request)


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        logger.info("logout user=%s", user.pk)
        audit.log("accounts.logout.done", actor=user, request=request)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    # The email tried is kept in the log line, never shown back to the person.
    credentials = credentials or {}
    username = credentials.get("email") or credentials.get("username") or ""
    logger.warning("login failed username=%r ip=%s", username, client_ip(request))
    audit.log(
        "accounts.login.failed", actor=None, data={"username": str(username)[:200]}, request=request
    )


@receiver(user_locked_out)
def on_locked_out(sender, request, username=None, ip_address=None, **kwargs):
    logger.warning("locked out username=%r ip=%s", username, ip_address)
    audit.log(
        "accounts.login.locked_out",
        actor=None,
        data={"username": str(username or "")[:200]},
        request=request,
    )


# The second factor. Each event reaches the audit log through this one
# function, so that its action codes live in one place.
SECOND_FACTOR_ACTIONS = {
    "added": "accounts.second_factor.added",
    "used": "accounts.second_factor.used",
    "failed": "accounts.second_factor.failed",
    "removed": "accounts.second_factor.removed",
    "reset": "accounts.second_factor.reset",
    "recovery_code_used": "accounts.recovery_code.used",
    "reauthenticated": "accounts.reauthentication.done",
}


def audit_second_factor(event, *, user, request=None, authenticator=None, by=None, **facts):
    """Write one second-factor event to the audit log (and the log file):
    the kind of second factor as `second_factor`, and the event's other `facts`
    (plain values, declared in nursery.audit)."""
    data = {"second_factor": authenticator.type} if authenticator is not None else {}
    data.update({key: value for key, value in facts.items() if value})
    logger.info("second factor %s user=%s ip=%s", event, user.pk, client_ip(request))
    # A reset is done to someone (by a manager, or on the server: no actor);
    # everything else by the person themself.
    resetting = event == "reset"
    audit.log(
        SECOND_FACTOR_ACTIONS[event],
        actor=by if resetting else user,
        obj=user if resetting else None,
        data=data or None,
        request=request,
    )


@receiver(mfa_signals.authenticator_added)
def on_authenticator_added(sender, request, user, authenticator, **kwargs):
    audit_second_factor("added", user=user, request=request, authenticator=authenticator)


@receiver(mfa_signals.authenticator_reset)
def on_authenticator_reset(sender, request, user, authenticator, **kwargs):
    audit_second_factor(
        "added", user=user, request=request, authenticator=authenticator, renewed=True
    )


@receiver(mfa_signals.authenticator_removed)
def on_authenticator_removed(sender, request, user, authenticator, **kwargs):
    audit_second_factor("removed", user=user, request=request, authenticator=authenticator)


@receiver(mfa_signals.authenticator_used)
def on_authenticator_used(
    sender, request, user, authenticator, reauthenticated=False, passwordless=False, **kwargs
):
    if reauthenticated:
        event = "reauthenticated"
    elif authenticator.type == Authenticator.Type.RECOVERY_CODES:
        event = "recovery_code_used"
    else:
        event = "used"
    audit_second_factor(
        event, user=user, request=request, authenticator=authenticator, passwordless=passwordless
    )


@receiver(mfa_signals.authentication_failed)
def on_second_factor_failed(sender, request, user, authenticator, **kwargs):
    # A wrong code counts towards the same lockout as a wrong password.
    from nursery.auth import lockout_count_failure

    audit_second_factor("failed", user=user, request=request, authenticator=authenticator)
    lockout_count_failure(request, user.email)


ADMIN_ACTIONS = {
    ADDITION: "admin.record.added",
    CHANGE: "admin.record.changed",
    DELETION: "admin.record.deleted",
}


@receiver(post_save, sender=LogEntry)
def on_admin_change(sender, instance, created, **kwargs):
    # Every change made in the admin reaches the portal's audit log too.
    if not created or instance.action_flag not in ADMIN_ACTIONS:
        return
    content_type = instance.content_type
    audit.log(
        ADMIN_ACTIONS[instance.action_flag],
        actor=instance.user,
        data={
            "model": content_type.model if content_type else "",
            "object_id": instance.object_id or "",
            "object": instance.object_repr,
            "change": str(instance.get_change_message())[:300],
        },
        request=allauth_context.request,
    )


@receiver(post_migrate)
def on_post_migrate(sender, app_config=None, using="default", **kwargs):
    # post_migrate is sent once per app with models, in INSTALLED_APPS order,
    # and each app's permissions are made on its own turn: the role groups are
    # synced on the last such app's turn, when every portal app's permissions
    # exist (the setting's life comes after the kernel). New models'
    # permissions reach the groups without a migration of their own.
    forget_built_rules()
    with_models = [c for c in apps.get_app_configs() if c.models_module is not None]
    if app_config is not None and app_config is with_models[-1]:
        sync_role_permissions(using=using)
