"""Factories for the partnership records."""

from datetime import time, timedelta

import factory
from django.utils import timezone

from families.models import (
    AgreedAction,
    ChildProtectionTask,
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
from families.models.partnership import ActionOwner, MeetingMethod, NoticeKind, ReviewKind
from tests.factories import ChildFactory, ParentFactory


def days_ago(n):
    return timezone.localdate() - timedelta(days=n)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyPersonMeeting

    child = factory.SubFactory(ChildFactory)
    held_on = factory.LazyFunction(lambda: days_ago(7))
    method = MeetingMethod.IN_PERSON
    attendees = "Kim (key person), Alex (mum)"
    discussion = "Loves the sand tray; starting to use two-word phrases."
    concerns = ""
    staff_notes = "STAFF-ONLY: mum seemed tired"
    shared_at = factory.LazyFunction(timezone.now)


class CommentFactory(factory.django.DjangoModelFactory):
    """An adult's view on a shared record: `record=` one, `written_by=` an
    adult of its child."""

    class Meta:
        model = RecordComment

    record = factory.SubFactory(MeetingFactory)
    child = factory.LazyAttribute(lambda o: o.record.child)
    written_by = factory.LazyAttribute(
        lambda o: o.record.child.parent_links.order_by("pk").first().parent
    )
    text = "We see the same at home."


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreedAction

    meeting = factory.SubFactory(MeetingFactory)
    description = "Bring in a family photo for the wall"
    owner = ActionOwner.FAMILY
    due_on = factory.LazyFunction(lambda: days_ago(-14))


class MeetingRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingRequest

    child = factory.SubFactory(ChildFactory)
    requested_by = factory.SubFactory(ParentFactory)
    preferred_time = "Friday after 4pm"
    about = "How is she getting on with the other children?"


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReview

    child = factory.SubFactory(ChildFactory)
    kind = ReviewKind.REVIEW
    reviewed_on = factory.LazyFunction(lambda: days_ago(3))
    communication = "Uses many single words and some phrases."
    physical = "Climbs confidently; enjoys mark making."
    personal_social = "Plays alongside friends; settles well."
    strengths = "Curious and sociable."
    support_needed = ""
    setting_will = "Model new words at story time."
    family_will = "Share a book at bedtime."
    staff_notes = "STAFF-ONLY: discuss with SENCo if no change"
    shared_at = factory.LazyFunction(timezone.now)


class SupportPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportPlan

    child = factory.SubFactory(ChildFactory)
    title = "Speech and language support"
    started_on = factory.LazyFunction(lambda: days_ago(30))
    needs = "Needs help to put words together."
    agreed_with = "Alex Ashworth (mum), Kim (key person)"
    next_review_on = factory.LazyFunction(lambda: days_ago(-60))
    staff_notes = "STAFF-ONLY: awaiting speech therapy referral"
    shared_at = factory.LazyFunction(timezone.now)


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportTarget

    plan = factory.SubFactory(SupportPlanFactory)
    target = "Uses two-word phrases to ask for things"
    setting_tasks = "Daily small-group language game"
    home_tasks = "Name things together at mealtimes"


class PlanReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportPlanReview

    plan = factory.SubFactory(SupportPlanFactory)
    reviewed_on = factory.LazyFunction(lambda: days_ago(2))
    progress = "Now uses several two-word phrases."
    parent_contribution = "Mum hears more words at home."


class SettlingPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SettlingInPlan

    child = factory.SubFactory(ChildFactory)
    agreed_on = factory.LazyFunction(lambda: days_ago(200))
    arrangements = "Bring her blue blanket; we will text a photo after lunch."
    staff_notes = "STAFF-ONLY: dad finds goodbyes hard"
    shared_at = factory.LazyFunction(timezone.now)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SettlingSession

    plan = factory.SubFactory(SettlingPlanFactory)
    on = factory.LazyFunction(lambda: days_ago(199))
    starts_at = time(9, 30)
    length_minutes = 60
    who_stays = "Mum stays the whole time"
    how_it_went = "Played happily at the water tray."


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParentNotice

    child = factory.SubFactory(ChildFactory)
    kind = NoticeKind.ABSENCE
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyFunction(timezone.localdate)
    message = "Poorly with a temperature."
    sent_by = factory.SubFactory(ParentFactory)


class CPTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildProtectionTask

    child = factory.SubFactory(ChildFactory)
    task = "RESTRICTED-TASK: record any marks noticed at drop-off"
    responsible = "Kim Keyperson"
    notes = "RESTRICTED-NOTE: social worker visiting Tuesday"
