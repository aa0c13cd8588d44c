"""The templates' `date` filter (nursery.dates.format_date): for every
format the templates use, every language of the portal, every day of a
year and moments around the clocks changing, exactly what Django's own
filter writes, but for a month's short name in a language that writes
months in lower case ("5 gru 2026", where Django writes "5 Gru 2026")."""

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.template import Context, engines
from django.template import defaultfilters as django_filters
from django.template.engine import Engine
from django.test import override_settings
from django.utils import translation

from nursery.dates import _pieces, format_date
from nursery.templatetags.dates import date as portal_date

TEMPLATES = Path(settings.BASE_DIR) / "templates"
FORMATS = sorted(
    {
        match.group(2)
        for path in TEMPLATES.rglob("*.html")
        for match in re.finditer(r"\|date:([\"'])(.*?)\1", path.read_text())
    }
    # And formats with text and escapes, and characters left to Django.
    | {r"\o\n j E", "j E Y \\a\\t H:i", "N jS F Y", "r", "D, d M y", "c"}
)
LANGUAGES = [code for code, _name in settings.LANGUAGES]
LOWER_CASE_MONTHS = {"pl", "ro"}
# A language whose comma is not the Latin one writes its own between a
# date's parts.
COMMAS = {"ur": "،"}


def django_writes(value, fmt):
    """What Django's filter writes, the short month ("M") in lower case
    ("b") where the active language writes months so, and the language's
    own comma, in a format the
    portal writes itself (one with a character it leaves to Django is
    Django's throughout)."""
    language = translation.get_language()
    if language in LOWER_CASE_MONTHS and _pieces(fmt) is not None:
        fmt = re.sub(r"(?<!\\)M", "b", fmt)
    written = django_filters.date(value, fmt)
    if language in COMMAS and _pieces(fmt) is not None:
        written = written.replace(",", COMMAS[language])
    return written


LONDON = ZoneInfo("Europe/London")


def test_the_templates_use_formats_to_check():
    assert {"j E Y", "j M Y", "j M Y H:i", "l j E Y"} <= set(FORMATS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_day_of_a_year_reads_as_django_writes_it(language):
    days = [date(2026, 1, 1) + timedelta(days=n) for n in range(365)] + [date(1999, 2, 28)]
    with translation.override(language):
        for fmt in FORMATS:
            for day in days:
                try:
                    expected = django_writes(day, fmt)
                except TypeError:
                    # A time in a date's format: Django refuses it, and so
                    # does the portal.
                    with pytest.raises(TypeError):
                        portal_date(day, fmt)
                    continue
                assert portal_date(day, fmt) == expected, (language, fmt, day)


@pytest.mark.parametrize("language", LANGUAGES)
def test_moments_around_the_clocks_changing_read_as_django_writes_them(language):
    starts = [
        datetime(2026, 3, 29, 0, 0, tzinfo=LONDON),
        datetime(2026, 10, 25, 0, 0, tzinfo=LONDON),
    ]
    moments = [start + timedelta(minutes=17 * n) for start in starts for n in range(20)]
    moments += [datetime(2026, 12, 6, 23, 59), datetime(2026, 1, 1, 0, 0, tzinfo=UTC)]
    with translation.override(language):
        for fmt in FORMATS:
            for moment in moments:
                assert portal_date(moment, fmt) == django_writes(moment, fmt), (
                    language,
                    fmt,
                    moment,
                )


@pytest.mark.parametrize("value", [None, "", "soon", 12, "2026-12-06"])
def test_what_is_not_a_date_reads_as_django_writes_it(value):
    assert portal_date(value, "j M Y") == django_filters.date(value, "j M Y")
    assert portal_date(value) == django_filters.date(value)


def test_a_moment_in_a_template_is_read_in_the_settings_time_zone():
    source = '{{ moment|date:"j E Y, H:i" }} {{ day|date:"l j E" }} {{ day|date }}'
    context = {"moment": datetime(2026, 7, 1, 23, 30, tzinfo=UTC), "day": date(2026, 7, 2)}
    portal = engines["django"].from_string(source).render(context)
    plain = Engine(libraries={}).from_string(source).render(Context(context))
    assert portal == plain == "2 July 2026, 00:30 Thursday 2 July 2 Jul 2026"
    node = engines["django"].from_string("{{ day|date }}").template.nodelist[0]
    assert node.filter_expression.filters[0][0] is portal_date


def test_the_names_follow_a_change_of_the_languages_translations():
    with translation.override("pl"):
        before = format_date(date(2026, 12, 6), "j E Y")
        with override_settings(LANGUAGE_CODE="pl"):
            assert format_date(date(2026, 12, 6), "j E Y") == django_filters.date(
                date(2026, 12, 6), "j E Y"
            )
    assert before == "6 grudnia 2026"


@pytest.mark.parametrize(
    ("language", "written"),
    [("en-gb", "6 Dec 2026"), ("pl", "6 gru 2026"), ("ro", "6 dec 2026"), ("ur", "6 دسمبر 2026")],
)
def test_a_short_month_is_written_as_the_language_writes_it(language, written):
    with translation.override(language):
        assert format_date(date(2026, 12, 6), "j M Y") == written


def test_urdu_writes_its_own_comma_between_a_dates_parts():
    with translation.override("ur"):
        written = format_date(datetime(2026, 12, 27, 9, 0), "l j E, H:i")
    assert written.endswith("، 09:00") and "," not in written
