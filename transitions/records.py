"""What transitions adds to the records that leave the setting."""

from django.utils.translation import gettext_lazy as _

from families.models import KeyPersonAssignment, PracticalDetails
from nursery.registry import for_family, is_subject_access, record_source
from transitions.models import ParentView, TransferSummary


@record_source(
    key="transitions.basic_record", title=_("Your child's record at the nursery"), order=0
)
def basic_record(*, child, recipient):
    """For parents only: the child's own record at the setting. The school
    gets its own admission details from the family, not from us."""
    if not for_family(recipient):
        return None
    return {
        "template": "transitions/records/basic_record.html",
        "context": {
            "child": child,
            "assignments": KeyPersonAssignment.objects.filter(child=child)
            .select_related("practitioner")
            .order_by("started_on", "pk"),
            "details": PracticalDetails.objects.filter(child=child).first(),
            "contacts": list(child.emergency_contacts.all()),
        },
    }


@record_source(
    key="transitions.summary",
    title=_("Learning and development: the key person's summary"),
    order=10,
)
def transfer_summary(*, child, recipient):
    """The key person's summary for the school and the parents' views, for
    the school and for parents alike. Staff-only notes are never included."""
    summary = TransferSummary.objects.filter(move__child=child).first()
    views = ParentView.objects.filter(move__child=child).select_related("parent")
    if is_subject_access(recipient):
        # One adult's pack: only the views that adult may read.
        views = views.visible_to(recipient.adult)
    elif recipient == "parents":
        # One adult's copy: only the views that adult may read.
        reader = getattr(recipient, "reader", None)
        views = views.visible_to(reader) if reader is not None else views.none()
        if getattr(recipient, "school", None) is not None:
            # Reading the school's pack: only the views that go to the school.
            views = views.for_school()
    else:
        views = views.for_school()
    views = list(views)
    if summary is None and not views:
        return None
    return {
        "template": "transitions/records/transfer_summary.html",
        "context": {"summary": summary, "views": views},
    }
