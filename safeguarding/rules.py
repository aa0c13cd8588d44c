"""Who may do what in the safeguarding workspace.

Any member of staff records a concern. The DSL and the manager decide,
refer and keep each child's status. Reading concerns, decisions, referrals,
status and the chronology: the DSL, the manager and the child's key person
(`families.rules.can_see_restricted`); an allegation about a member of
staff only as `Concern.objects.visible_to` allows. Everyone else gets 404
for anything about a child, never 403: a refusal must not tell anyone that
safeguarding records exist (the fetching helpers in services.py apply it).
"""

import rules

from families.rules import can_see_restricted
from nursery.rules import is_dsl, is_manager, is_staff_member

leads = is_staff_member & (is_dsl | is_manager)


@rules.predicate
def concern_child_restricted(user, concern):
    return concern is not None and can_see_restricted(user, concern.child)


rules.add_perm("safeguarding.record_concern", is_staff_member)
# The workspace's lists across children: the DSL and the manager.
rules.add_perm("safeguarding.view_workspace", leads)
rules.add_perm("safeguarding.view_restricted_audit", leads)
# A child's safeguarding records and chronology.
rules.add_perm("safeguarding.view_child", can_see_restricted)
rules.add_perm("safeguarding.keep_status", leads)
# One concern (fetched within Concern.objects.visible_to).
rules.add_perm("safeguarding.see_concern", concern_child_restricted)
rules.add_perm("safeguarding.decide", leads)
rules.add_perm("safeguarding.refer", leads)
rules.add_perm("safeguarding.record_referral_outcome", leads)
