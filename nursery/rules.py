"""Who may do what across the setting. Role predicates live here once."""

import rules
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef, Q

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


def allegation_reach(user, *, about):
    """A filter for records of an allegation about a member of staff (the
    person in the field `about`) that `user` may see: the manager and the
    DSL only; one about a DSL goes past every DSL (to the manager), one
    about a manager past every manager (to the DSL); never the person it is
    about. Used by every queryset that holds such records."""
    if not (is_staff_member(user) and (user.is_manager or user.is_dsl)):
        return Q(pk__in=[])
    reach = ~Q(**{about: user})
    if user.is_manager:
        managers = Group.objects.filter(name=Role.MANAGER, user=OuterRef(about))
        reach &= ~Exists(managers)
    if user.is_dsl:
        reach &= Q(**{f"{about}__is_dsl": False})
    return reach


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
