"""Who may do what with schools, moves to school and transfers of records."""

import rules

from families.rules import can_write_for_child, is_linked_parent, is_linked_parent_with_pr
from nursery.rules import is_dsl, is_manager, is_parent, is_staff_member


@rules.predicate
def has_leaving_date(user, child):
    return child is not None and child.leaving_on is not None


# The schools directory: staff read it, the manager keeps it and reviews it.
rules.add_perm("transitions.view_schools", is_staff_member)
rules.add_perm("transitions.manage_schools", is_manager)
# A child's move to school (object: the child).
rules.add_perm("transitions.see_move", is_staff_member | (is_parent & is_linked_parent))
rules.add_perm("transitions.plan_move", can_write_for_child)
rules.add_perm("transitions.add_parent_view", is_parent & is_linked_parent)
# The transfer pack (object: the child): the key person, the DSL and the
# manager read, prepare, change and send it (it may hold third-party
# information, which other practitioners may not read); a parent with
# parental responsibility consents to it.
rules.add_perm("transitions.view_moves", is_staff_member)
rules.add_perm("transitions.view_pack", can_write_for_child)
rules.add_perm("transitions.send_pack", can_write_for_child)
rules.add_perm("transitions.consent_to_transfer", is_parent & is_linked_parent_with_pr)
# The child's parents/carers read the pack they are asked to consent to, as
# far as they may read it (never what another home wrote, never restricted
# material); a parent without parental responsibility reads it too.
rules.add_perm("transitions.read_pack", can_write_for_child | (is_parent & is_linked_parent))


@rules.predicate
def may_read_this_pack(user, transfer):
    """One pack (object: the transfer): staff who may read packs read any
    pack, as the school gets it; the child's parents/carers read the pack
    they are asked to consent to, until it is sent."""
    if user.has_perm("transitions.view_pack", transfer.child):
        return True
    return transfer.sent_on is None and user.has_perm("transitions.read_pack", transfer.child)


rules.add_perm("transitions.read_this_pack", may_read_this_pack)
# The child-protection file: restricted. The DSL hands it over; the manager reads.
rules.add_perm("transitions.view_cp_handovers", is_dsl | is_manager)
rules.add_perm("transitions.record_cp_handover", is_dsl)
# The leaver's records for parents, once the leaving date is set; of staff,
# only those who may read what it holds (third-party information agreed for
# the parents) open it to check it.
rules.add_perm(
    "transitions.view_leaver_records",
    (can_write_for_child | (is_parent & is_linked_parent)) & has_leaving_date,
)
