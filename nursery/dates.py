"""Calendar arithmetic shared by every app: months through dateutil's
relativedelta, never by counting days; and dates as a message puts them,
in words ("5 December 2026"), never as figures a reader must decode."""

from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import timezone
from django.utils.dateformat import re_escaped, re_formatchars
from django.utils.dates import MONTHS_3
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy, pgettext, pgettext_lazy
from django.utils.translation import gettext as _

# A month's name after a day's number ("5 December 2026"; Polish "5 grudnia"),
# as Django's MONTHS_ALT asks for it, here too so that the portal's own
# catalogues hold it: they are read before Django's, and put right a language
# where Django's is wrong for a date in a sentence (Romanian writes months in
# lower case, "5 decembrie 2026", where Django's catalogue has "Decembrie").
MONTHS_AFTER_A_DAY = {
    1: pgettext_lazy("alt. month", "January"),
    2: pgettext_lazy("alt. month", "February"),
    3: pgettext_lazy("alt. month", "March"),
    4: pgettext_lazy("alt. month", "April"),
    5: pgettext_lazy("alt. month", "May"),
    6: pgettext_lazy("alt. month", "June"),
    7: pgettext_lazy("alt. month", "July"),
    8: pgettext_lazy("alt. month", "August"),
    9: pgettext_lazy("alt. month", "September"),
    10: pgettext_lazy("alt. month", "October"),
    11: pgettext_lazy("alt. month", "November"),
    12: pgettext_lazy("alt. month", "December"),
}

# The days' names, as Django's WEEKDAYS and WEEKDAYS_ABBR ask for them, here
# too for the same reason: Polish and Romanian write them in lower case in a
# sentence ("Diwali, sobota 19 grudnia"), where Django's catalogues
# capitalise them. A template that starts a line or a cell with one says
# `|capfirst`.
WEEKDAY_NAMES = (
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
)
WEEKDAY_ABBREVIATIONS = (
    gettext_lazy("Mon"),
    gettext_lazy("Tue"),
    gettext_lazy("Wed"),
    gettext_lazy("Thu"),
    gettext_lazy("Fri"),
    gettext_lazy("Sat"),
    gettext_lazy("Sun"),
)

# The format characters that format_date writes itself; a format with any
# other is left to Django.
_OWN = {
    "j": lambda d, names: str(d.day),
    "d": lambda d, names: f"{d.day:02d}",
    "m": lambda d, names: f"{d.month:02d}",
    "Y": lambda d, names: f"{d.year:04d}",
    "M": lambda d, names: names["M"][d.month],
    "E": lambda d, names: names["E"][d.month],
    "D": lambda d, names: names["D"][d.weekday()],
    "l": lambda d, names: names["l"][d.weekday()],
    "H": lambda d, names: f"{d.hour:02d}",
    "i": lambda d, names: f"{d.minute:02d}",
}
_TIME = {"H", "i"}
_formats = {}
_names = {}


def _pieces(fmt):
    """(the format's pieces, each (character, "") or ("", text); whether it
    writes a time), or None when it has a character that format_date does
    not write."""
    pieces = []
    for i, piece in enumerate(re_formatchars.split(fmt)):
        if i % 2:
            if piece not in _OWN:
                return None
            pieces.append((piece, ""))
        elif piece:
            pieces.append(("", re_escaped.sub(r"\1", piece)))
    return tuple(pieces), any(char in _TIME for char, _text in pieces)


def _short_month(month):
    """A month's short name ("5 Dec 2026"). Django capitalises every
    language's as English does ("5 Gru 2026"); a language that writes its
    months in lower case after a day (Polish "5 grudnia", Romanian "5
    decembrie") writes the short name so too ("5 gru 2026")."""
    short = str(MONTHS_3[month])
    return short if str(MONTHS_AFTER_A_DAY[month]).islower() else short.title()


def _names_in(language):
    """The months' and days' names in `language` (the active one)."""
    return {
        "M": [None, *(_short_month(m) for m in range(1, 13))],
        "E": [None, *(str(MONTHS_AFTER_A_DAY[m]) for m in range(1, 13))],
        "D": [str(WEEKDAY_ABBREVIATIONS[d]) for d in range(7)],
        "l": [str(WEEKDAY_NAMES[d]) for d in range(7)],
        # The comma between a date's parts ("27 December, 09:00") in the
        # language's own script (Urdu "،").
        ",": pgettext("the comma between the parts of a date", ","),
    }


@receiver(setting_changed)
def _forget_names(*, setting, **kwargs):
    # The translations are read again when these change (in a test).
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"}:
        _names.clear()


def format_date(value, fmt):
    """`value` (a date, or a datetime in the time zone it is to be read in)
    as Django's `date_format(value, fmt)` writes it, with the format read
    once and the months' and days' names once for each language: the
    `date` filter of every template (nursery.templatetags.dates), which a
    list runs for each row."""
    shape = _formats.get(fmt, False)
    if shape is False:
        shape = _formats[fmt] = _pieces(fmt)
    is_datetime = isinstance(value, datetime)
    if shape is None or not (is_datetime or type(value) is date) or (shape[1] and not is_datetime):
        return date_format(value, fmt)
    pieces = shape[0]
    language = get_language()
    names = _names.get(language)
    if names is None:
        names = _names[language] = _names_in(language)
    if names[","] != ",":
        pieces = tuple((char, text.replace(",", names[","])) for char, text in pieces)
    return "".join(_OWN[char](value, names) if char else text for char, text in pieces)


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
    return format_date(day, "j E Y")


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
