"""The life of the setting with its families: policies, events,
consultations, suggestions, complaints, announcements and each parent's
communication needs."""

from nursery.setting.models.involvement import Event, EventSignup
from nursery.setting.models.messages import Announcement, CommunicationNeeds
from nursery.setting.models.policies import Policy, PolicyAcknowledgement
from nursery.setting.models.voice import (
    Complaint,
    Consultation,
    ConsultationOption,
    ConsultationResponse,
    Suggestion,
)

__all__ = [
    "Announcement",
    "CommunicationNeeds",
    "Complaint",
    "Consultation",
    "ConsultationOption",
    "ConsultationResponse",
    "Event",
    "EventSignup",
    "Policy",
    "PolicyAcknowledgement",
    "Suggestion",
]
