"""List pages. Every list of the portal is a `ListPageView`, and a page
number that is not one (`?page=abc`, or a page past the end, left from an
old link) shows a page of the list rather than "not found"."""

import pytest
from django.urls import get_resolver, reverse
from django.urls.resolvers import URLPattern, URLResolver
from django.views.generic import ListView

from nursery.views.mixins import ListPageView
from tests.test_access_matrix import EXCLUDED_NAMESPACES, ROWS

pytestmark = pytest.mark.django_db

STAFF_FIRST = ("manager", "dsl", "key_person", "practitioner", "parent_a", "parent_b")


def is_library(view):
    """A page a library serves (the second factor's keys, say)."""
    return view.__module__.startswith(("allauth.", "django."))


def list_views(resolver=None, namespace=""):
    """{URL name: view class} of every page of the portal's own that is a list."""
    found = {}
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in EXCLUDED_NAMESPACES:
                continue
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found.update(list_views(entry, ns))
        elif isinstance(entry, URLPattern):
            view = getattr(entry.callback, "view_class", None)
            if view is not None and issubclass(view, ListView) and not is_library(view):
                found[f"{namespace}{entry.name}"] = view
    return found


LISTS = list_views()
LIST_ROWS = [
    pytest.param(row, member, id=row.name)
    for row in ROWS
    if row.name in LISTS
    and (member := next((m for m in STAFF_FIRST if row.get.get(m) == 200), None))
]


def test_every_list_of_the_portal_is_a_list_page():
    assert len(LISTS) > 20
    assert [name for name, view in LISTS.items() if not issubclass(view, ListPageView)] == []
    assert len(LIST_ROWS) == len(LISTS)


@pytest.mark.parametrize(("row", "member"), LIST_ROWS)
def test_a_page_number_that_is_not_one_shows_a_page(row, member, cast, client_for):
    client = client_for(getattr(cast, member))
    url = reverse(row.name, kwargs=row.kwargs(cast))
    for page in ("abc", "0", "-1", "99999", "1" * 40):
        response = client.get(url, {"page": page})
        assert response.status_code == 200, (row.name, page)
