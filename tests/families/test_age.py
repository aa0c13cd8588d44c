"""A child's age, as staff read it on the roster and the child's page."""

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone, translation

from tests.factories import ChildFactory


@pytest.mark.parametrize(
    ("years", "months", "shown"),
    [
        (0, 1, "1 month"),
        (0, 11, "11 months"),
        (1, 0, "1 year 0 months"),
        (1, 5, "1 year 5 months"),
        (2, 1, "2 years 1 month"),
        (3, 7, "3 years 7 months"),
    ],
)
def test_an_age_is_written_in_the_singular_where_it_is_one(years, months, shown):
    born = timezone.localdate() - relativedelta(years=years, months=months)
    assert ChildFactory.build(date_of_birth=born).age_display == shown


@pytest.mark.parametrize(
    ("language", "shown"),
    [("pl", "2 lata 1 miesiąc"), ("ro", "1 an și 2 luni")],
)
def test_an_age_takes_each_languages_plural(language, shown):
    years, months = (2, 1) if language == "pl" else (1, 2)
    born = timezone.localdate() - relativedelta(years=years, months=months)
    with translation.override(language):
        assert ChildFactory.build(date_of_birth=born).age_display == shown
