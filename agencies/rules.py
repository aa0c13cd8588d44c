"""Who may do what with agencies and the restricted records about children.

Restricted material (the information-sharing log, third-party information,
supervised visits) is for the child's key person, the DSL and the manager
(`families.rules.can_see_restricted`). Everyone else gets **404**, the
child's own parents and other practitioners included, never 403: a refusal
must not tell anyone that restricted records exist. The scoped querysets
(`RestrictedQuerySet.visible_to`) and `get_child_restricted_for` apply this.
"""

import rules

from families.rules import can_see_restricted, can_write_for_child, is_linked_parent
from nursery.rules import is_dsl, is_manager, is_parent, is_staff_member

# The directory: parents read its public part, staff all of it.
rules.add_perm("agencies.view_directory", is_staff_member | is_parent)
rules.add_perm("agencies.view_agency_staff_part", is_staff_member)
rules.add_perm("agencies.manage_directory", is_dsl | is_manager)
rules.add_perm("agencies.review_partnership", is_manager)

# Signposting: the family's own parents and staff read; those who write for
# the child signpost.
rules.add_perm("agencies.view_signposts", is_staff_member | (is_parent & is_linked_parent))
rules.add_perm("agencies.signpost_family", can_write_for_child)

# Restricted records about a child.
rules.add_perm("agencies.view_restricted", can_see_restricted)
rules.add_perm("agencies.record_restricted", can_see_restricted)
