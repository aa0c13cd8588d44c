"""Demo rooms, children, parents/carers, key persons and practical details."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from families.models import (
    Child,
    EmergencyContact,
    KeyPersonAssignment,
    ParentLink,
    PracticalDetails,
    Relationship,
    Room,
)
from nursery.dates import months_before
from nursery.demo import ADULT_FIRST_NAMES, DEMO_DOMAIN, FIRST_NAMES, SURNAMES
from nursery.models import Role

ROOMS = [
    ("Little Stars", "Babies, 0 to 2 years", (6, 24)),
    ("Bright Stars", "Toddlers, 2 to 3 years", (24, 36)),
    ("Shooting Stars", "Pre-school, 3 to 5 years", (36, 58)),
]
GP_PRACTICES = [
    ("Dr A. Shah", "Riverside Medical Centre", "01632 960100"),
    ("Dr K. Morgan", "Parkview Surgery", "01632 960200"),
    ("Dr L. Chen", "High Street Health Centre", "01632 960300"),
]
STREETS = ["Station Road", "Mill Lane", "Church Street", "Elm Grove", "Victoria Terrace"]
ALLERGIES = ["none known"] * 7 + ["peanuts and tree nuts", "egg", "dairy (cow's milk protein)"]
DIETS = [""] * 6 + ["vegetarian", "halal", "no pork", "vegan"]


def _aware(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def populate(ctx):
    rng, today = ctx.rng, ctx.today
    rooms = [
        Room.objects.create(name=n, description=d, order=i) for i, (n, d, _) in enumerate(ROOMS)
    ]
    practitioners = ctx.data["practitioners"]
    key_staff = [*practitioners, ctx.data["dsl"]]
    manager = ctx.data["manager"]
    children = []
    parent_count = 0

    def new_parent(first, last, *, email=None):
        nonlocal parent_count
        parent_count += 1
        email = (
            email
            or f"{first.lower()}.{last.lower().replace(chr(39), '')}{parent_count}@{DEMO_DOMAIN}"
        )
        return ctx.make_user(
            email=email, full_name=f"{first} {last}", role=Role.PARENT, phone=ctx.phone()
        )

    family_index = 0
    while len(children) < 60 * ctx.scale:
        family_index += 1
        surname = SURNAMES[family_index % len(SURNAMES)]
        siblings = 2 if family_index % 9 == 1 else 1
        special = {1: "parent", 2: "parent.b", 3: "separated", 4: "shared"}.get(family_index)
        # Parents: most families two, some one.
        adults = []
        first_a = ADULT_FIRST_NAMES[(family_index * 2) % len(ADULT_FIRST_NAMES)]
        first_b = ADULT_FIRST_NAMES[(family_index * 2 + 1) % len(ADULT_FIRST_NAMES)]
        email_a = f"{special}@{DEMO_DOMAIN}" if special in ("parent", "parent.b") else None
        if special in ("separated", "shared"):
            email_a = f"{special}.mum@{DEMO_DOMAIN}"
        adults.append((new_parent(first_a, surname, email=email_a), Relationship.MOTHER))
        if family_index % 4 != 0 or special:
            email_b = {
                "separated": f"restricted@{DEMO_DOMAIN}",
                "shared": f"shared.dad@{DEMO_DOMAIN}",
            }.get(special)
            second_surname = {"separated": "Marsh", "shared": "Okafor"}.get(special, surname)
            adults.append((new_parent(first_b, second_surname, email=email_b), Relationship.FATHER))
        # The demo parent's partner lives with the children but has no
        # parental responsibility: reads their records, answers no consent.
        step_parent = (
            new_parent("Jordan", "Reyes", email=f"stepparent@{DEMO_DOMAIN}")
            if special == "parent"
            else None
        )
        for s in range(siblings):
            room = rooms[rng.randrange(3)] if s == 0 else rooms[2]
            low, high = ROOMS[rooms.index(room)][2]
            age_months = rng.randint(low, high - 1)
            if special == "shared":
                # Moving to school next year, so both homes have views on it.
                room, age_months = rooms[2], 50
            dob = months_before(today, age_months) - timedelta(days=rng.randint(0, 25))
            started = max(dob + timedelta(days=200), today - timedelta(days=rng.randint(60, 700)))
            leaving = None
            if room == rooms[2] and age_months >= 48:
                leaving = (
                    today.replace(month=7, day=24)
                    if today.month < 7
                    else today.replace(year=today.year + 1, month=7, day=24)
                )
            child = Child.objects.create(
                first_name=FIRST_NAMES[(family_index * 3 + s) % len(FIRST_NAMES)],
                last_name=surname,
                date_of_birth=dob,
                room=room,
                started_on=started,
                leaving_on=leaving,
            )
            children.append(child)
            if special == "shared" and s == 0:
                ctx.data["shared_family"] = (child, adults[0][0], adults[1][0])
            for adult, relationship in adults:
                restricted = special == "separated" and relationship == Relationship.FATHER
                # The "shared" family's parents live apart: two households.
                apart = special == "shared" and relationship == Relationship.FATHER
                link = ParentLink.objects.create(
                    household=2 if apart else 1,
                    parent=adult,
                    child=child,
                    relationship=relationship,
                    has_parental_responsibility=True,
                    portal_access=not restricted,
                    restriction_note="Court order: no contact or information, see file."
                    if restricted
                    else "",
                )
                # Linked when the child started, so what was shared since
                # then (and not yet read) waits for the parent as new.
                ParentLink.objects.filter(pk=link.pk).update(
                    created_at=timezone.make_aware(datetime.combine(started, time(8)))
                )
            if step_parent:
                ParentLink.objects.create(
                    household=1,
                    parent=step_parent,
                    child=child,
                    relationship=Relationship.STEP_PARENT,
                    has_parental_responsibility=False,
                    portal_access=True,
                )
            # Key-person history: some children changed key person once.
            first_kp = key_staff[rng.randrange(len(key_staff))]
            if special == "parent":
                first_kp = ctx.staff[2]  # keyperson@ is the key person of the demo parent's child
            if rng.random() < 0.25 and (today - started).days > 120:
                earlier = key_staff[rng.randrange(len(key_staff))]
                change = started + timedelta(days=(today - started).days // 2)
                KeyPersonAssignment.objects.create(
                    child=child,
                    practitioner=earlier,
                    started_on=started,
                    ended_on=change,
                    assigned_by=manager,
                )
                if earlier == first_kp:
                    first_kp = key_staff[(key_staff.index(earlier) + 1) % len(key_staff)]
                KeyPersonAssignment.objects.create(
                    child=child, practitioner=first_kp, started_on=change, assigned_by=manager
                )
            else:
                KeyPersonAssignment.objects.create(
                    child=child, practitioner=first_kp, started_on=started, assigned_by=manager
                )
            gp = GP_PRACTICES[rng.randrange(len(GP_PRACTICES))]
            confirmed_days_ago = rng.choice([3, 20, 45, 90, 150, 200, 260, 400])
            confirmer = adults[0][0]
            details = PracticalDetails(
                child=child,
                address=f"{rng.randint(1, 120)} {rng.choice(STREETS)}\nNewtown",
                postcode=f"NT{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJ')}"
                f"{rng.choice('LNPQRSTU')}",
                home_phone=f"01632 96{rng.randint(1000, 9999)}",
                gp_name=gp[0],
                gp_practice=gp[1],
                gp_phone=gp[2],
                allergies=rng.choice(ALLERGIES),
                dietary_needs=rng.choice(DIETS),
                last_confirmed_at=_aware(today - timedelta(days=confirmed_days_ago)),
                last_confirmed_by=confirmer,
            )
            details.save()
            for priority, (adult, relationship) in enumerate(adults[:1], start=1):
                EmergencyContact.objects.create(
                    child=child,
                    name=adult.full_name,
                    relationship=relationship.label,
                    phone=adult.phone,
                    can_collect=True,
                    priority=priority,
                )
            EmergencyContact.objects.create(
                child=child,
                name=f"{rng.choice(ADULT_FIRST_NAMES)} {surname}",
                relationship="Grandparent",
                phone=ctx.phone(),
                can_collect=rng.random() < 0.6,
                priority=2,
            )
    ctx.logins += [
        ("Parent (two children)", f"parent@{DEMO_DOMAIN}"),
        ("Parent of another family", f"parent.b@{DEMO_DOMAIN}"),
        ("Step-parent without parental responsibility", f"stepparent@{DEMO_DOMAIN}"),
        ("Parent in a separated family", f"separated.mum@{DEMO_DOMAIN}"),
        ("Parent whose link is restricted (sees nothing)", f"restricted@{DEMO_DOMAIN}"),
        ("Mother in a family living in two homes", f"shared.mum@{DEMO_DOMAIN}"),
        ("Father in a family living in two homes", f"shared.dad@{DEMO_DOMAIN}"),
    ]
    ctx.data["rooms"] = rooms
    ctx.data["children"] = children
    from families import demo_partnership

    demo_partnership.populate(ctx)
