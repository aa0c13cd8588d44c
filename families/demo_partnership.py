"""Demo history of the partnership with parents: months of key-person
meetings with agreed actions, progress reviews and checks at age two (some
due, some overdue), a support plan, settling-in plans, parents' messages and
meeting requests, and one child-protection plan's tasks."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from families.models import (
    AgreedAction,
    ChildProtectionTask,
    HouseholdRead,
    KeyPersonMeeting,
    MeetingRequest,
    ParentLink,
    ParentNotice,
    ProgressReview,
    RecordComment,
    SettlingInPlan,
    SettlingSession,
    SupportPlan,
    SupportPlanReview,
    SupportTarget,
)
from families.models.partnership import (
    ActionOwner,
    Concern,
    MeetingMethod,
    NoticeKind,
    ReviewKind,
    TaskStatus,
)
from nursery.dates import months_before

TOPICS = [
    "Enjoying the mud kitchen and making 'soup' with friends; new words: spoon, stir, hot.",
    "Settled well after the holiday. Talking more in small groups and at snack time.",
    "Loves stories about animals; joins in with repeated phrases. Climbing with more care.",
    "Working on sharing and taking turns; much calmer at tidy-up time.",
    "Mark making with chunky crayons; starting to draw circles and 'mummy'.",
    "Toilet training has started at home; we agreed to use the same words here.",
]
CONCERNS = ["", "", "", "Sleeping less at home since the new baby arrived.", ""]
FAMILY_ACTIONS = [
    "Bring in photos of the weekend for the family book",
    "Share a favourite song from home",
    "Practise putting on a coat at home",
    "Try the picture book we lent you",
]
SETTING_ACTIONS = [
    "Send home the words we use for the toilet",
    "Plan small-group story sessions",
    "Share photos of play in the garden",
    "Offer a quiet corner before lunch",
]
COMMENTS = [
    "Thank you, this is lovely to read. She talks about the mud kitchen all the time.",
    "We have noticed the new words at home too!",
    "Could we talk about naps at the next meeting?",
]


def _aware(day, hour=16):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _parents_by_child(children):
    """({child id: the adult who comes to the meetings}, {child id: that
    adult's home, where the child's adults live in more than one})."""
    parents, first_home, homes = {}, {}, {}
    for link in ParentLink.objects.filter(child__in=children, portal_access=True).select_related(
        "parent"
    ):
        parents.setdefault(link.child_id, link.parent)
        first_home.setdefault(link.child_id, link.household)
        homes.setdefault(link.child_id, set()).add(link.household)
    own_home = {child: first_home[child] for child, found in homes.items() if len(found) > 1}
    return parents, own_home


def _confirm_reads(reads):
    """(record, parent, when) -> that parent's home has confirmed reading
    the record then."""
    reads = list(reads)
    homes = {
        (link.parent_id, link.child_id): link.household
        for link in ParentLink.objects.filter(parent__in={parent.pk for _r, parent, _w in reads})
    }
    HouseholdRead.objects.bulk_create(
        HouseholdRead(
            record=record,
            household=homes.get((parent.pk, record.child_id), 1),
            read_by=parent,
            read_at=when,
        )
        for record, parent, when in reads
    )


def _comment(record, parent, text, when, private=False):
    return RecordComment(
        record=record,
        child_id=record.child_id,
        written_by=parent,
        text=text,
        private=private,
        written_at=when,
    )


def populate(ctx):
    rng, today = ctx.rng, ctx.today
    children = [c for c in ctx.data["children"] if c.leaving_on is None or c.leaving_on >= today]
    # A meeting one home came to is recorded for that home, where the child's
    # adults live in two (as the key person chooses on the form).
    parents, own_home = _parents_by_child(children)
    key_people = {
        c.pk: c.key_person_assignments.filter(ended_on__isnull=True).first().practitioner
        for c in children
    }
    weeks = 8
    meetings, meeting_parents, meeting_reads, meeting_comments = [], [], [], []
    for child in children:
        kp, parent = key_people[child.pk], parents.get(child.pk)
        # Most children meet every 5 to 8 weeks; about one in five is overdue.
        overdue = rng.random() < 0.2
        day = child.started_on + timedelta(days=rng.randint(7, 21))
        last_allowed = today - timedelta(weeks=weeks + 2) if overdue else today
        while day <= last_allowed:
            read = parent is not None and rng.random() < 0.85
            shared = rng.random() < 0.95
            meetings.append(
                KeyPersonMeeting(
                    child=child,
                    held_on=day,
                    method=rng.choice(MeetingMethod.values),
                    attendees=f"{kp.full_name} (key person), {parent or 'carer'}",
                    discussion=rng.choice(TOPICS),
                    concerns=rng.choice(CONCERNS),
                    staff_notes=rng.choice(["", "", "Follow up with the room leader."]),
                    shared_at=_aware(day) if shared else None,
                    recorded_by=kp,
                    for_household=own_home.get(child.pk),
                )
            )
            meeting_parents.append(parent)
            meeting_reads.append(_aware(day + timedelta(days=1), 20) if shared and read else None)
            commented = shared and read and rng.random() < 0.3
            meeting_comments.append(rng.choice(COMMENTS) if commented else None)
            day += timedelta(days=rng.randint(35, 56))
    meetings = KeyPersonMeeting.objects.bulk_create(meetings)
    RecordComment.objects.bulk_create(
        _comment(meeting, parent, text, at)
        for meeting, parent, at, text in zip(
            meetings, meeting_parents, meeting_reads, meeting_comments, strict=True
        )
        if text is not None
    )
    _confirm_reads(
        (meeting, parent, at)
        for meeting, parent, at in zip(meetings, meeting_parents, meeting_reads, strict=True)
        if at is not None
    )
    actions = []
    for meeting, parent in zip(meetings, meeting_parents, strict=True):
        old = meeting.held_on < today - timedelta(weeks=6)
        for owner, texts in (
            (ActionOwner.FAMILY, FAMILY_ACTIONS),
            (ActionOwner.SETTING, SETTING_ACTIONS),
        ):
            if rng.random() < 0.6:
                done = old and rng.random() < 0.9
                actions.append(
                    AgreedAction(
                        meeting=meeting,
                        description=rng.choice(texts),
                        owner=owner,
                        due_on=meeting.held_on + timedelta(days=rng.randint(7, 28)),
                        done_at=_aware(meeting.held_on + timedelta(days=10)) if done else None,
                        done_by=(parent if owner == ActionOwner.FAMILY else meeting.recorded_by)
                        if done
                        else None,
                    )
                )
    AgreedAction.objects.bulk_create(actions)

    reviews = []
    for child in children:
        kp, parent = key_people[child.pk], parents.get(child.pk)
        months_here = (today - child.started_on).days // 30
        for back in range(3, months_here, 4):
            day = today - timedelta(days=back * 30)
            reviews.append(_review(child, kp, parent, day, ReviewKind.REVIEW, rng))
        # The check at age two: done for most children who were here then.
        age = child.age_in_months()
        check_from = months_before(today, age - 25) if age >= 25 else None
        if check_from and child.started_on <= check_from and rng.random() < 0.8:
            day = min(check_from + timedelta(days=rng.randint(0, 60)), today)
            if 24 <= child.age_in_months(on=day) < 36:
                reviews.append(_review(child, kp, parent, day, ReviewKind.TWO_YEAR, rng))
    reviews = ProgressReview.objects.bulk_create(reviews)
    # A signed check carries the view it was signed with.
    RecordComment.objects.bulk_create(
        _comment(review, review.signed_off_by, SIGNED_WITH, review.signed_off_at)
        for review in reviews
        if review.signed_off_at is not None
    )
    # A signed check was read when it was signed.
    _confirm_reads(
        (review, review.signed_off_by, review.signed_off_at)
        for review in reviews
        if review.signed_off_at is not None
    )

    # One support plan, agreed with the parents, reviewed once.
    plan_child = next(c for c in children if 30 <= c.age_in_months() < 48)
    plan = SupportPlan.objects.create(
        child=plan_child,
        title="Speech and language support",
        started_on=today - timedelta(days=70),
        needs="Understands well but uses few words; finds it hard to join in group talk.",
        agreed_with=f"{parents[plan_child.pk].full_name}, key person, SENCo",
        next_review_on=today + timedelta(days=20),
        staff_notes="Referral to speech and language therapy sent; waiting list 12 weeks.",
        shared_at=_aware(today - timedelta(days=70)),
        recorded_by=key_people[plan_child.pk],
    )
    _confirm_reads([(plan, parents[plan_child.pk], _aware(today - timedelta(days=69)))])
    SupportTarget.objects.bulk_create(
        [
            SupportTarget(
                plan=plan,
                target="Uses two-word phrases to ask for things",
                setting_tasks="Daily small-group word game; model two-word phrases.",
                home_tasks="Offer choices at mealtimes and wait for the words.",
                by_date=today + timedelta(days=20),
            ),
            SupportTarget(
                plan=plan,
                target="Joins a short group story",
                setting_tasks="Sit beside a familiar adult at story time.",
                home_tasks="A bedtime story with the same book for a week.",
                by_date=today + timedelta(days=20),
            ),
        ]
    )
    SupportPlanReview.objects.create(
        plan=plan,
        reviewed_on=today - timedelta(days=20),
        progress="Now uses 'more juice' and 'my turn' most days.",
        parent_contribution="Mum hears new two-word phrases at home every week.",
        next_review_on=today + timedelta(days=20),
        recorded_by=key_people[plan_child.pk],
    )

    # Settling-in plans for the children who started in the last four months.
    for child in [c for c in children if (today - c.started_on).days < 120][:8]:
        settling = SettlingInPlan.objects.create(
            child=child,
            agreed_on=child.started_on - timedelta(days=7),
            arrangements="Bring a comforter from home. We will send a photo after the first "
            "hour. Goodbyes short and cheerful.",
            shared_at=_aware(child.started_on - timedelta(days=7)),
            recorded_by=key_people[child.pk],
        )
        SettlingSession.objects.bulk_create(
            [
                SettlingSession(
                    plan=settling,
                    on=child.started_on + timedelta(days=i),
                    starts_at=time(9, 30),
                    length_minutes=minutes,
                    who_stays=who,
                    how_it_went=rng.choice(
                        ["Played happily at the water tray.", "A few tears, then settled.", ""]
                    ),
                )
                for i, (minutes, who) in enumerate(
                    [(60, "Parent stays"), (120, "Parent stays for 30 minutes"), (240, "Nobody")]
                )
            ]
        )

    # What parents told the setting: today's absences, recent news, answers.
    notices = []
    for i, child in enumerate(rng.sample(children, 14)):
        parent = parents.get(child.pk)
        if parent is None:
            continue
        kind = [NoticeKind.ABSENCE, NoticeKind.ABSENCE, NoticeKind.CHANGE, NoticeKind.OTHER][i % 4]
        start = today - timedelta(days=rng.randint(0, 2)) if i < 6 else today - timedelta(days=20)
        answered = i >= 4
        notices.append(
            ParentNotice(
                child=child,
                kind=kind,
                starts_on=start if kind == NoticeKind.ABSENCE else None,
                ends_on=start + timedelta(days=rng.randint(0, 3))
                if kind == NoticeKind.ABSENCE
                else None,
                message={
                    NoticeKind.ABSENCE: "Poorly with a temperature; we will keep them home.",
                    NoticeKind.CHANGE: "Grandma is staying with us for a month, so bedtimes "
                    "are a bit later.",
                    NoticeKind.OTHER: "We are going on holiday in the half-term week.",
                }[kind],
                sent_by=parent,
                seen_at=_aware(start, 9) if answered else None,
                seen_by=key_people[child.pk] if answered else None,
                reply="Thank you for letting us know." if answered else "",
                replied_by=key_people[child.pk] if answered else None,
                replied_at=_aware(start, 10) if answered else None,
            )
        )
    ParentNotice.objects.bulk_create(notices)

    # Open meeting requests for the demo key person.
    keyperson = ctx.staff[2]
    for child in [c for c in children if key_people[c.pk] == keyperson][:2]:
        if child.pk in parents:
            MeetingRequest.objects.create(
                child=child,
                requested_by=parents[child.pk],
                preferred_time="Any weekday after 4.30pm",
                about="How is our child getting on at lunchtime?",
            )

    # One child-protection plan with its tasks for the setting.
    cp_child = children[-1]
    ChildProtectionTask.objects.bulk_create(
        [
            ChildProtectionTask(
                child=cp_child,
                task="Record and report to the DSL any marks or changes in behaviour seen at "
                "drop-off.",
                responsible=key_people[cp_child.pk].full_name,
                status=TaskStatus.IN_PROGRESS,
                notes="Nothing to report this week.",
                recorded_by=ctx.data["dsl"],
            ),
            ChildProtectionTask(
                child=cp_child,
                task="Attend the core group meeting and share the nursery's observations.",
                responsible=ctx.data["dsl"].full_name,
                due_on=today + timedelta(days=12),
                status=TaskStatus.NOT_STARTED,
                recorded_by=ctx.data["dsl"],
            ),
        ]
    )
    _whats_new(ctx)
    _two_households(ctx, key_people)


SIGNED_WITH = "We see the same at home; thank you."


def _review(child, kp, parent, day, kind, rng):
    shared = True
    signed = kind == ReviewKind.TWO_YEAR and parent is not None and rng.random() < 0.8
    concern = Concern.DELAY if rng.random() < 0.1 else Concern.NONE
    return ProgressReview(
        child=child,
        kind=kind,
        reviewed_on=day,
        communication="Understands simple instructions; uses short phrases.",
        physical="Runs, climbs and uses a spoon well.",
        personal_social="Plays alongside friends and seeks out a familiar adult when upset.",
        strengths="Curious, loves books and the garden.",
        support_needed="Taking turns in small groups." if rng.random() < 0.5 else "",
        concern=concern,
        concern_detail="Fewer words than expected at this age; we will watch closely."
        if concern == Concern.DELAY
        else "",
        setting_will="Model new words during play; small-group story sessions.",
        family_will="Share a book each day and name things on walks.",
        staff_notes="Discuss with the SENCo at the next review." if concern else "",
        shared_at=_aware(day) if shared else None,
        signed_off_at=_aware(day + timedelta(days=2), 20) if signed else None,
        signed_off_by=parent if signed else None,
        recorded_by=kp,
    )


def _whats_new(ctx):
    """A few items in the demo parent's and the demo key person's What's new
    (only in the portal: the demo sends no email)."""
    from families.selectors import adults_told
    from families.services import record_url
    from nursery.demo import DEMO_DOMAIN
    from nursery.models import Channel, User
    from nursery.notifications import notify

    parent = User.objects.filter(email=f"parent@{DEMO_DOMAIN}").first()
    keyperson = User.objects.filter(email=f"keyperson@{DEMO_DOMAIN}").first()
    if parent is not None:
        children = [link.child for link in parent.child_links.filter(portal_access=True)]
        for model, kind in (
            (KeyPersonMeeting, "families.meeting_shared"),
            (ProgressReview, "families.review_shared"),
        ):
            for record in model.objects.filter(
                child__in=children, shared_at__isnull=False
            ).order_by("-shared_at")[:2]:
                told = adults_told(child=record.child)
                notify(
                    recipients=told,
                    kind=kind,
                    child=record.child,
                    url=record_url(record),
                    channels={person.pk: Channel.PORTAL for person in told},
                )
    if keyperson is not None:
        for meeting in (
            KeyPersonMeeting.objects.filter(
                child__key_person_assignments__practitioner=keyperson,
                child__key_person_assignments__ended_on__isnull=True,
            )
            .filter(comments__isnull=False)
            .distinct()[:3]
        ):
            notify(
                recipients=[keyperson],
                kind="families.parent_comment",
                child=meeting.child,
                url=record_url(meeting),
                channels={keyperson.pk: Channel.PORTAL},
            )


def _two_households(ctx, key_people):
    """The family living in two homes: months of messages, a comment and a
    meeting request from each side, some kept to "only the nursery and me",
    so that each parent's login shows only their own household's words."""
    shared = ctx.data.get("shared_family")
    if shared is None:
        return
    child, mum, dad = shared
    today = ctx.today
    kp = key_people.get(child.pk) or child.key_person
    history = [
        (mum, 150, NoticeKind.CHANGE, "Dad has moved out. Please talk to me about pick-ups.", True),
        (dad, 140, NoticeKind.OTHER, "I have the children every other weekend now.", False),
        (mum, 95, NoticeKind.ABSENCE, "Poorly with a cough; keeping her home today.", False),
        (dad, 60, NoticeKind.CHANGE, "I have a new flat, so my address has changed.", True),
        (mum, 20, NoticeKind.OTHER, "She is sleeping badly since the move.", False),
        (dad, 6, NoticeKind.OTHER, "Could I have copies of her artwork too?", False),
    ]
    sent = ParentNotice.objects.bulk_create(
        [
            ParentNotice(
                child=child,
                kind=kind,
                starts_on=today - timedelta(days=ago) if kind == NoticeKind.ABSENCE else None,
                ends_on=today - timedelta(days=ago) if kind == NoticeKind.ABSENCE else None,
                message=message,
                private=private,
                sent_by=who,
                seen_at=_aware(today - timedelta(days=ago), 9) if ago > 10 else None,
                seen_by=kp if ago > 10 else None,
                reply="Thank you for telling us. We are here if you want to talk."
                if ago > 10
                else "",
                replied_by=kp if ago > 10 else None,
                replied_at=_aware(today - timedelta(days=ago), 11) if ago > 10 else None,
            )
            for who, ago, kind, message, private in history
        ]
    )
    # Spread over the months they were sent.
    for notice, (_who, ago, *_rest) in zip(sent, history, strict=True):
        ParentNotice.objects.filter(pk=notice.pk).update(
            created_at=_aware(today - timedelta(days=ago), 8)
        )
    MeetingRequest.objects.create(
        child=child,
        requested_by=dad,
        preferred_time="A Friday, when I collect her",
        about="I would like to hear how she is doing, on my own.",
        private=True,
    )
    meetings = list(KeyPersonMeeting.objects.filter(child=child, shared_at__isnull=False)[:2])
    # Each home gives its own view on the same meeting, and neither reads
    # the other's.
    views = [
        (0, mum, "Thank you. Things at home are calmer now.", True),
        (0, dad, "Good to read. She talks about the sand tray at my flat too.", False),
        (1, dad, "She slept well after the outing; thank you for the photos.", False),
    ]
    for index, who, words, private in views:
        if index >= len(meetings):
            continue
        meeting = meetings[index]
        meeting.comments.update_or_create(
            written_by=who,
            defaults={
                "child": child,
                "text": words,
                "private": private,
                "written_at": _aware(meeting.held_on + timedelta(days=1), 20),
            },
        )
