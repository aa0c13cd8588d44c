"""The kernel's models: people and roles, the setting's configuration and
the audit log. The life of the setting has its own app (nursery.setting)."""

from nursery.models.core import STAFF_ROLES, AuditEvent, Role, SiteConfig, User, UserManager

__all__ = [
    "STAFF_ROLES",
    "AuditEvent",
    "Role",
    "SiteConfig",
    "User",
    "UserManager",
]
