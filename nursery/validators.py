import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from nursery.dates import add_months, months_before

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


def validate_near(value, *, years_before=None, years_after=None):
    """A date within `years_before` years before today and `years_after`
    after it: a year typed wrong (9999, 1900) is refused in words that say
    so, not kept. Returns the value, as `validate_not_future` does."""
    if not value:
        return value
    today = timezone.localdate()
    if years_before is not None and value < months_before(today, 12 * years_before):
        raise ValidationError(_("This date is too far in the past. Check the year."), code="far")
    if years_after is not None and value > add_months(today, 12 * years_after):
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
