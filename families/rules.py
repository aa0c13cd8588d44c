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


def _fetched_fact(user, child, fact):
    """`fact` about this person's link, when it was fetched with the child
    (`ChildQuerySet.with_access_facts`), else None."""
    if getattr(child, "viewer_pk", None) == user.pk:
        return getattr(child, fact)
    return None


@rules.predicate
def is_linked_parent(user, child):
    """A parent/carer whose link to this child allows portal access."""
    if child is None or not user.is_authenticated:
        return False
    fetched = _fetched_fact(user, child, "viewer_linked")
    if fetched is not None:
        return fetched
    return ParentLink.objects.filter(parent=user, child=child, portal_access=True).exists()


@rules.predicate
def is_linked_parent_with_pr(user, child):
    """A linked parent/carer who also holds parental responsibility."""
    if child is None or not user.is_authenticated:
        return False
    fetched = _fetched_fact(user, child, "viewer_has_pr")
    if fetched is not None:
        return fetched
    return ParentLink.objects.filter(
        parent=user, child=child, portal_access=True, has_parental_responsibility=True
    ).exists()


# Restricted material (child protection, information sharing, third-party
# information, agency visit notes): the child's key person, the DSL, the manager.
can_see_restricted = is_staff_member & (is_key_person | is_dsl | is_manager)
# Writing a child's records as staff: the key person, the DSL and the manager.
can_write_for_child = is_staff_member & (is_key_person | is_dsl | is_manager)

rules.add_perm("families.view_roster", is_staff_member)
rules.add_perm("families.see_child", is_staff_member | (is_parent & is_linked_parent))
rules.add_perm("families.view_parent_links", is_staff_member)
rules.add_perm("families.edit_details", can_write_for_child | (is_parent & is_linked_parent))
# Who may collect the child is an authorisation: given by an adult with
# parental responsibility or by staff who write the child's records (an
# emergency contact's "may collect"; safety.change_collectors).
authorises_collection = (is_parent & is_linked_parent_with_pr) | can_write_for_child
rules.add_perm("families.authorise_collection", authorises_collection)
rules.add_perm("families.manage_child", is_manager)
# A parent's own pages (their children, the messages about them): the page
# lists only what their links let them see.
rules.add_perm("families.view_own_children", is_parent)


# The partnership records (meetings, progress reviews, support plans, settling
# in): the key person and the manager write them; all staff read them with
# their staff-only notes; linked parents read what was shared and respond.
can_keep_records = is_staff_member & (is_key_person | is_manager)
is_family = is_parent & is_linked_parent

rules.add_perm("families.view_records", is_staff_member | is_family)
rules.add_perm("families.keep_records", can_keep_records)
rules.add_perm("families.view_staff_notes", is_staff_member)
rules.add_perm("families.respond_to_record", is_family)
# Signing off the check at age two: a parent with parental responsibility.
rules.add_perm("families.sign_off_check", is_parent & is_linked_parent_with_pr)
rules.add_perm("families.ask_for_meeting", is_family)
rules.add_perm("families.answer_meeting_request", can_keep_records)
# What parents tell the setting: the family writes, every member of staff sees
# and answers it the same day.
rules.add_perm("families.tell_setting", is_family)
rules.add_perm("families.answer_notice", is_staff_member)
# Restricted: child-protection-plan tasks.
rules.add_perm("families.view_restriction_detail", can_see_restricted)
rules.add_perm("families.view_cp_tasks", can_see_restricted)
rules.add_perm("families.record_cp_tasks", can_see_restricted)
# Setting-wide follow-up lists (meetings overdue, checks due): staff only.
rules.add_perm("families.view_follow_up", is_staff_member)


@rules.predicate
def can_complete_action(user, action):
    """An agreed action is marked done by its own side: the family's by a
    linked parent, the nursery's by the key person or the manager."""
    if action is None:
        return False
    if action.owner == "family":
        return is_family(user, action.meeting.child)
    return can_keep_records(user, action.meeting.child)


rules.add_perm("families.complete_action", can_complete_action)
