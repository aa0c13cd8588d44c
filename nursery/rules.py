"""Who may do what across the setting. Role predicates live here once."""

import rules

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

rules.add_perm("nursery.manage_accounts", is_manager)
rules.add_perm("nursery.view_audit", is_manager)
rules.add_perm("nursery.edit_config", is_manager)
