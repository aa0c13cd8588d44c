"""Form pages. A form sent back with errors says once, above the form, that
nothing was saved, never a second time in the page's messages as well (every
page of the access matrix that takes a POST is sent an empty one by a member
of the cast it lets in); and the page around a refused edit shows the record
as it is stored, not as typed."""

import pytest
from django.urls import reverse

from tests.test_access_matrix import ROWS

pytestmark = pytest.mark.django_db

BANNER = "Please correct the errors below"
STAFF_FIRST = ("manager", "dsl", "key_person", "practitioner", "parent_a", "parent_b")


def allowed_member(row):
    for member in STAFF_FIRST:
        if row.post.get(member) in (200, 302):
            return member
    return None


FORM_ROWS = [
    pytest.param(row, member, id=row.name)
    for row in ROWS
    if (member := allowed_member(row)) is not None and not row.public
]


@pytest.mark.parametrize(("row", "member"), FORM_ROWS)
def test_an_empty_form_says_once_that_nothing_was_saved(row, member, cast, client_for):
    client = client_for(getattr(cast, member))
    response = client.post(reverse(row.name, kwargs=row.kwargs(cast)), {}, follow=True)
    assert response.status_code < 500
    assert response.content.decode().count(BANNER) <= 1, row.name


def _row(name):
    return next(row for row in ROWS if row.name == name)


# (URL name, fields typed: a new name and one value the form refuses)
EDITS = [
    ("families:child_edit", {"first_name": "Typed", "date_of_birth": "soon"}),
    ("agencies:agency_edit", {"name": "Typed Hub", "review_interval_months": "x"}),
    ("transitions:school_edit", {"name": "Typed School", "email": "not an email"}),
]


@pytest.mark.parametrize(("name", "typed"), EDITS, ids=[e[0] for e in EDITS])
def test_a_refused_edit_shows_the_record_as_it_is_stored(name, typed, cast, client_for):
    """A model form that fails validation has already changed its instance
    in memory: the page around the form still names the record as stored."""
    row = _row(name)
    kwargs = row.kwargs(cast)
    client = client_for(cast.manager)
    stored = client.get(reverse(name, kwargs=kwargs)).content.decode()
    response = client.post(reverse(name, kwargs=kwargs), {**row.data(cast), **typed})
    assert response.status_code == 200
    page = response.content.decode()
    heading_of = lambda html: html.split("<h1", 1)[1].split("</h1>", 1)[0]  # noqa: E731
    assert heading_of(page) == heading_of(stored)
    assert "Typed" not in heading_of(page)
