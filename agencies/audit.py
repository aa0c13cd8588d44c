"""The audit log's action codes for agencies and information sharing."""

from django.utils.translation import gettext_lazy as _

from nursery import audit

audit.declare(
    {
        "agencies.agency.created": _("Agency added"),
        "agencies.agency.changed": _("Agency changed"),
        "agencies.contact.added": _("Agency contact added"),
        "agencies.review.recorded": _("Agency partnership reviewed"),
        "agencies.signpost.recorded": _("Family signposted to an agency"),
        "agencies.sharing.recorded": _("Information-sharing decision recorded"),
        "agencies.sharing.read": _("Information-sharing decision read"),
        "agencies.third_party.recorded": _("Third-party information recorded"),
        "agencies.third_party.read": _("Third-party information read"),
        "agencies.onward_consent.recorded": _("Agency's consent to pass on recorded"),
        "agencies.onward_consent.withdrawn": _("Agency's consent to pass on withdrawn"),
        "agencies.visit.recorded": _("Supervised visit recorded"),
        "agencies.visit.read": _("Supervised visit read"),
        "agencies.child_records.read": _("Child's agency records read"),
    },
    data_labels={
        "recipient": _("Recipient"),
        "supervision_lapsed": _("Left alone with a child"),
    },
)
