"""The logged-in account is read once per request with what every page asks
of it (its role and whether it has a second factor), and a permission that
is a rule's is answered by the rule alone."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nursery.auth import AccountBackend, has_second_factor
from nursery.models import Role
from tests.factories import ManagerFactory, ParentFactory, PractitionerFactory, UserFactory

pytestmark = pytest.mark.django_db


def read(user):
    """The account as a request reads it from the session."""
    return AccountBackend().get_user(user.pk)


@pytest.mark.parametrize(
    ("factory", "role"),
    [
        (ManagerFactory, Role.MANAGER),
        (PractitionerFactory, Role.PRACTITIONER),
        (ParentFactory, Role.PARENT),
    ],
)
def test_the_role_comes_with_the_account_and_asks_nothing_more(factory, role):
    user = factory()
    with CaptureQueriesContext(connection) as queries:
        account = read(user)
        assert account.role == role
        assert account.is_setting_staff == (role != Role.PARENT)
    assert len(queries) == 1


def test_the_role_read_with_the_account_is_the_groups_role():
    """A person in two role groups has the stronger role, as the groups say;
    a person in none has no role."""
    both = PractitionerFactory()
    both.groups.add(Group.objects.get(name=Role.MANAGER))
    nobody = UserFactory()
    for user in (both, nobody):
        from_groups = type(user).objects.get(pk=user.pk).role
        assert read(user).role == from_groups
    assert read(both).role == Role.MANAGER
    assert read(nobody).role is None


def test_whether_there_is_a_second_factor_comes_with_the_account():
    with_app = PractitionerFactory()
    without = PractitionerFactory(second_factor=False)
    only_recovery_codes = PractitionerFactory()
    Authenticator.objects.filter(user=only_recovery_codes, type=Authenticator.Type.TOTP).delete()
    with CaptureQueriesContext(connection) as queries:
        answers = [has_second_factor(read(u)) for u in (with_app, without, only_recovery_codes)]
    assert answers == [True, False, False]
    assert len(queries) == 3


def test_an_inactive_account_is_not_read_back_from_the_session():
    user = ParentFactory(is_active=False)
    assert read(user) is None
    assert AccountBackend().get_user(10**9) is None


def test_a_refused_rule_reads_no_model_permissions():
    """The manager is not the DSL: the rule says no, and no query looks for
    the rule's name among the account's model permissions."""
    manager = read(ManagerFactory())
    with CaptureQueriesContext(connection) as queries:
        assert not manager.has_perm("safety.see_dsl_items")
    assert not [q for q in queries if "auth_permission" in q["sql"]]


def test_model_permissions_still_answer_for_the_admin():
    """The role groups' model permissions (for the admin) are still read."""
    manager = read(ManagerFactory())
    granted = Group.objects.get(name=Role.MANAGER).permissions.select_related("content_type")
    perm = granted.first()
    assert perm is not None, "the manager's group holds model permissions"
    assert manager.has_perm(f"{perm.content_type.app_label}.{perm.codename}")


def test_a_stale_session_role_is_not_kept_past_the_request(client, cast):
    """The role is read afresh with each request: a practitioner made
    manager sees the manager's pages on their next request."""
    from tests.conftest import force_completed_login

    user = cast.practitioner
    force_completed_login(client, user)
    assert client.get(reverse("dashboard")).status_code == 403
    user.groups.add(Group.objects.get(name=Role.MANAGER))
    assert client.get(reverse("dashboard")).status_code == 200
