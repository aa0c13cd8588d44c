"""Calendar arithmetic shared by every app."""

import calendar


def add_months(day, months):
    """The same day `months` later (earlier when negative), on the month's
    last day when that month is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def months_before(day, months):
    """The same day `months` months earlier (clamped to the month's end)."""
    return add_months(day, -months)
