"""The audit log's action codes for consents and medication."""

from django.utils.translation import gettext_lazy as _

from consents.models import Decision, Method
from nursery import audit

audit.declare(
    {
        "consents.decision.recorded": _("Consent decision recorded"),
        "consents.consent_type.created": _("Consent purpose added"),
        "consents.consent_type.changed": _("Consent purpose changed"),
        "consents.medication_permission.given": _("Medication permission given"),
        "consents.medication_permission.stopped": _("Medication permission stopped"),
        "consents.dose.given": _("Medication dose recorded"),
        "consents.dose.acknowledged": _("Medication dose acknowledged"),
        "consents.medication_incident.recorded": _("Medication incident recorded"),
    },
    data_labels={
        "consent": _("Consent"),
        # Lines written before decisions were kept as codes hold their words.
        "decision": _("Decision"),
        "method": _("How"),
        "consent_decision": _("Decision"),
        "consent_method": _("How"),
        "medicine": _("Medicine"),
        "amount": _("Amount"),
    },
    data_words={"consent_decision": Decision.choices, "consent_method": Method.choices},
)
