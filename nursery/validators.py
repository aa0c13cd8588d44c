import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

_PHONE_CHARS = re.compile(r"^\+?[0-9 ()\-]+$")


def validate_phone(value):
    """A phone number: digits with optional spaces, brackets, dashes, leading +."""
    digits = re.sub(r"\D", "", value or "")
    if not _PHONE_CHARS.match(value or "") or not 10 <= len(digits) <= 15:
        raise ValidationError(
            _("Enter a phone number of 10 to 15 digits, for example 01632 960123."),
            code="invalid_phone",
        )


def validate_not_future(value):
    if value and value > timezone.localdate():
        raise ValidationError(_("This date cannot be in the future."), code="future")


def parse_id(value):
    """A record id typed into a query string, or None when it is not one.

    `str.isdigit` accepts characters such as '²' that int() refuses, and a
    long string of digits overflows the database's integer: both would
    otherwise answer 500.
    """
    value = (value or "").strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        return None
    number = int(value)
    return number if number > 0 else None
