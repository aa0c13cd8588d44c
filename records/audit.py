"""The audit log's action codes for records and rights."""

from django.utils.translation import gettext_lazy as _

from nursery import audit
from records.models import (
    ChildProtectionDecision,
    RequestVia,
    RetentionKind,
    RightsDecision,
    RightsGround,
    RightsKind,
)

audit.declare(
    {
        "records.subject_access.requested": _("Subject-access request made"),
        "records.subject_access.extended": _("More time taken for a subject-access request"),
        "records.subject_access.cp_decided": _(
            "Safeguarding lead decided on child-protection material for a request"
        ),
        "records.subject_access.pack_prepared": _("Subject-access pack prepared"),
        "records.subject_access.delivered": _("Subject-access pack delivered"),
        "records.subject_access.pack_read": _("Subject-access pack read"),
        "records.subject_access.pack_downloaded": _("Subject-access pack downloaded"),
        "records.retention.changed": _("Retention period changed"),
        "records.hold.placed": _("Legal hold placed"),
        "records.hold.lifted": _("Legal hold lifted"),
        "records.disposal.found": _("Records past their period listed"),
        "records.disposal.approved": _("Disposal approved and carried out"),
        "records.disposal.dismissed": _("Disposal dismissed"),
        "records.rights.requested": _("Erasure or restriction request recorded"),
        "records.rights.decided": _("Erasure or restriction request decided"),
        "records.rights.lifted": _("Restriction lifted"),
    },
    data_labels={
        "via": _("How it was made"),
        "due_on": _("Answer due by"),
        "extended_to": _("Extended to"),
        "decision": _("Decision"),
        "sections": _("Sections"),
        "format": _("Format"),
        "kind": _("Kind"),
        "years_before": _("Years before"),
        "years_after": _("Years after"),
        "counts": _("How many"),
        "ground": _("Ground"),
        "on_time": _("On time"),
    },
    data_words={
        "via": RequestVia.choices,
        "decision": [*ChildProtectionDecision.choices, *RightsDecision.choices],
        "kind": [*RetentionKind.choices, *RightsKind.choices],
        "ground": RightsGround.choices,
    },
)
