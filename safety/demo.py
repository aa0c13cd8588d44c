"""The demo's safety records: health alerts (one life-threatening with an
auto-injector), authorised collectors, a must-not-collect restriction, a
week of registers, a few accidents with a serious one's clocks, a
medication incident and a lapse in supervising a visitor."""

from datetime import datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db.models import Q
from django.utils import timezone

from agencies.models import SupervisedVisit
from consents.models import MedicationIncident
from families.models import EmergencyContact, ParentLink, PracticalDetails
from nursery.demo import DEMO_DOMAIN
from safety.models import (
    Accident,
    AccidentKind,
    AcknowledgementOfAccident,
    Attendance,
    Basis,
    Body,
    CollectionNotice,
    CollectionPassword,
    Collector,
    HealthAlert,
    MustNotCollect,
    NotificationClock,
    ParentContact,
    RefusedCollection,
    Severity,
    due_on_for,
)
from safety.services import written_digest

# Free text of the practical details turned into entries for most children;
# the rest keep their text, shown to staff until they mark it dealt with.
ALLERGY_ENTRIES = {
    "peanuts and tree nuts": (
        "Peanuts and tree nuts",
        Severity.SEVERE,
        "Antihistamine, call parent.",
    ),
    "egg": ("Egg", Severity.MILD, "Keep egg out of meals; rash: tell the parent."),
    "dairy (cow's milk protein)": ("Cow's milk protein", Severity.MILD, "Oat milk only."),
}
DIET_KINDS = {
    "vegetarian": "preference",
    "halal": "religious",
    "no pork": "religious",
    "vegan": "preference",
}


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _weekdays_back(today, n):
    days, day = [], today
    while len(days) < n:
        if day.weekday() < 5:
            days.append(day)
        day -= timedelta(days=1)
    return days


def populate(ctx):
    rng, today = ctx.rng, ctx.today
    manager, dsl = ctx.data["manager"], ctx.data["dsl"]
    staff = ctx.data["practitioners"]
    children = [c for c in ctx.data["children"] if c.leaving_on is None or c.leaving_on >= today]
    parents = {}
    for link in (
        ParentLink.objects.filter(child__in=children).select_related("parent").order_by("pk")
    ):
        parents.setdefault(link.child_id, []).append(link)
    now = timezone.now()

    # Health alerts.
    demo_parent_child = next(
        c
        for c in children
        if any(link.parent.email == f"parent@{DEMO_DOMAIN}" for link in parents[c.pk])
    )
    alerts = [
        HealthAlert(
            child=demo_parent_child,
            kind="allergy",
            what="Peanuts",
            severity=Severity.LIFE_THREATENING,
            what_to_do="Swelling of lips or face, wheezing: give the auto-injector in the outer "
            "thigh, call 999, then the parent.",
            medicine_kept="Adrenaline auto-injector (two), office cupboard",
            medicine_expires_on=today + timedelta(days=150),
            changed_by=parents[demo_parent_child.pk][0].parent,
            changed_at=now - timedelta(days=40),
            seen_by=staff[0],
            seen_at=now - timedelta(days=40),
        )
    ]
    # What the parent wrote in the practical details says so too: the child's
    # page never shows "none known" beside a life-threatening allergy.
    demo_details = getattr(demo_parent_child, "details", None)
    if demo_details is not None:
        demo_details.allergies = "Peanuts (adrenaline auto-injector at the nursery)"
        # Made an alert, and marked so by staff (safety.services.written_health).
        demo_details.dealt_with = {"allergies": written_digest(demo_details.allergies)}
        demo_details.save(update_fields=["allergies", "dealt_with"])
    dealt_with_details = []
    for n, child in enumerate(children):
        details = getattr(child, "details", None)
        if details is None or n % 4 == 3:
            continue  # left as free text: shown to staff until dealt with
        dealt_with = {}
        entry = ALLERGY_ENTRIES.get(details.allergies)
        if entry and child != demo_parent_child:
            dealt_with["allergies"] = written_digest(details.allergies)
            alerts.append(
                HealthAlert(
                    child=child,
                    kind="allergy",
                    what=entry[0],
                    severity=entry[1],
                    what_to_do=entry[2],
                    changed_by=staff[n % len(staff)],
                    seen_by=staff[n % len(staff)],
                    seen_at=now - timedelta(days=20),
                )
            )
        if details.dietary_needs in DIET_KINDS:
            dealt_with["dietary_needs"] = written_digest(details.dietary_needs)
            alerts.append(
                HealthAlert(
                    child=child,
                    kind="diet",
                    what=details.dietary_needs.capitalize(),
                    diet_kind=DIET_KINDS[details.dietary_needs],
                    changed_by=staff[n % len(staff)],
                    seen_by=staff[n % len(staff)],
                    seen_at=now - timedelta(days=20),
                )
            )
        if dealt_with:
            details.dealt_with = {**details.dealt_with, **dealt_with}
            dealt_with_details.append(details)
    PracticalDetails.objects.bulk_update(dealt_with_details, ["dealt_with"])
    # A parent's new entry that no member of staff has confirmed yet: on the
    # demo parent's other child, so the demo key person sees it on their home
    # page and the room board.
    newest = next(
        (
            c
            for c in children
            if c != demo_parent_child
            and any(link.parent.email == f"parent@{DEMO_DOMAIN}" for link in parents[c.pk])
        ),
        children[5],
    )
    alerts.append(
        HealthAlert(
            child=newest,
            kind="condition",
            what="Asthma",
            severity=Severity.SEVERE,
            what_to_do="Blue inhaler, two puffs through the spacer; call the parent.",
            medicine_kept="Salbutamol inhaler with spacer",
            medicine_expires_on=today + timedelta(days=300),
            changed_by=parents[newest.pk][0].parent,
            changed_at=now - timedelta(hours=2),
        )
    )
    HealthAlert.objects.bulk_create(alerts)

    # Who may collect: the emergency contacts the family said may collect.
    collectors = [
        Collector(
            child_id=c.child_id,
            name=c.name,
            relationship=c.relationship,
            phone=c.phone,
            added_by=manager,
            added_at=now - timedelta(days=100),
        )
        for c in EmergencyContact.objects.filter(child__in=children, can_collect=True, priority=2)
    ]
    Collector.objects.bulk_create(collectors)
    # One hash for the demo's passwords: hashing each would take minutes.
    password_hash = make_password("sunflower")
    CollectionPassword.objects.bulk_create(
        CollectionPassword(child=c, password_hash=password_hash, set_by=parents[c.pk][0].parent)
        for c in children[:20]
    )
    restricted = ParentLink.objects.filter(
        portal_access=False, parent__email=f"restricted@{DEMO_DOMAIN}"
    ).select_related("parent")
    for link in restricted:
        MustNotCollect.objects.create(
            child=link.child,
            name=link.parent.full_name,
            basis=Basis.COURT_ORDER,
            detail="Prohibited steps order; a copy is in the office file. Call the police if "
            "he attends.",
            description="Tall, short grey hair",
            recorded_by=dsl,
            recorded_at=now - timedelta(days=60),
        )
    # Someone who must not collect came to the door two days ago and was
    # stopped: kept, and waiting for the DSL to mark it seen.
    for entry in MustNotCollect.objects.filter(child__in=children)[:1]:
        RefusedCollection.objects.create(
            child=entry.child,
            at=_at(_weekdays_back(today, 3)[2], 15, 40),
            person=entry.name,
            must_not_collect=entry,
            reason="On the must-not-collect list",
            recorded_by=staff[1],
        )
    notice_child = children[7]
    CollectionNotice.objects.create(
        child=notice_child,
        on=today,
        name="Sandra Okafor",
        relationship="Neighbour",
        phone=ctx.phone(),
        note="Has the car seat.",
        told_by=parents[notice_child.pk][0].parent,
    )
    # The father in the family of two homes phoned: the key person took it
    # down on his word, for his home to read and not the mother's.
    dad = ParentLink.objects.filter(parent__email=f"shared.dad@{DEMO_DOMAIN}").first()
    if dad is not None:
        CollectionNotice.objects.create(
            child_id=dad.child_id,
            on=today,
            name="Yusuf Shah",
            relationship="Uncle",
            phone=ctx.phone(),
            told_by=dad.parent,
            taken_by=dad.child.key_person_assignments.filter(ended_on__isnull=True)
            .first()
            .practitioner,
        )

    # The six weekdays before today, whatever the hour the demo is built at,
    # and today so far: most are in and none gone yet.
    days = _weekdays_back(today - timedelta(days=1), 6)
    if today.weekday() < 5:
        days.append(today)
    rows = []
    for day in days:
        for n, child in enumerate(children):
            if child.started_on > day or rng.random() < 0.12:
                continue
            first = (
                parents[child.pk][0].parent.full_name.split(" ")[0]
                if parents.get(child.pk)
                else "Parent"
            )
            signed_in = _at(day, 7 + rng.randint(1, 2), rng.randint(0, 59))
            row = Attendance(
                child=child,
                on=day,
                signed_in_at=signed_in,
                brought_by=first,
                signed_in_by=staff[n % len(staff)],
            )
            if day < today:
                row.signed_out_at = _at(day, 15 + rng.randint(0, 2), rng.randint(0, 59))
                row.collected_by = first
                row.collected_kind = "parent"
                row.collection_check = "listed"
                row.signed_out_by = staff[(n + 1) % len(staff)]
            elif signed_in > now:
                continue
            rows.append(row)
    Attendance.objects.bulk_create(rows)

    # A few accidents and an injury seen at arrival.
    yesterday = _weekdays_back(today, 2)[1]
    a, b, c, d = children[1], children[2], children[3], children[4]
    bump = Accident.objects.create(
        child=a,
        kind=AccidentKind.ACCIDENT,
        occurred_at=_at(yesterday, 10, 20),
        location="Garden, by the climbing frame",
        what_happened="Slipped on the bottom rung and bumped a knee.",
        injury="bump",
        body_area="leg",
        first_aid="Cold compress for ten minutes; walked happily afterwards.",
        first_aid_by=staff[0],
        witness=staff[1].full_name,
        recorded_by=staff[0],
    )
    _acknowledge(bump, parents[a.pk][0])
    push = Accident.objects.create(
        child=b,
        kind=AccidentKind.INCIDENT,
        # This morning once the nursery is open, else the day before.
        occurred_at=_at(today, 9, 40) if now > _at(today, 10, 0) else _at(yesterday, 11, 15),
        location="Messy-play area",
        what_happened="Another child pushed them over while queueing for the sand tray; a "
        "small graze on the palm.",
        injury="graze",
        body_area="hand",
        first_aid="Cleaned with water, plaster.",
        first_aid_by=staff[1],
        recorded_by=staff[1],
    )
    push.other_children.set([c])
    fall = Accident.objects.create(
        child=d,
        kind=AccidentKind.ACCIDENT,
        occurred_at=_at(today - timedelta(days=6), 14, 5),
        location="Outdoor steps",
        what_happened="Fell down three steps and hurt an arm; it swelled quickly.",
        injury="fracture",
        body_area="arm",
        first_aid="Arm supported in a sling; ambulance called.",
        first_aid_by=staff[2],
        witness=staff[3].full_name,
        serious=True,
        hospital=True,
        medical_emergency=True,
        recorded_by=staff[2],
        reviewed_by=manager,
        reviewed_at=now - timedelta(days=4),
        review_note="Step edges to be painted; gate to the steps kept shut.",
    )
    _acknowledge(fall, parents[d.pk][0])
    for minutes, told in (
        (0, "Fell on the steps, arm may be broken; ambulance called."),
        (25, "On the way to the Royal Newtown A&E with the key person."),
        (110, "X-ray shows a small fracture; cast fitted; ready to go home."),
    ):
        ParentContact.objects.create(
            accident=fall,
            at=fall.occurred_at + timedelta(minutes=5 + minutes),
            adult=parents[d.pk][0].parent,
            contacted=parents[d.pk][0].parent.full_name,
            how="Phone call",
            told=told,
            by=staff[2],
        )
    for body in (Body.OFSTED, Body.RIDDOR, Body.LCPA):
        NotificationClock.objects.create(
            accident=fall,
            body=body,
            due_on=due_on_for(body, fall.occurred_at),
            done_at=now - timedelta(days=5) if body == Body.RIDDOR else None,
            done_by=manager if body == Body.RIDDOR else None,
            reference="HSE F2508 ref 4471" if body == Body.RIDDOR else "",
        )
    Accident.objects.create(
        child=children[6],
        kind=AccidentKind.EXISTING,
        occurred_at=_at(today, 8, 10),
        location="At arrival",
        what_happened="Bruise on the left forearm seen when taking off the coat.",
        injury="bruise",
        body_area="arm",
        parent_explanation="Fell off a scooter in the park on Sunday.",
        recorded_by=staff[0],
    )

    # Errors recorded, not lost.
    MedicationIncident.objects.create(
        child=children[8],
        medicine="Calpol (paracetamol)",
        amount="7.5 ml",
        given_at=_at(yesterday, 13, 0),
        given_by=staff[1],
        what_went_wrong="7.5 ml given; the permission is for 5 ml.",
        action_taken="NHS 111 called: no harm expected; watched closely all afternoon.",
        parent_told_at=_at(yesterday, 13, 20),
        parent_told="Mother, by phone",
        recorded_by=staff[1],
    )
    visit = SupervisedVisit.objects.filter(~Q(notes="")).order_by("pk").first()
    if visit is not None:
        SupervisedVisit.objects.filter(pk=visit.pk).update(
            supervision_lapsed=True,
            lapse_detail="The supervising practitioner left the room for about three minutes "
            "to answer the door; another practitioner was in the next room.",
        )


def _acknowledge(accident, link):
    """The adult of `link` reads the record, for their home."""
    AcknowledgementOfAccident.objects.create(
        accident=accident, household=link.household, acknowledged_by=link.parent
    )
