"""An id a person can type into the address, too large for the database's
integer, on every page of the portal that takes one: the page answers as
for any id it does not hold (not found, or not allowed), never 500, and a
POST changes nothing."""

import pytest
from django.urls import get_resolver, reverse
from django.urls.converters import IntConverter
from django.urls.resolvers import URLPattern, URLResolver

from tests.test_access_matrix import EXCLUDED_NAMESPACES
from tests.utils import database_fingerprint

TOO_LARGE = 10**20  # beyond a 64-bit integer
REFUSED = {302, 403, 404, 405}


def patterns_with_ids(resolver=None, namespace="", outer=None):
    """(URL name, {kwarg: value}) of every portal page with an integer in
    its address: each integer too large, any other part a plain word."""
    found = []
    for entry in (resolver or get_resolver()).url_patterns:
        converters = {**(outer or {}), **getattr(entry.pattern, "converters", {})}
        if isinstance(entry, URLResolver):
            if entry.namespace in EXCLUDED_NAMESPACES:
                continue
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found.extend(patterns_with_ids(entry, ns, converters))
        elif isinstance(entry, URLPattern) and any(
            isinstance(c, IntConverter) for c in converters.values()
        ):
            kwargs = {
                name: TOO_LARGE if isinstance(c, IntConverter) else "word"
                for name, c in converters.items()
            }
            found.append((f"{namespace}{entry.name}", kwargs))
    return found


PATTERNS = patterns_with_ids()


def test_the_pages_with_ids_are_found():
    assert len(PATTERNS) > 100
    assert "transitions:move_create" in {name for name, _ in PATTERNS}


@pytest.mark.parametrize("member", ["parent_a", "practitioner", "manager"])
def test_an_id_too_large_is_not_found_on_any_page(member, cast, client_for):
    client = client_for(getattr(cast, member))
    before = database_fingerprint()
    answered = {}
    for name, kwargs in PATTERNS:
        url = reverse(name, kwargs=kwargs)
        for method in (client.get, client.post):
            status = method(url).status_code
            if status not in REFUSED:
                answered[f"{method.__name__.upper()} {url}"] = status
    assert not answered, answered
    assert database_fingerprint() == before
