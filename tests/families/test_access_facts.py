"""The child of a page is fetched with what the rules ask about it
(`ChildQuerySet.with_access_facts`): every permission on it answers as it
does for a child fetched plainly, for every member of the cast, and asks the
database nothing more."""

import pytest
import rules
from django.db import connection
from django.test.utils import CaptureQueriesContext

from families.models import Child, ParentLink
from tests.conftest import MEMBERS

pytestmark = pytest.mark.django_db

# Every permission of the portal; those about another kind of object (a
# meeting's action, an agency) fail alike on both children and are skipped.
PERMISSIONS = sorted(rules.permissions.permissions)


def answer(user, name, child):
    try:
        return user.has_perm(name, child)
    except (AttributeError, TypeError):
        return "not about a child"


@pytest.mark.parametrize("member", [m for m in MEMBERS if m != "anon"])
def test_fetched_facts_answer_as_the_database_does(member, cast):
    user = getattr(cast, member)
    # Parental responsibility differs between the two links of child_a.
    ParentLink.objects.filter(parent=cast.parent_a_home2).update(has_parental_responsibility=False)
    for child in (cast.child_a, cast.child_b):
        plain = Child.objects.get(pk=child.pk)
        fetched = Child.objects.with_access_facts(user).get(pk=child.pk)
        for name in PERMISSIONS:
            assert answer(user, name, fetched) == answer(user, name, plain), (name, child)


def test_a_parents_permissions_on_a_fetched_child_ask_nothing(cast):
    user = cast.parent_a
    user.role  # noqa: B018  (read once per request, before any rule)
    child = Child.objects.with_access_facts(user).get(pk=cast.child_a.pk)
    with CaptureQueriesContext(connection) as queries:
        for name in PERMISSIONS:
            answer(user, name, child)
    assert [q["sql"] for q in queries.captured_queries if "parentlink" in q["sql"]] == []


def test_facts_fetched_for_one_person_are_not_used_for_another(cast):
    child = Child.objects.with_access_facts(cast.parent_a).get(pk=cast.child_a.pk)
    assert cast.parent_a.has_perm("families.see_child", child)
    assert not cast.parent_b.has_perm("families.see_child", child)
    assert not cast.parent_restricted.has_perm("families.see_child", child)
