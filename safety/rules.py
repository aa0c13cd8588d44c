"""Who may see and do what with the safety records.

Every member of staff sees alerts, the fact of who must not collect, the
register and the room board, and records accidents. Parents and carers see
their own child's alerts, register times, collectors and accident records,
add and change alerts, and tell the setting who is collecting today. Who
may collect at any time, and the collection password, are decided by an
adult with parental responsibility (or by staff who write the child's
records): a carer without it reads them and decides nothing. The detail
behind a must-not-collect restriction stays with the key person, the DSL
and the manager.
"""

import rules

from families.rules import (
    authorises_collection,
    can_see_restricted,
    can_write_for_child,
    is_linked_parent,
)
from nursery.rules import is_dsl, is_manager, is_parent, is_staff_member

is_family = is_parent & is_linked_parent
reads_child = is_staff_member | is_family

rules.add_perm("safety.view_child_safety", reads_child)
rules.add_perm("safety.change_alerts", is_family | can_write_for_child)
rules.add_perm("safety.confirm_alert_seen", is_staff_member)
# Staff who write the child's records: no parent marks their own words read.
rules.add_perm("safety.deal_with_written_health", can_write_for_child)
rules.add_perm("safety.change_collectors", authorises_collection)
rules.add_perm("safety.tell_collecting_today", is_family | is_staff_member)
rules.add_perm("safety.record_must_not_collect", can_see_restricted)
rules.add_perm("safety.view_must_not_collect_detail", can_see_restricted)
rules.add_perm("safety.keep_register", is_staff_member)
rules.add_perm("safety.view_board", is_staff_member)
rules.add_perm("safety.record_accident", is_staff_member)
rules.add_perm("safety.view_accident_list", is_staff_member)
rules.add_perm("safety.acknowledge_accident", is_family)
rules.add_perm("safety.review_incidents", is_manager)
rules.add_perm("safety.record_notification", is_manager)
rules.add_perm("safety.see_dsl_items", is_dsl)
