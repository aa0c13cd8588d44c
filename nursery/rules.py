"""Who may do what across the setting. Role predicates live here once."""

import rules
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef, Q

from nursery.models import Role


@rules.predicate
def is_parent(user):
    return user.is_authenticated and user.role == Role.PARENT


@rules.predicate
def is_practitioner(user):
    return user.is_authenticated and user.role == Role.PRACTITIONER


@rules.predicate
def is_manager(user):
    return user.is_authenticated and user.role == Role.MANAGER


is_staff_member = is_practitioner | is_manager


@rules.predicate
def has_dsl_flag(user):
    return user.is_authenticated and user.is_dsl


# The DSL is a member of staff with the flag; the flag alone gives nothing.
is_dsl = is_staff_member & has_dsl_flag


def allegation_reach(user, *, about):
    """A filter for records of an allegation about a member of staff (the
    person in the field `about`) that `user` may see: the manager and the
    DSL only; one about a DSL goes past every DSL (to the manager), one
    about a manager past every manager (to the DSL); never the person it is
    about. Used by every queryset that holds such records."""
    if not (is_staff_member(user) and (user.is_manager or user.is_dsl)):
        return Q(pk__in=[])
    reach = ~Q(**{about: user})
    if user.is_manager:
        managers = Group.objects.filter(name=Role.MANAGER, user=OuterRef(about))
        reach &= ~Exists(managers)
    if user.is_dsl:
        reach &= Q(**{f"{about}__is_dsl": False})
    return reach


rules.add_perm("nursery.manage_accounts", is_manager)
rules.add_perm("nursery.view_audit", is_manager)
rules.add_perm("nursery.edit_config", is_manager)


# Resetting a second factor: a manager resets anyone's but their own (their
# own needs another manager, or `manage.py reset_second_factor` on the server).
@rules.predicate
def is_someone_else(user, person):
    return person is not None and person.pk != user.pk


rules.add_perm("nursery.reset_second_factor", is_manager & is_someone_else)
