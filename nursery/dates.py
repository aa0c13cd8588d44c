"""Calendar arithmetic shared by every app: months through dateutil's
relativedelta, never by counting days."""

from dateutil.relativedelta import relativedelta


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
