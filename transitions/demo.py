"""Demo schools and partnership activities, moves to school next September,
and transfer packs at every stage."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from transitions.models import (
    ChildProtectionHandover,
    Move,
    MoveEvent,
    ParentView,
    PartnershipActivity,
    School,
    SchoolContact,
    SchoolReview,
    Transfer,
    TransferSummary,
    add_school_days,
)
from transitions.services import SUMMARY_SECTION, render_pack, section_titles

SCHOOLS = [
    ("Riverside Primary School", "Mrs J. Okafor", "Reception teacher"),
    ("St Mary's C of E Primary", "Mr D. Price", "Early years lead"),
    ("Millfield Infant School", "Ms R. Kaur", "Headteacher"),
    ("Oakwood Academy", "Mrs H. Novak", "Reception teacher"),
    ("Hillside Community Primary", "Mr T. Adeyemi", "SENCO"),
]
ACTIVITIES = [
    (
        PartnershipActivity.Kind.SHARING_PRACTICE,
        "Shared our approach to early phonics.",
        "The school will use the same songs in the autumn term.",
    ),
    (
        PartnershipActivity.Kind.VISIT,
        "Reception teacher visited the pre-school room.",
        "Met the children starting in September.",
    ),
    (
        PartnershipActivity.Kind.JOINT_TRAINING,
        "Joint training on supporting speech and language.",
        "Both settings will use the same screening.",
    ),
    (
        PartnershipActivity.Kind.MODERATION,
        "Moderated learning journals together.",
        "Agreed judgements for communication and language.",
    ),
    (
        PartnershipActivity.Kind.TRANSITION_MEETING,
        "Summer transition meeting with the school.",
        "Dates agreed for stay-and-play sessions.",
    ),
]
SUMMARY = {
    "communication_language": "Talks in full sentences and loves to retell stories.",
    "physical": "Climbs confidently; is learning to use scissors.",
    "personal_social_emotional": "Plays well with friends; needs a warning before changes.",
    "literacy": "Recognises their name and some letters.",
    "mathematics": "Counts to twenty and compares sizes.",
    "understanding_world": "Curious about animals and the garden.",
    "expressive_arts": "Enjoys painting and making music.",
    "interests": "Learns best outdoors and through stories.",
    "school_should_know": "Settles best with a familiar adult at drop-off.",
}


def _aware(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def populate(ctx):
    rng, today = ctx.rng, ctx.today
    manager, dsl = ctx.data["manager"], ctx.data["dsl"]
    schools = []
    for i, (name, _contact, _role) in enumerate(SCHOOLS):
        # Two partnerships are overdue for review, so the manager sees some due.
        due = today + timedelta(days=90 + 40 * i) if i >= 2 else today - timedelta(days=10 * i)
        schools.append(
            School.objects.create(
                name=name,
                address=f"{rng.randint(1, 80)} School Lane\nNewtown",
                phone=f"01632 97{rng.randint(1000, 9999)}",
                email=f"office@{name.split()[0].lower().replace(chr(39), '')}.school.example",
                next_review_due=due,
            )
        )
    SchoolContact.objects.bulk_create(
        SchoolContact(
            school=s, name=c, role=r, email=f"contact@{s.email.split('@')[1]}", phone=ctx.phone()
        )
        for s, (_n, c, r) in zip(schools, SCHOOLS, strict=True)
    )
    activities = []
    for s in schools:
        for j in range(rng.randint(2, 4)):
            kind, description, outcome = ACTIVITIES[(schools.index(s) + j) % len(ACTIVITIES)]
            activities.append(
                PartnershipActivity(
                    school=s,
                    kind=kind,
                    happened_on=today - timedelta(days=30 + 60 * j + rng.randint(0, 20)),
                    description=description,
                    outcome=outcome,
                    recorded_by=manager,
                )
            )
    PartnershipActivity.objects.bulk_create(activities)
    SchoolReview.objects.bulk_create(
        SchoolReview(
            school=s,
            reviewed_on=s.next_review_due - timedelta(days=365),
            summary="Regular visits and shared training; communication is good.",
            actions="Plan next year's transition meetings together.",
            next_review_due=s.next_review_due,
            reviewed_by=manager,
        )
        for s in schools
        if s.next_review_due - timedelta(days=365) <= today
    )

    # Children due to start school next September: those with a leaving date.
    september = date(today.year + (1 if today.month >= 9 else 0), 9, 3)
    leavers = [c for c in ctx.data["children"] if c.leaving_on is not None]
    for i, child in enumerate(leavers):
        school = schools[i % len(schools)]
        key_person = child.key_person or manager
        move = Move.objects.create(
            child=child,
            school=school,
            starts_on=september,
            class_name="Reception",
            teacher=SCHOOLS[i % len(SCHOOLS)][1],
            staff_notes="Mum asked us to keep an eye on sleep." if i % 3 == 0 else "",
            created_by=key_person,
        )
        MoveEvent.objects.bulk_create(
            [
                MoveEvent(
                    move=move,
                    kind=MoveEvent.Kind.MEETING_WITH_PARENTS,
                    planned_on=today - timedelta(days=14),
                    who="Key person and parents",
                    outcome="Parents happy with the choice of school; questions answered.",
                    outcome_recorded_at=_aware(today - timedelta(days=14)),
                    created_by=key_person,
                ),
                MoveEvent(
                    move=move,
                    kind=MoveEvent.Kind.CHILD_VISITS_SCHOOL,
                    planned_on=min(september, today + timedelta(days=150)),
                    who="Key person and child",
                    created_by=key_person,
                ),
                MoveEvent(
                    move=move,
                    kind=MoveEvent.Kind.TEACHER_VISITS_SETTING,
                    planned_on=min(september, today + timedelta(days=200)),
                    who="Reception teacher",
                    created_by=key_person,
                ),
            ]
        )
        shared = ctx.data.get("shared_family")
        if shared and shared[0] == child:
            # The family in two homes: each parent's view, one kept to the nursery.
            _child, mum, dad = shared
            ParentView.objects.create(
                move=move,
                parent=mum,
                views="She is worried about mornings at two different homes.",
                private=True,
                written_at=_aware(today - timedelta(days=40)),
            )
            ParentView.objects.create(
                move=move,
                parent=dad,
                views="Looking forward to it. I can do the Friday drop-offs.",
                school_should_know="Please send letters to both homes.",
                written_at=_aware(today - timedelta(days=30)),
            )
        if i % 4 == 3:
            continue
        TransferSummary.objects.create(move=move, updated_by=key_person, **SUMMARY)
        parent_link = child.parent_links.filter(portal_access=True).select_related("parent").first()
        if parent_link and i % 2 == 0:
            ParentView.objects.create(
                move=move,
                parent=parent_link.parent,
                views="Excited and a little nervous about big school.",
                school_should_know="Has a baby sister arriving in the spring.",
                written_at=_aware(today - timedelta(days=7)),
            )
        if i % 4 == 2 or parent_link is None:
            continue
        transfer = Transfer.objects.create(
            child=child,
            school=school,
            sections=[SUMMARY_SECTION],
            prepared_by=key_person,
            prepared_at=_aware(today - timedelta(days=20)),
        )
        if i % 4 == 0:
            transfer.consent_by = parent_link.parent
            transfer.consent_at = _aware(today - timedelta(days=18))
            transfer.consented_sections = section_titles(transfer.sections)
            transfer.sent_html = render_pack(transfer=transfer)
            transfer.sent_on = today - timedelta(days=15)
            transfer.sent_method = Transfer.Method.SECURE_EMAIL
            transfer.sent_to = f"{SCHOOLS[i % len(SCHOOLS)][1]}, {school.name}"
            transfer.sent_by = key_person
            if i % 8 == 0:
                transfer.received_on = today - timedelta(days=12)
                transfer.received_by = SCHOOLS[i % len(SCHOOLS)][1]
                transfer.received_recorded_by = key_person
            transfer.save()
    # One child-protection file handed over, receipt not confirmed in time.
    if leavers:
        sent_on = today - timedelta(days=12)
        ChildProtectionHandover.objects.create(
            child=leavers[0],
            school=schools[0],
            sent_on=sent_on,
            method=ChildProtectionHandover.Method.IN_PERSON,
            sent_to="Mrs J. Okafor, designated safeguarding lead",
            handed_by=dsl,
        )
        if len(leavers) > 1:
            ChildProtectionHandover.objects.create(
                child=leavers[1],
                school=schools[1],
                sent_on=sent_on,
                method=ChildProtectionHandover.Method.SECURE_EMAIL,
                sent_to="Mr D. Price, designated safeguarding lead",
                handed_by=dsl,
                received_on=add_school_days(sent_on, 2),
                received_by="Mr D. Price",
                received_recorded_by=dsl,
            )
    ctx.data["schools"] = schools
