"""Every login, logout, failed login and lockout is logged and audited."""

import logging

from axes.signals import user_locked_out
from django.apps import apps
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from nursery.models import AuditEvent
from nursery.services import audit_record, client_ip, sync_role_permissions

logger = logging.getLogger("nursery.auth")


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    logger.info("login user=%s ip=%s", user.pk, client_ip(request))
    audit_record(actor=user, action=AuditEvent.Action.LOGIN, request=request)


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        logger.info("logout user=%s", user.pk)
        audit_record(actor=user, action=AuditEvent.Action.LOGOUT, request=request)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    # The email tried is kept in the log line, never shown back to the person.
    username = (credentials or {}).get("username", "")
    logger.warning("login failed username=%r ip=%s", username, client_ip(request))
    audit_record(
        actor=None,
        action=AuditEvent.Action.LOGIN_FAILED,
        detail=str(username)[:200],
        request=request,
    )


@receiver(user_locked_out)
def on_locked_out(sender, request, username=None, ip_address=None, **kwargs):
    logger.warning("locked out username=%r ip=%s", username, ip_address)
    audit_record(
        actor=None,
        action=AuditEvent.Action.LOCKED_OUT,
        detail=str(username or "")[:200],
        request=request,
    )


@receiver(post_migrate)
def on_post_migrate(sender, app_config=None, using="default", **kwargs):
    # post_migrate is sent once per app with models, in INSTALLED_APPS order,
    # and each app's permissions are made on its own turn: the role groups are
    # synced on the last such app's turn, when every portal app's permissions
    # exist (the setting's life comes after the kernel). New models'
    # permissions reach the groups without a migration of their own.
    with_models = [c for c in apps.get_app_configs() if c.models_module is not None]
    if app_config is not None and app_config is with_models[-1]:
        sync_role_permissions(using=using)
