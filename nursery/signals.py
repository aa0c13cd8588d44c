"""Every login, logout, failed login and lockout is logged and audited."""

import logging

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from nursery import audit
from nursery.audit import client_ip
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
    username = (credentials or {}).get("username", "")
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


@receiver(post_migrate)
def on_post_migrate(sender, app_config=None, using="default", **kwargs):
    # Runs after every app's migrations, so new models' permissions reach the
    # role groups without a migration of their own.
    if app_config is not None and app_config.label == "nursery":
        sync_role_permissions(using=using)
