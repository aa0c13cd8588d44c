"""Calendar arithmetic shared by every app: months through dateutil's
relativedelta, never by counting days; and dates as a message puts them,
in words ("5 December 2026"), never as figures a reader must decode."""

from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def day_in_words(day):
    """For example "5 December 2026", the month's name in the reader's
    language ("" for no day: a record not yet complete)."""
    if day is None:
        return ""
    if isinstance(day, str):  # as a form or a caller gave it, before the database read it
        try:
            day = date.fromisoformat(day)
        except ValueError:
            return day
    # "E": the month as it stands after a day's number (Polish "5 grudnia").
    return date_format(day, "j E Y")


def moment_in_words(moment):
    """For example "09:30 on 5 December 2026", in the setting's time zone
    ("" for none)."""
    if moment is None:
        return ""
    if isinstance(moment, str):
        try:
            moment = datetime.fromisoformat(moment)
        except ValueError:
            return moment
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return _("%(time)s on %(day)s") % {"time": local.strftime("%H:%M"), "day": day_in_words(local)}


def add_months(day, months):
    """The same day `months` later (earlier when negative), on the month's
    last day when that month is shorter (31 January + 1 month = 28/29 February)."""
    return day + relativedelta(months=months)


def months_before(day, months):
    """The same day `months` months earlier (clamped to the month's end)."""
    return day - relativedelta(months=months)


def months_between(earlier, later):
    """Whole months from `earlier` to `later` (0 when `later` is earlier)."""
    delta = relativedelta(later, earlier)
    return max(delta.years * 12 + delta.months, 0)
