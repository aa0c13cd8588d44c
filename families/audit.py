"""The audit log's action codes for children and the partnership with families."""

from django.utils.translation import gettext_lazy as _

from families.models.partnership import NoticeKind, ReviewKind
from nursery import audit

audit.declare(
    {
        "families.child.added": _("Child added"),
        "families.child.changed": _("Child's record changed"),
        "families.key_person.assigned": _("Key person assigned"),
        "families.parent_link.created": _("Parent or carer linked"),
        "families.parent_link.changed": _("Parent or carer's link changed"),
        "families.parent_link.household_changed": _("Parent or carer moved to another household"),
        "families.households.confirmed": _("Households of a child's adults confirmed"),
        "families.details.saved": _("Practical details saved"),
        "families.details.confirmed": _("Practical details confirmed"),
        "families.meeting.recorded": _("Key-person meeting recorded"),
        "families.meeting.changed": _("Key-person meeting changed"),
        "families.record.commented": _("Parent commented on a record"),
        "families.record.read": _("Parent read a record"),
        "families.action.done": _("Agreed action done"),
        "families.meeting_request.made": _("Meeting requested"),
        "families.meeting_request.answered": _("Meeting request answered"),
        "families.review.recorded": _("Progress review recorded"),
        "families.review.changed": _("Progress review changed"),
        "families.check.new_version": _("Check at age two: new version"),
        "families.check.signed_off": _("Check at age two signed off"),
        "families.check.shared_with_health_visitor": _(
            "Check at age two shared with the health visitor"
        ),
        "families.support_plan.recorded": _("Support plan recorded"),
        "families.support_plan.changed": _("Support plan changed"),
        "families.support_plan.reviewed": _("Support plan reviewed"),
        "families.settling_plan.recorded": _("Settling-in plan recorded"),
        "families.settling_plan.changed": _("Settling-in plan changed"),
        "families.notice.sent": _("Message from home sent"),
        "families.notice.seen": _("Message from home seen"),
        "families.notice.answered": _("Message from home answered"),
        "families.cp_task.recorded": _("Child-protection task recorded"),
        "families.cp_task.changed": _("Child-protection task changed"),
        "families.cp_tasks.read": _("Child-protection tasks read"),
        "families.cp_task.read": _("Child-protection task read"),
    },
    data_labels={
        # Lines written before the kinds were kept as codes hold their words.
        "kind": _("Kind"),
        "review_kind": _("Kind"),
        "notice_kind": _("Kind"),
        "shared": _("Shared with the family"),
        "tasks": _("Tasks"),
        "version": _("Version"),
        "key_person": _("Key person"),
        "household": _("Household"),
        "private": _("Only for the nursery and the writer"),
        "from_household": _("Household before"),
        "reader_before": _("Which home read it before"),
        "reader": _("Which home reads it"),
    },
    data_words={
        "review_kind": ReviewKind.choices,
        "notice_kind": NoticeKind.choices,
        "reader_before": {"every": _("Every home")},
        "reader": {"every": _("Every home")},
    },
)
