"""Emails in each recipient's language."""

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation


def language_of(user):
    """The language `user` reads the portal in when not looking at it: the
    one they chose, else the setting's own."""
    return getattr(user, "language", "") or settings.LANGUAGE_CODE


def send_in_their_languages(*, recipients, compose):
    """Send one email per language to `recipients` (users): `compose()`
    returns (subject, message), rendered in the language then active."""
    by_language = defaultdict(list)
    for user in recipients:
        by_language[language_of(user)].append(user.email)
    for language, emails in by_language.items():
        with translation.override(language):
            subject, message = compose()
        send_mail(subject=subject.strip(), message=message, from_email=None, recipient_list=emails)
