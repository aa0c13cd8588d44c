"""Children and families: the core records, and the partnership with parents
(meetings, progress reviews, support plans, settling in, what parents tell
the setting, child-protection tasks)."""

from families.models.core import (  # noqa: F401
    Child,
    ChildQuerySet,
    EmergencyContact,
    KeyPersonAssignment,
    ParentLink,
    PracticalDetails,
    Relationship,
    Room,
)
from families.models.partnership import (  # noqa: F401
    AgreedAction,
    ChildProtectionTask,
    HouseholdRead,
    KeyPersonMeeting,
    MeetingRequest,
    ParentNotice,
    ProgressReview,
    RecordComment,
    SettlingInPlan,
    SettlingSession,
    SupportPlan,
    SupportPlanReview,
    SupportTarget,
)
from families.models.scoping import (  # noqa: F401
    ChildScopedQuerySet,
    RestrictedChildQuerySet,
    WrittenItemQuerySet,
)
