"""Who may do what in the setting's life: policies, events, consultations,
suggestions, complaints and announcements."""

import rules

from nursery.rules import is_manager, is_parent, is_staff_member


# The setting and its families.
@rules.predicate
def is_complainant(user, complaint):
    return complaint is not None and complaint.complainant_id == user.pk


@rules.predicate
def is_suggestion_author(user, suggestion):
    return suggestion is not None and suggestion.parent_id == user.pk


@rules.predicate
def consultation_is_open(user, consultation):
    return consultation is not None and consultation.is_open


@rules.predicate
def event_is_upcoming(user, event):
    return event is not None and not event.is_past


rules.add_perm("setting.view_dashboard", is_manager)
rules.add_perm("setting.manage_policies", is_manager)
rules.add_perm("setting.acknowledge_policy", is_parent)
rules.add_perm("setting.publish_events", is_staff_member)
rules.add_perm("setting.see_event_signups", is_staff_member)
rules.add_perm("setting.sign_up_for_event", is_parent & event_is_upcoming)
rules.add_perm("setting.run_consultations", is_manager)
rules.add_perm("setting.answer_consultation", is_parent & consultation_is_open)
rules.add_perm("setting.make_suggestion", is_parent)
rules.add_perm("setting.answer_suggestion", is_manager)
rules.add_perm("setting.make_complaint", is_parent | is_staff_member)
rules.add_perm("setting.handle_complaints", is_manager)
rules.add_perm("setting.send_announcements", is_staff_member)
rules.add_perm("setting.see_announcement_recipients", is_staff_member)
rules.add_perm("setting.record_communication_needs", is_parent)
rules.add_perm("setting.view_setting_pages", rules.is_authenticated & (is_parent | is_staff_member))
rules.add_perm("setting.view_suggestions", is_parent | is_manager)
