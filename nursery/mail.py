"""Every email of the portal leaves through the task worker, never inside a
request: a slow or broken mail server cannot slow a page down or break it,
and a page answers the same whether it sent an email or not.

    from nursery import mail

    mail.queue_on_commit([mail.message(to=..., subject=..., body=...)])

`queue` enqueues `send_messages` tasks of up to `CHUNK` messages (one mail
server connection each). A message the server refuses is tried again later
(`settings.MAIL_RETRY_DELAYS`, in seconds, one per retry); after the last
retry it is kept as a `KeptEmail`, listed for the manager, who sends it
again. Nothing is lost silently.
"""

import logging
import re
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from nursery.models import KeptEmail

logger = logging.getLogger(__name__)

CHUNK = 50


def retry_delays():
    return list(getattr(settings, "MAIL_RETRY_DELAYS", (60, 300, 1800, 7200)))


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")


def one_line(text, limit=200):
    """Text fit for a mail header: one line, no control characters (a line
    break typed into a title or a name would otherwise break the header)."""
    return " ".join(_CONTROL.sub(" ", str(text)).split())[:limit]


def message(*, to, subject, body, secret=False):
    """One email as plain values (what a task's arguments may hold).
    `secret`: the body holds a sign-in link, which is never kept."""
    return {
        "to": one_line(to, 254),
        "subject": one_line(subject),
        "body": str(body),
        "secret": secret,
    }


def queue(messages):
    """Enqueue the sending of `messages`, in chunks."""
    messages = list(messages)
    for start in range(0, len(messages), CHUNK):
        send_messages.enqueue(messages=messages[start : start + CHUNK], attempt=1)


def queue_on_commit(messages):
    """Enqueue once the current transaction is committed (nothing is sent
    for a write that was rolled back)."""
    messages = list(messages)
    if messages:
        transaction.on_commit(lambda: queue(messages))


def _send(messages):
    """Send `messages` on one connection; return those that failed and the
    last error."""
    failed, error = [], ""
    connection = mailers.default
    try:
        connection.open()
    except Exception as exc:  # the server is down: every message waits
        return list(messages), repr(exc)[:500]
    try:
        for m in messages:
            email = EmailMessage(
                subject=m["subject"],
                body=m["body"],
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[m["to"]],
            )
            try:
                sent = connection.send_messages([email])
            except Exception as exc:
                sent, error = 0, repr(exc)[:500]
            if not sent:
                failed.append(m)
                error = error or _("The mail server did not take the message.")
    finally:
        try:
            connection.close()
        except Exception:  # closing a broken connection must not lose the outcome
            logger.warning("Closing the mail connection failed", exc_info=True)
    return failed, error


@task
def send_messages(*, messages, attempt=1):
    """Send the messages; retry those that fail, or keep them after the last try."""
    failed, error = _send(messages)
    if failed:
        delays = retry_delays()
        if attempt <= len(delays):
            logger.warning(
                "%d of %d emails not sent (attempt %d), trying again in %ds: %s",
                len(failed),
                len(messages),
                attempt,
                delays[attempt - 1],
                error,
            )
            send_messages.using(
                run_after=timezone.now() + timedelta(seconds=delays[attempt - 1])
            ).enqueue(messages=failed, attempt=attempt + 1)
        else:
            logger.error("%d emails kept unsent after %d attempts: %s", len(failed), attempt, error)
            KeptEmail.objects.bulk_create(
                [
                    KeptEmail(
                        to=m["to"],
                        subject=m["subject"][:300],
                        body=(
                            _(
                                "This message held a sign-in link, which is not kept. "
                                "Send a new invitation, or ask the person to reset "
                                "their password."
                            )
                            if m.get("secret")
                            else m["body"]
                        ),
                        attempts=attempt,
                        error=error[:500],
                    )
                    for m in failed
                ]
            )
    return len(messages) - len(failed)


@transaction.atomic
def kept_email_resend(*, kept, by, request=None):
    """Queue a kept email again (once: a second press changes nothing)."""
    from nursery import audit

    kept = KeptEmail.objects.select_for_update().get(pk=kept.pk)
    if kept.resent_at is not None:
        return kept
    kept.resent_at = timezone.now()
    kept.save(update_fields=["resent_at"])
    audit.log("accounts.email.resent", actor=by, obj=kept, request=request)
    queue_on_commit([message(to=kept.to, subject=kept.subject, body=kept.body)])
    return kept
