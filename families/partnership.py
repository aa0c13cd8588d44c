"""Reading the partnership records: scoped fetches (404 outside a person's
reach) and the setting-wide follow-up queries (meetings overdue, checks due)."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import DateField, Exists, ExpressionWrapper, F, Max, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from families.models import (
    AgreedAction,
    Child,
    ChildProtectionTask,
    KeyPersonMeeting,
    MeetingRequest,
    ParentNotice,
    ProgressReview,
    SupportPlan,
)
from families.models.partnership import ReviewKind, months_before
from nursery.models import SiteConfig


def _get_scoped(queryset, user, child, pk, perm=None):
    obj = get_object_or_404(queryset.visible_to(user).filter(child=child), pk=pk)
    if perm is not None and not user.has_perm(perm, child):
        raise PermissionDenied
    return obj


def get_meeting_for(user, child, pk, perm=None):
    qs = KeyPersonMeeting.objects.select_related("recorded_by", "read_by", "parent_comment_by")
    return _get_scoped(qs, user, child, pk, perm)


def get_review_for(user, child, pk, perm=None):
    qs = ProgressReview.objects.select_related(
        "recorded_by", "read_by", "parent_comment_by", "signed_off_by"
    )
    return _get_scoped(qs, user, child, pk, perm)


def get_plan_for(user, child, pk, perm=None):
    return _get_scoped(SupportPlan.objects.select_related("recorded_by"), user, child, pk, perm)


def get_notice_for(user, child, pk, perm=None):
    qs = ParentNotice.objects.select_related("sent_by", "seen_by", "replied_by")
    return _get_scoped(qs, user, child, pk, perm)


def get_meeting_request_for(user, child, pk, perm=None):
    qs = MeetingRequest.objects.select_related("requested_by", "answered_by")
    return _get_scoped(qs, user, child, pk, perm)


def get_cp_task_for(user, child, pk):
    """404 for anyone who may not see restricted material about this child."""
    qs = ChildProtectionTask.objects.select_related("recorded_by")
    return _get_scoped(qs, user, child, pk)


def get_action_for(user, child, pk, perm=None):
    action = get_object_or_404(
        AgreedAction.objects.visible_to(user)
        .filter(meeting__child=child)
        .select_related("meeting"),
        pk=pk,
    )
    if perm is not None and not user.has_perm(perm, action):
        raise PermissionDenied
    return action


def meeting_cutoff(today=None):
    """Children with no meeting on or after this day are overdue one."""
    today = today or timezone.localdate()
    return today - timedelta(weeks=SiteConfig.load().meeting_interval_weeks)


def meetings_overdue(children=None, *, cutoff=None):
    """Current children whose last key-person meeting is older than the
    setting's interval (or who never had one), among those who have been
    here longer than the interval. Annotated with `last_meeting`."""
    cutoff = cutoff or meeting_cutoff()
    qs = children if children is not None else Child.objects.all()
    return (
        qs.current()
        .filter(started_on__lt=cutoff)
        .annotate(last_meeting=Max("meetings__held_on"))
        .filter(Q(last_meeting__isnull=True) | Q(last_meeting__lt=cutoff))
        .order_by(F("last_meeting").asc(nulls_first=True), "last_name", "first_name", "pk")
    )


def review_cutoff(today=None):
    """Children with no progress review on or after this day are due one."""
    today = today or timezone.localdate()
    return today - timedelta(weeks=SiteConfig.load().review_interval_weeks)


def progress_reviews_due(children=None, *, cutoff=None):
    """Current children whose last progress review (the check at age two
    counts) is older than the setting's interval, or who never had one,
    among those here longer than the interval. Annotated with `last_review`."""
    cutoff = cutoff or review_cutoff()
    qs = children if children is not None else Child.objects.all()
    return (
        qs.current()
        .filter(started_on__lt=cutoff)
        .annotate(last_review=Max("progress_reviews__reviewed_on"))
        .filter(Q(last_review__isnull=True) | Q(last_review__lt=cutoff))
        .order_by(F("last_review").asc(nulls_first=True), "last_name", "first_name", "pk")
    )


def _without_check(qs):
    checks = ProgressReview.objects.filter(child=OuterRef("pk"), kind=ReviewKind.TWO_YEAR)
    return qs.current().annotate(has_check=Exists(checks)).filter(has_check=False)


def two_year_checks_due(children=None, *, today=None):
    """Children between 24 and 36 months old with no check at age two yet."""
    today = today or timezone.localdate()
    qs = children if children is not None else Child.objects.all()
    return (
        _without_check(qs)
        .filter(
            date_of_birth__lte=months_before(today, 24),
            date_of_birth__gt=months_before(today, 36),
        )
        .order_by("date_of_birth", "pk")
    )


def two_year_checks_overdue(children=None, *, today=None):
    """Children past 36 months with no check at age two, who were already at
    the nursery before they turned three (so the check was ours to do)."""
    today = today or timezone.localdate()
    qs = children if children is not None else Child.objects.all()
    third_birthday = ExpressionWrapper(
        F("date_of_birth") + timedelta(days=1096), output_field=DateField()
    )
    return (
        _without_check(qs)
        .filter(date_of_birth__lte=months_before(today, 36))
        .annotate(turned_three=third_birthday)
        .filter(started_on__lt=F("turned_three"))
        .order_by("date_of_birth", "pk")
    )


def key_children_of(user):
    return Child.objects.filter(
        key_person_assignments__practitioner=user, key_person_assignments__ended_on__isnull=True
    )
