"""The setting as a whole: people and roles, its configuration and audit log
(core), and what it shares with families: policies, events, consultations,
suggestions, complaints, announcements and each parent's communication needs."""

from nursery.models.core import (
    STAFF_ROLES,
    AuditEvent,
    FormSubmission,
    Role,
    SiteConfig,
    User,
    UserManager,
)
from nursery.models.involvement import Event, EventSignup
from nursery.models.messages import Announcement, CommunicationNeeds
from nursery.models.policies import Policy, PolicyAcknowledgement
from nursery.models.voice import (
    Complaint,
    Consultation,
    ConsultationOption,
    ConsultationResponse,
    Suggestion,
)

__all__ = [
    "STAFF_ROLES",
    "Announcement",
    "AuditEvent",
    "CommunicationNeeds",
    "Complaint",
    "Consultation",
    "ConsultationOption",
    "ConsultationResponse",
    "Event",
    "EventSignup",
    "FormSubmission",
    "Policy",
    "PolicyAcknowledgement",
    "Role",
    "SiteConfig",
    "Suggestion",
    "User",
    "UserManager",
]
