import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from nursery.dates import add_months

_PHONE_CHARS = re.compile(r"^\+?[0-9 ()\-]+$")


def validate_phone(value):
    """A phone number: digits with optional spaces, brackets, dashes, leading +."""
    digits = re.sub(r"\D", "", value or "")
    if not _PHONE_CHARS.match(value or "") or not 10 <= len(digits) <= 15:
        raise ValidationError(
            _("Enter a phone number of 10 to 15 digits, for example 01632 960123."),
            code="invalid_phone",
        )


def validate_not_future(value, message=None, *, field=None):
    """A date that has come: not after today. The one check of it, for a
    model field (its validator), a form's `clean_<field>` (which returns
    what this returns: the value) and a service (`field` names the field
    the error belongs to). `message` says it in the form's own words."""
    if value and value > timezone.localdate():
        error = message or _("This date cannot be in the future.")
        raise ValidationError({field: error} if field else error, code="future")
    return value


def validate_not_before(value, earliest, message):
    """A date not before `earliest` (the child's birth, the day a pack was
    sent), refused in `message`. Returns the value."""
    if value and earliest and value < earliest:
        raise ValidationError(message, code="too_early")
    return value


def validate_born_by(value, date_of_birth):
    """A date about a child, not before the child was born. Returns the
    value."""
    return validate_not_before(
        value, date_of_birth, _("This date cannot be before the child was born.")
    )


def validate_not_far_ahead(value, years):
    """A date at most `years` years after today: a year typed wrong (9999)
    is refused in words that say so, not kept. Returns the value, as
    `validate_not_future` does."""
    if value and value > add_months(timezone.localdate(), 12 * years):
        raise ValidationError(_("This date is too far ahead. Check the year."), code="far")
    return value


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


def local_url(request, url):
    """`url` when it leads to a page of this site (a path from a hidden
    `next` field, or the full address of the page a person came from), else
    None. Never a bare word such as '9999-12-31': `redirect()` would take it
    for the name of a URL pattern and fail."""
    if not url or not url.startswith(("/", "http://", "https://")):
        return None
    if not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    return url
