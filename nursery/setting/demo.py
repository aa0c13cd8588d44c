"""Demo policies, events, a consultation, suggestions, complaints,
announcements and communication needs, made after the families."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from families.models import ParentLink
from nursery.setting.models import (
    Announcement,
    CommunicationNeeds,
    Complaint,
    Consultation,
    ConsultationOption,
    ConsultationResponse,
    Event,
    EventSignup,
    Policy,
    PolicyAcknowledgement,
    Suggestion,
)

POLICIES = [
    (
        "Working in partnership with parents",
        Policy.Category.PARTNERSHIP,
        False,
        "How we work with you as your child's first educator: the key person, "
        "sharing what your child learns, and how you can take part.",
    ),
    (
        "Safeguarding children and the Prevent duty",
        Policy.Category.SAFEGUARDING,
        False,
        "Keeping children safe is everyone's job. We tell the right people when "
        "we are worried about a child, and we explain how and why.",
    ),
    (
        "Behaviour",
        Policy.Category.BEHAVIOUR,
        True,
        "We help children understand their feelings and how to treat others. "
        "We never use physical punishment or shouting.",
    ),
    (
        "Sick children",
        Policy.Category.HEALTH,
        True,
        "Please keep your child at home for 48 hours after sickness or diarrhoea, "
        "and tell us about any infectious illness.",
    ),
    (
        "Making a complaint",
        Policy.Category.COMPLAINTS,
        False,
        "Tell us if you are unhappy. We will acknowledge your complaint, look into "
        "it and tell you the outcome within 28 days.",
    ),
    (
        "What we expect of parents at registration",
        Policy.Category.REGISTRATION,
        True,
        "Keep your contact details up to date, collect on time, tell us who may "
        "collect your child, and pay fees when due.",
    ),
]

# The partnership policy in full, written in Markdown as the manager would.
PARTNERSHIP_POLICY = """\
You are your child's **first and most important educator**. We work with you
so that your child feels safe and learns well, at home and here.

## Your child's key person

- Every child has a **key person** who gets to know your child and your family.
- You meet your key person at least every eight weeks to share how your child
  is getting on, here and at home.
- You can ask for a meeting at any time, in the portal or at the door.

## Sharing what your child learns

- We share progress reviews and the **check at age two** with you, and you add
  what you see at home.
- We never share your child's records with anyone outside the nursery without
  your consent, unless the law says we must to keep a child safe.

## Taking part

1. Tell us what your child enjoys and anything that has changed at home.
2. Join our events, answer our consultations and send us your suggestions.
3. If something is wrong, tell us: see our policy on [making a complaint](/policies/).

We respect every family's culture, language and background, and we make
sure every parent can take part, whatever their needs.
"""


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def populate(ctx):
    rng, today = ctx.rng, ctx.today
    manager = ctx.data["manager"]
    rooms = ctx.data.get("rooms", [])

    links = list(ParentLink.objects.filter(portal_access=True).select_related("parent", "child"))
    parents = list(dict.fromkeys(link.parent for link in links))

    policies = []
    for i, (title, category, ack, body) in enumerate(POLICIES):
        reviewed = today - timedelta(days=400 if i == 1 else 60 + 20 * i)
        policies.append(
            Policy(
                title=title,
                category=category,
                summary=body.split(".")[0] + ".",
                body=PARTNERSHIP_POLICY if category == Policy.Category.PARTNERSHIP else body,
                requires_acknowledgement=ack,
                last_reviewed_on=reviewed,
                # The safeguarding policy is overdue for its yearly review.
                next_review_due=reviewed + timedelta(days=365),
                version=2 if title == "Sick children" else 1,
                updated_by=manager,
            )
        )
    policies = Policy.objects.bulk_create(policies)
    acks = []
    for parent in parents:
        for policy in policies:
            if policy.requires_acknowledgement and rng.random() < 0.6:
                # Some read only the first version of the sick-children policy.
                version = 1 if policy.version == 2 and rng.random() < 0.5 else policy.version
                acks.append(PolicyAcknowledgement(policy=policy, parent=parent, version=version))
    PolicyAcknowledgement.objects.bulk_create(acks)

    events = Event.objects.bulk_create(
        [
            Event(
                title="Stay and play",
                kind=Event.Kind.STAY_AND_PLAY,
                description="Come and play alongside your child for the morning.",
                room=rooms[0] if rooms else None,
                starts_at=_at(today + timedelta(days=5), 9),
                ends_at=_at(today + timedelta(days=5), 11),
                created_by=manager,
            ),
            Event(
                title="Diwali celebration",
                kind=Event.Kind.CELEBRATION,
                description="Lights, music and food. Families are welcome to bring a dish.",
                starts_at=_at(today + timedelta(days=12), 15),
                location="The garden room",
                created_by=manager,
            ),
            Event(
                title="Trip to the farm",
                kind=Event.Kind.OUTING,
                description="A morning at Hillside Farm. We need parent helpers.",
                room=rooms[-1] if rooms else None,
                starts_at=_at(today + timedelta(days=20), 9),
                helpers_wanted=4,
                created_by=manager,
            ),
            Event(
                title="Story sacks: reading at home",
                kind=Event.Kind.PROJECT,
                description="Make a story sack with your child over four weeks.",
                starts_at=_at(today + timedelta(days=30), 16),
                created_by=manager,
            ),
        ]
    )
    signups = []
    first_child = {}
    for link in links:
        first_child.setdefault(link.parent, link.child)
    for i, parent in enumerate(parents[:18]):
        event = events[1] if i % 2 else events[3]
        signups.append(
            (EventSignup(event=event, parent=parent, offers_help=i % 5 == 0), first_child[parent])
        )
    made = EventSignup.objects.bulk_create([s for s, _c in signups])
    through = EventSignup.children.through
    through.objects.bulk_create(
        [
            through(eventsignup_id=s.pk, child_id=c.pk)
            for s, (_x, c) in zip(made, signups, strict=True)
        ]
    )

    consultation = Consultation.objects.create(
        title="Opening at 7.30 in the morning",
        background="Several families asked for an earlier start. It would change staff rotas.",
        question="Would you use an earlier start at 7.30?",
        opens_on=today - timedelta(days=5),
        closes_on=today + timedelta(days=16),
        created_by=manager,
    )
    options = ConsultationOption.objects.bulk_create(
        ConsultationOption(consultation=consultation, text=t, order=i)
        for i, t in enumerate(["Yes, every day", "Sometimes", "No"])
    )
    ConsultationResponse.objects.bulk_create(
        ConsultationResponse(
            consultation=consultation,
            parent=parent,
            option=rng.choice(options),
            comment="Mondays would help most." if i % 4 == 0 else "",
        )
        for i, parent in enumerate(parents[:12])
    )
    Consultation.objects.create(
        title="New lunch menu",
        question="Which autumn menu do you prefer?",
        opens_on=today - timedelta(days=70),
        closes_on=today - timedelta(days=40),
        decision="Menu B, with a vegetarian choice every day.",
        decided_on=today - timedelta(days=35),
        decided_by=manager,
        created_by=manager,
    )

    Suggestion.objects.bulk_create(
        [
            Suggestion(
                parent=parents[0],
                body="Could we have a lending library of picture books?",
                created_at=timezone.now() - timedelta(days=20),
                response="Yes: the book swap shelf starts next month.",
                responded_at=timezone.now() - timedelta(days=15),
                responded_by=manager,
            ),
            Suggestion(parent=parents[1], body="A WhatsApp-free way to share photos of outings."),
            Suggestion(parent=parents[2], body="Spare clothes labelled by the nursery."),
        ]
        if len(parents) >= 3
        else []
    )

    complaints = [
        # Near its deadline: received 24 days ago, acknowledged, no outcome yet.
        {
            "days": 24,
            "via": Complaint.Via.PORTAL,
            "summary": "My child came home without her coat",
            "ack": 2,
        },
        {
            "days": 60,
            "via": Complaint.Via.WRITING,
            "summary": "Late notice of a room change",
            "ack": 1,
            "outcome": "We apologised and now tell families a week ahead.",
        },
        {"days": 3, "via": Complaint.Via.IN_PERSON, "summary": "Parking at drop-off"},
    ]
    for i, c in enumerate(complaints):
        link = links[i] if len(links) > i else None
        received = today - timedelta(days=c["days"])
        complaint = Complaint(
            complainant=link.parent if link else None,
            complainant_name=link.parent.full_name if link else "A visitor",
            child=link.child if link else None,
            received_via=c["via"],
            received_on=received,
            summary=c["summary"],
            details=c["summary"] + ". I would like to know what will be done.",
            recorded_by=link.parent if link and c["via"] == Complaint.Via.PORTAL else manager,
            acknowledged_on=received + timedelta(days=c["ack"]) if "ack" in c else None,
        )
        if "outcome" in c:
            complaint.outcome = c["outcome"]
            complaint.outcome_on = received + timedelta(days=20)
            complaint.outcome_by = manager
        complaint.save()

    Announcement.objects.create(
        title="Closed for staff training",
        body="The nursery is closed on the first Monday of next month for staff training.",
        audience=Announcement.Audience.ALL,
        created_by=manager,
    )
    if rooms:
        Announcement.objects.create(
            title="Wellies, please",
            body="We are going puddle-jumping this week: please bring wellies.",
            audience=Announcement.Audience.ROOM,
            room=rooms[0],
            created_by=manager,
        )
    CommunicationNeeds.objects.bulk_create(
        [
            CommunicationNeeds(parent=parents[i], **needs)
            for i, needs in enumerate(
                [
                    {"preferred_language": "Polish", "needs_interpreter": True},
                    {"accessibility": "I am deaf: please text rather than call."},
                    {"preferred_language": "Bengali", "email_announcements": True},
                ]
            )
            if i < len(parents)
        ]
    )
    ctx.data["policies"] = policies
    ctx.data["events"] = events
