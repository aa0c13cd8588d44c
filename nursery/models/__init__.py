"""The kernel's models: people and roles, the setting's configuration and
the audit log. The life of the setting has its own app (nursery.setting)."""

from nursery.models.core import (
    STAFF_ROLES,
    AuditEvent,
    FormSubmission,
    Role,
    SiteConfig,
    User,
    UserManager,
)
from nursery.models.notifications import (
    Channel,
    KeptEmail,
    Notification,
    NotificationPreference,
)

__all__ = [
    "STAFF_ROLES",
    "AuditEvent",
    "Channel",
    "FormSubmission",
    "KeptEmail",
    "Notification",
    "NotificationPreference",
    "Role",
    "SiteConfig",
    "User",
    "UserManager",
]
