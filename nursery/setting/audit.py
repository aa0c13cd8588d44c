"""The audit log's action codes for the life of the setting."""

from django.utils.translation import gettext_lazy as _

from nursery import audit

audit.declare(
    {
        "setting.policy.created": _("Policy added"),
        "setting.policy.changed": _("Policy changed"),
        "setting.policy.acknowledged": _("Policy acknowledged"),
        "setting.event.created": _("Event added"),
        "setting.event.changed": _("Event changed"),
        "setting.event_signup.created": _("Signed up for an event"),
        "setting.event_signup.changed": _("Event sign-up changed"),
        "setting.event_signup.cancelled": _("Event sign-up cancelled"),
        "setting.consultation.created": _("Consultation opened"),
        "setting.consultation.answered": _("Consultation answered"),
        "setting.consultation.answer_changed": _("Consultation answer changed"),
        "setting.consultation.decided": _("Consultation decision recorded"),
        "setting.suggestion.made": _("Suggestion made"),
        "setting.suggestion.answered": _("Suggestion answered"),
        "setting.complaint.recorded": _("Complaint recorded"),
        "setting.complaint.progressed": _("Complaint record updated"),
        "setting.complaints.exported": _("Complaints record exported (CSV)"),
        "setting.complaints.printed": _("Complaints record printed"),
        "setting.announcement.published": _("Announcement published"),
        "setting.communication_needs.saved": _("Communication needs saved"),
    },
    data_labels={
        "version": _("Version"),
        "adults": _("Adults"),
        "offers_help": _("Offers to help"),
        "via": _("How it was made"),
        "changed": _("Changed"),
        "audience": _("Audience"),
        "emailed_to": _("Emailed to"),
    },
)
