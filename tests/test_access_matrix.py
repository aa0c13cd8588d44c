"""Every URL of the portal, for every member of the cast, by GET and by POST.

A refused POST (403, 404, 405, or a redirect to the login page) must leave
the database exactly as it was.
"""

from importlib import import_module

import pytest
from django.urls import get_resolver, reverse
from django.urls.resolvers import URLPattern, URLResolver

from tests.conftest import MEMBERS
from tests.utils import database_fingerprint

APPS = [
    "nursery",
    "families",
    "consents",
    "agencies",
    "transitions",
    "setting",
    "safety",
    "safeguarding",
    "records",
]
# URL namespaces that belong to Django's own admin: set-up only, and its own
# staff check (is_staff) guards it; they are not pages of the portal.
EXCLUDED_NAMESPACES = {"admin"}


def all_rows():
    rows = []
    for app in APPS:
        rows.extend(import_module(f"tests.{app}.access_rows").ROWS)
    return rows


ROWS = all_rows()


def portal_url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    names = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in EXCLUDED_NAMESPACES:
                continue
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= portal_url_names(entry, ns)
        elif isinstance(entry, URLPattern):
            assert entry.name, f"URL pattern {entry.pattern} has no name"
            names.add(f"{namespace}{entry.name}")
    return names


def test_every_url_pattern_has_a_row_in_the_matrix():
    covered = [row.name for row in ROWS]
    assert len(covered) == len(set(covered)), "a URL name has two rows"
    missing = portal_url_names() - set(covered)
    assert not missing, f"URL patterns with no access-matrix row: {sorted(missing)}"
    unknown = set(covered) - portal_url_names()
    assert not unknown, f"rows for URL names that do not exist: {sorted(unknown)}"


CASES = [
    pytest.param(row, member, method, id=f"{row.name}-{member}-{method}")
    for row in ROWS
    for member in MEMBERS
    for method in ("get", "post")
]

REFUSED = {302, 403, 404, 405}


@pytest.mark.parametrize(("row", "member", "method"), CASES)
def test_access(row, member, method, cast, client_for):
    client = client_for(getattr(cast, member))
    url = reverse(row.name, kwargs=row.kwargs(cast))
    expected = getattr(row, method)[member]
    if method == "get":
        response = client.get(url)
    else:
        before = database_fingerprint()
        response = client.post(url, row.data(cast))
    assert response.status_code == expected, (
        f"{member} {method.upper()} {url}: {response.status_code}, expected {expected}"
    )
    if response.status_code == 302 and member == "anon" and not row.public:
        assert response["Location"].startswith(reverse("login"))
    if method == "post" and expected in REFUSED and not _is_success_redirect(row, member):
        assert database_fingerprint() == before, f"refused POST by {member} changed data"


def _is_success_redirect(row, member):
    """A 302 on POST is a refusal only for anonymous people on a page that
    needs a login; for anyone else, and for anyone on a public page (asking
    for a password reset enqueues the work), it is the redirect after a
    successful save."""
    return (member != "anon" or row.public) and row.post[member] == 302


def test_no_rule_has_the_name_of_a_django_model_permission():
    """The role groups hold Django's model permissions for the admin
    (practitioners every `view_…`). A rule with the same name would also be
    granted by those, without its own test, wherever it is checked without
    an object: each rule has a name of its own."""
    from django.apps import apps
    from rules.permissions import permissions

    model_permissions = set()
    for model in apps.get_models():
        opts = model._meta
        model_permissions |= {
            f"{opts.app_label}.{action}_{opts.model_name}" for action in opts.default_permissions
        }
        model_permissions |= {f"{opts.app_label}.{codename}" for codename, _ in opts.permissions}
    assert not set(permissions) & model_permissions
