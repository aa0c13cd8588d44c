"""Demo consent histories (some withdrawn, refused, expired or due for
renewal) and medication records (permissions, doses, acknowledgements)."""

from collections import defaultdict
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from consents.models import (
    ConsentEvent,
    ConsentType,
    Decision,
    DoseAcknowledgement,
    MedicationDose,
    MedicationPermission,
    Method,
)
from consents.purposes import ensure_core_purposes
from families.models import KeyPersonAssignment, ParentLink

MEDICINES = [
    # name, prescribed by, dose, unit, timing, interval hours, per day, storage
    ("Calpol (paracetamol)", "", "5", "ml", "If temperature is above 38°C", "4", 4, "Cupboard"),
    ("Amoxicillin", "Dr A. Shah", "5", "ml", "At 12 noon with lunch", "6", 1, "In the fridge"),
    ("Salbutamol inhaler", "Dr K. Morgan", "2", "puff", "When wheezy", "4", 4, "Bag on peg"),
    ("Cetirizine", "Dr L. Chen", "2.5", "ml", "At 9am if hay fever", None, 1, "Cupboard"),
    (
        "Hydrocortisone cream",
        "Dr A. Shah",
        "1",
        "application",
        "After nappy change",
        None,
        3,
        "Room",
    ),
]


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def populate(ctx):
    rng, today = ctx.rng, ctx.today
    ensure_core_purposes(ConsentType)
    purposes = list(ConsentType.objects.filter(is_active=True))
    children = ctx.data["children"]
    responsible = defaultdict(list)
    for link in ParentLink.objects.filter(
        child__in=children, has_parental_responsibility=True
    ).order_by("pk"):
        responsible[link.child_id].append(link)
    home_of = {
        (link.parent_id, link.child_id): link.household
        for links in responsible.values()
        for link in links
    }
    key_person = {
        a.child_id: a.practitioner_id
        for a in KeyPersonAssignment.objects.filter(child__in=children, ended_on__isnull=True)
    }
    staff = ctx.data["practitioners"]

    events = []
    sequence = defaultdict(int)

    def add(child, purpose, decision, link, decided_on, method):
        sequence[(child.pk, purpose.pk)] += 1
        recorder = (
            link.parent_id if method == Method.ONLINE else key_person.get(child.pk, staff[0].pk)
        )
        events.append(
            ConsentEvent(
                child=child,
                consent_type=purpose,
                sequence=sequence[(child.pk, purpose.pk)],
                decision=decision,
                decided_by_id=link.parent_id,
                recorded_by_id=recorder,
                method=method,
                decided_on=decided_on,
                recorded_at=_at(decided_on, rng.randint(8, 17), rng.randint(0, 59)),
                explanation_shown=purpose.explanation,
                confirmed_parental_responsibility=method == Method.ONLINE,
                expires_on=purpose.expiry_from(decided_on) if decision == Decision.GIVEN else None,
            )
        )

    for index, child in enumerate(children):
        links = [link for link in responsible[child.pk] if link.portal_access] or responsible[
            child.pk
        ]
        if not links:
            continue
        # Asked a fortnight before the child starts (today at the latest: a
        # child who starts next month has answered already, never ahead).
        first = min(today, max(child.started_on - timedelta(days=14), today - timedelta(days=700)))
        for purpose in purposes:
            link = links[rng.randrange(len(links))]
            roll = rng.random()
            if index == 0:
                # The demo parent's child: photographs withdrawn, outings due for renewal.
                roll = {"photographs": 0.95, "outings": 0.15}.get(purpose.code, 0.5)
            if index % 17 == 5 and purpose.code != "medication":
                continue  # a family that has not answered yet
            method = rng.choice([Method.ONLINE, Method.ONLINE, Method.PAPER, Method.IN_PERSON])
            if purpose.code == "outings" and roll < 0.06:
                add(child, purpose, Decision.REFUSED, link, first, method)
                continue
            decided = first
            if purpose.renewal_months and (today - first).days > 300:
                # Mostly renewed on time; some left to expire or nearly due.
                if roll < 0.12:
                    decided = today - timedelta(days=rng.randint(366, 420))
                elif roll < 0.22:
                    decided = today - timedelta(days=rng.randint(340, 362))
                elif first + timedelta(days=365) <= today:
                    # Renewed each year since: the latest renewal is the one in force.
                    add(child, purpose, Decision.GIVEN, link, first, method)
                    decided = first + timedelta(days=365)
                    while (today - decided).days >= 365:
                        decided += timedelta(days=365)
                    method = Method.ONLINE if link.portal_access else Method.PAPER
            add(child, purpose, Decision.GIVEN, link, decided, method)
            if purpose.code == "photographs" and roll > 0.9:
                withdrawn = min(today, decided + timedelta(days=rng.randint(20, 200)))
                add(child, purpose, Decision.WITHDRAWN, link, withdrawn, Method.ONLINE)
                if roll > 0.97:
                    regiven = min(today, withdrawn + timedelta(days=30))
                    add(child, purpose, Decision.GIVEN, link, regiven, Method.ONLINE)
    ConsentEvent.objects.bulk_create(events)

    # Medication: a few children now, a few in the past.
    witnesses = [s.pk for s in staff]
    permissions, doses_plan = [], []
    medicated = children[:1] + rng.sample(children[1:], 9)
    for n, child in enumerate(medicated):
        links = [link for link in responsible[child.pk] if link.portal_access]
        if not links:
            continue
        name, prescriber, dose, unit, timing, interval, per_day, storage = MEDICINES[
            n % len(MEDICINES)
        ]
        current = n < 6
        starts = (
            today - timedelta(days=rng.randint(1, 4))
            if current
            else today - timedelta(days=rng.randint(40, 200))
        )
        permission = MedicationPermission(
            child=child,
            medicine=name,
            prescribed=bool(prescriber),
            prescriber=prescriber,
            dose_amount=Decimal(dose),
            dose_unit=unit,
            timing=timing,
            min_interval_hours=Decimal(interval) if interval else None,
            max_doses_per_day=per_day,
            starts_on=starts,
            ends_on=starts + timedelta(days=rng.randint(5, 10)),
            storage=storage,
            declaration=True,
            given_by_id=links[0].parent_id,
            recorded_by_id=links[0].parent_id,
            method=Method.ONLINE,
            created_at=_at(starts, 8, 5),
        )
        permissions.append(permission)
        last_day = min(today, permission.ends_on)
        day = starts
        while day <= last_day:
            given_at = _at(day, 12, rng.randint(0, 20))
            if given_at <= timezone.now():
                doses_plan.append((permission, child, given_at, day < today))
            day += timedelta(days=1)
    MedicationPermission.objects.bulk_create(permissions)
    doses = []
    for permission, child, given_at, seen in doses_plan:
        given_by = key_person.get(child.pk, witnesses[0])
        witness = next(w for w in rng.sample(witnesses, len(witnesses)) if w != given_by)
        doses.append(
            (
                MedicationDose(
                    child=child,
                    permission=permission,
                    given_at=given_at,
                    amount=permission.dose_amount,
                    given_by_id=given_by,
                    witnessed_by_id=witness,
                    recorded_by_id=given_by,
                    recorded_at=given_at + timedelta(minutes=3),
                ),
                seen,
            )
        )
    MedicationDose.objects.bulk_create([d for d, _seen in doses])
    # Each home acknowledges for itself: the adult who gave the permission,
    # for their home, most of the doses before today; the child's other
    # homes (through their first adult with parental responsibility on the
    # portal) those of them given before yesterday, so that yesterday's
    # still wait for those homes.
    other_homes = defaultdict(dict)
    for child_links in responsible.values():
        for link in child_links:
            if link.portal_access:
                other_homes[link.child_id].setdefault(link.household, link.parent_id)
    yesterday = today - timedelta(days=1)
    acknowledgements = []
    for dose, seen in doses:
        if not (seen and rng.random() < 0.9):
            continue
        first = home_of[(dose.permission.given_by_id, dose.child_id)]
        at = dose.given_at + timedelta(hours=rng.randint(4, 7))
        acknowledgements.append(
            DoseAcknowledgement(
                dose=dose,
                household=first,
                child=dose.child,
                acknowledged_by_id=dose.permission.given_by_id,
                acknowledged_at=at,
            )
        )
        if timezone.localtime(dose.given_at).date() >= yesterday:
            continue
        for household, parent in other_homes[dose.child_id].items():
            if household != first:
                acknowledgements.append(
                    DoseAcknowledgement(
                        dose=dose,
                        household=household,
                        child=dose.child,
                        acknowledged_by_id=parent,
                        acknowledged_at=at + timedelta(hours=2),
                    )
                )
    DoseAcknowledgement.objects.bulk_create(acknowledgements)
