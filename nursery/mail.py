"""The portal's one way of sending an email.

A subject is one line: line breaks and other control characters typed into
a title or a name become spaces (a mail header refuses them). Mail goes
after the data is committed and a failure to send is logged, never shown
as an error to the person whose request already succeeded."""

import logging
import re

from django.core.mail import send_mail
from django.db import transaction

logger = logging.getLogger("nursery.mail")

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")


def one_line(text, limit=200):
    """Text fit for a mail header: one line, no control characters."""
    return " ".join(_CONTROL.sub(" ", str(text)).split())[:limit]


def send_now(*, subject, message, recipient_list):
    """Send one email at once; a failure is logged, not raised."""
    try:
        send_mail(
            subject=one_line(subject),
            message=message,
            from_email=None,
            recipient_list=[one_line(r, 254) for r in recipient_list],
        )
    except Exception:
        logger.exception("email not sent: %s", one_line(subject))
        return False
    return True


def send_after_commit(*, subject, message, recipient_list, each=False):
    """Send once the transaction commits (one email per recipient with
    `each`, so that parents never see each other's addresses)."""
    recipients = list(recipient_list)

    def send():
        if each:
            for address in recipients:
                send_now(subject=subject, message=message, recipient_list=[address])
        else:
            send_now(subject=subject, message=message, recipient_list=recipients)

    transaction.on_commit(send)
