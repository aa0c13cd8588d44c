from datetime import date, datetime

import pytest
from django.utils import timezone

from nursery.dates import add_months, day_in_words, moment_in_words, months_before


def test_adding_months_lands_on_the_last_day_of_a_shorter_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 14) == date(2028, 1, 15)


def test_months_before_counts_back_across_years_and_short_months():
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (date(2026, 12, 5), "5 December 2026"),
        ("2026-01-05", "5 January 2026"),  # as a caller passed it, before the database read it
        (None, ""),
        ("not a date", "not a date"),
    ],
)
def test_a_day_reads_in_words_whatever_it_was_given_as(value, words):
    """A record's name uses it: a name never fails to be made."""
    assert day_in_words(value) == words


def test_a_moment_reads_as_its_time_on_its_day_in_the_settings_time_zone():
    summer = timezone.make_aware(datetime(2026, 7, 1, 8, 30), timezone.get_fixed_timezone(0))
    assert moment_in_words(summer) == "09:30 on 1 July 2026"  # London, summer time
    assert moment_in_words(None) == ""


@pytest.mark.parametrize(
    "language, words",
    [
        ("en-gb", "7 December 2026"),
        ("pl", "7 grudnia 2026"),
        # Romanian writes its months in lower case in a sentence: the portal's
        # catalogue puts right Django's "Decembrie".
        ("ro", "7 decembrie 2026"),
        ("ur", "7 دسمبر 2026"),
    ],
)
def test_a_day_in_words_names_its_month_as_each_language_writes_it_in_a_sentence(language, words):
    from django.utils import translation
    from django.utils.formats import date_format

    with translation.override(language):
        assert day_in_words(date(2026, 12, 7)) == words
        # Django's own, where the portal leaves a format to it, agrees.
        assert date_format(date(2026, 12, 7), "j E Y") == words


@pytest.mark.parametrize(
    "language, words",
    [
        ("en-gb", "Saturday 19 December"),
        # Polish and Romanian write the days in lower case in a sentence
        # ("Diwali, sobota 19 grudnia"); a line that starts with one says
        # |capfirst in its template.
        ("pl", "sobota 19 grudnia"),
        ("ro", "sâmbătă 19 decembrie"),
        ("ur", "ہفتہ 19 دسمبر"),
    ],
)
def test_a_day_of_the_week_reads_as_each_language_writes_it_in_a_sentence(language, words):
    from django.utils import translation
    from django.utils.formats import date_format

    from nursery.dates import format_date

    with translation.override(language):
        assert format_date(date(2026, 12, 19), "l j E") == words
        assert date_format(date(2026, 12, 19), "l j E") == words
