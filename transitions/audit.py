"""The audit log's action codes for schools and moves to school."""

from django.utils.translation import gettext_lazy as _

from nursery import audit
from transitions.models import ChildProtectionHandover

audit.declare(
    {
        "transitions.school.added": _("School added"),
        "transitions.school.changed": _("School changed"),
        "transitions.school_contact.added": _("School contact added"),
        "transitions.school_activity.recorded": _("Activity with a school recorded"),
        "transitions.school_review.recorded": _("School partnership reviewed"),
        "transitions.move.planned": _("Move to school planned"),
        "transitions.move.changed": _("Move to school changed"),
        "transitions.move_event.planned": _("Visit or meeting planned"),
        "transitions.move_event.outcome_recorded": _("How a visit or meeting went recorded"),
        "transitions.parent_view.added": _("Parent's views on the move added"),
        "transitions.summary.saved": _("Summary for the school saved"),
        "transitions.pack.prepared": _("Records pack prepared"),
        "transitions.pack.changed": _("Records pack changed"),
        "transitions.pack.consented": _("Parent consented to a records pack"),
        "transitions.pack.consent_needed_again": _(
            "Records pack changed after consent: consent asked for again"
        ),
        "transitions.pack.consent_withdrawn": _("Parent withdrew consent to a records pack"),
        "transitions.pack.sent": _("Records pack sent"),
        "transitions.pack.received": _("School confirmed receipt of a records pack"),
        "transitions.pack.read": _("Records pack read"),
        "transitions.leaver_records.read": _("Leaver's records read"),
        "transitions.leaver_records.downloaded": _("Leaver's records downloaded"),
        "transitions.cp_handover.recorded": _("Child-protection file handed over"),
        "transitions.cp_handover.received": _(
            "School confirmed receipt of a child-protection file"
        ),
        "transitions.cp_handover.read": _("Child-protection file handover read"),
        "transitions.cp_handovers.read": _("Child-protection handovers list read"),
    },
    data_labels={
        "school": _("School"),
        "sections": _("Sections"),
        "method": _("How"),
        "handover_method": _("How"),
        "received_by": _("Confirmed by"),
        "consented_by": _("Consent given by"),
        "handovers": _("Files shown"),
    },
    data_words={"handover_method": ChildProtectionHandover.Method.choices},
)
