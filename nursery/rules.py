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


rules.add_perm("nursery.view_dashboard", is_manager)
rules.add_perm("nursery.manage_policies", is_manager)
rules.add_perm("nursery.acknowledge_policy", is_parent)
rules.add_perm("nursery.publish_events", is_staff_member)
rules.add_perm("nursery.see_event_signups", is_staff_member)
rules.add_perm("nursery.sign_up_for_event", is_parent & event_is_upcoming)
rules.add_perm("nursery.run_consultations", is_manager)
rules.add_perm("nursery.answer_consultation", is_parent & consultation_is_open)
rules.add_perm("nursery.make_suggestion", is_parent)
rules.add_perm("nursery.answer_suggestion", is_manager)
rules.add_perm("nursery.make_complaint", is_parent | is_staff_member)
rules.add_perm("nursery.handle_complaints", is_manager)
rules.add_perm("nursery.send_announcements", is_staff_member)
rules.add_perm("nursery.see_announcement_recipients", is_staff_member)
rules.add_perm("nursery.record_communication_needs", is_parent)
rules.add_perm("nursery.view_setting_pages", rules.is_authenticated & (is_parent | is_staff_member))
rules.add_perm("nursery.view_suggestions", is_parent | is_manager)


# Resetting a second factor: a manager resets anyone's but their own (their
# own needs another manager, or `manage.py reset_second_factor` on the server).
@rules.predicate
def is_someone_else(user, person):
    return person is not None and person.pk != user.pk


rules.add_perm("nursery.reset_second_factor", is_manager & is_someone_else)
