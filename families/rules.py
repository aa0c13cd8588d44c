"""Who may see and change what about a child. Other apps reuse these predicates."""

import rules

from families.models import ParentLink
from nursery.rules import is_dsl, is_manager, is_parent, is_staff_member


@rules.predicate
def is_key_person(user, child):
    if child is None or not user.is_authenticated:
        return False
    assignment = child.key_person_assignment
    return assignment is not None and assignment.practitioner_id == user.pk


@rules.predicate
def is_linked_parent(user, child):
    """A parent/carer whose link to this child allows portal access."""
    if child is None or not user.is_authenticated:
        return False
    return ParentLink.objects.filter(parent=user, child=child, portal_access=True).exists()


@rules.predicate
def is_linked_parent_with_pr(user, child):
    """A linked parent/carer who also holds parental responsibility."""
    if child is None or not user.is_authenticated:
        return False
    return ParentLink.objects.filter(
        parent=user, child=child, portal_access=True, has_parental_responsibility=True
    ).exists()


# Restricted material (child protection, information sharing, third-party
# information, agency visit notes): the child's key person, the DSL, the manager.
can_see_restricted = is_staff_member & (is_key_person | is_dsl | is_manager)
# Writing a child's records as staff: the key person, the DSL and the manager.
can_write_for_child = is_staff_member & (is_key_person | is_dsl | is_manager)

rules.add_perm("families.view_roster", is_staff_member)
rules.add_perm("families.view_child", is_staff_member | (is_parent & is_linked_parent))
rules.add_perm("families.view_parent_links", is_staff_member)
rules.add_perm("families.edit_details", can_write_for_child | (is_parent & is_linked_parent))
rules.add_perm("families.manage_child", is_manager)
