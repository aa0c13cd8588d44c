"""Who may see and do what with consents and medication.

Parents/carers answer for their own child (with parental responsibility);
the key person, the DSL and the manager record decisions; every member of
staff reads, and records a dose they gave or a medication error they saw
(whoever is in the room when the medicine is due gives it, key person or
not, and an error is recorded by whoever finds it); the manager looks after
the list of purposes.
"""

import rules

from families.rules import can_write_for_child, is_linked_parent, is_linked_parent_with_pr
from nursery.rules import is_manager, is_parent, is_staff_member

reads_child = is_staff_member | (is_parent & is_linked_parent)
answers_for_child = is_parent & is_linked_parent_with_pr

rules.add_perm("consents.view_child_consents", reads_child)
rules.add_perm("consents.decide_online", answers_for_child)
rules.add_perm("consents.record_decision", can_write_for_child)
rules.add_perm("consents.view_consent_types", is_staff_member)
rules.add_perm("consents.manage_consent_types", is_manager)
rules.add_perm("consents.view_consent_overview", is_staff_member)
rules.add_perm("consents.view_child_medication", reads_child)
rules.add_perm("consents.give_medication_permission", answers_for_child | can_write_for_child)
rules.add_perm("consents.record_dose", is_staff_member)
rules.add_perm("consents.acknowledge_dose", is_parent & is_linked_parent)
rules.add_perm("consents.view_family_consents", is_parent)
rules.add_perm("consents.record_medication_incident", is_staff_member)
