"""Demo directory of agencies, partnership reviews, signposts and restricted
records for a few children."""

from datetime import datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from agencies.models import (
    Agency,
    AgencyContact,
    AgencyKind,
    AgencyReview,
    ConsentToShare,
    OnwardConsent,
    SendMethod,
    SharingDecision,
    Signpost,
    SupervisedVisit,
    ThirdPartyInformation,
)

K = AgencyKind
# name, kind, local, what they offer, how to contact, listed for families
AGENCIES = [
    (
        "Newtown Health Visiting Team",
        K.HEALTH_VISITING,
        True,
        "Health visitors support families with children under five: feeding, sleep, growth, "
        "development reviews and the check at two.",
        "Phone the team or visit the Tuesday clinic.",
        True,
    ),
    (
        "Riverside Children's Centre",
        K.FAMILY_SUPPORT,
        True,
        "Stay and play sessions, baby groups, parenting courses and a friendly place to meet "
        "other families.",
        "Drop in Monday to Friday, 9am to 3pm.",
        True,
    ),
    (
        "Newtown Children's Social Care",
        K.SOCIAL_CARE,
        True,
        "Support for children in need and their families, and child protection.",
        "Ask your child's key person, or phone the front door team.",
        True,
    ),
    (
        "Local Authority Designated Officer (LADO)",
        K.SOCIAL_CARE,
        True,
        "Manages allegations against people who work with children.",
        "",
        False,
    ),
    (
        "Multi-Agency Safeguarding Hub",
        K.SOCIAL_CARE,
        True,
        "Receives safeguarding referrals from professionals.",
        "",
        False,
    ),
    (
        "Newtown SEND Information, Advice and Support Service",
        K.SEN,
        True,
        "Free, impartial advice for parents of children with special educational needs "
        "or disabilities.",
        "Phone or email; appointments at home or in town.",
        True,
    ),
    (
        "Early Years Inclusion Team",
        K.SEN,
        True,
        "Advisory teachers who help settings include children with additional needs.",
        "Through the nursery's SENCO.",
        False,
    ),
    (
        "Newtown Speech and Language Therapy",
        K.SPEECH,
        True,
        "Assessment and therapy for children with speech, language and communication needs.",
        "Self-referral drop-in on the first Wednesday of the month.",
        True,
    ),
    (
        "Talk Together Stay and Play",
        K.SPEECH,
        True,
        "Songs, stories and play that help young children's talking.",
        "Thursday mornings at the library.",
        True,
    ),
    (
        "Home-Start Newtown",
        K.FAMILY_SUPPORT,
        True,
        "Trained volunteers who visit families at home for support and friendship.",
        "Phone, or ask us to refer you.",
        True,
    ),
    (
        "Family Nurse Partnership",
        K.HEALTH_VISITING,
        True,
        "Specialist nurses for young first-time parents, from pregnancy until the child is two.",
        "Through your midwife or health visitor.",
        True,
    ),
    (
        "Newtown Polish Community Association",
        K.CULTURAL,
        True,
        "Advice, Saturday school and community events in Polish and English.",
        "Saturday mornings at the community hall.",
        True,
    ),
    (
        "Bangladeshi Women's Association",
        K.CULTURAL,
        True,
        "Support, English classes and family activities for Bangladeshi women.",
        "Phone in Bengali, Sylheti or English.",
        True,
    ),
    (
        "Refugee and Migrant Family Support",
        K.CULTURAL,
        True,
        "Practical help with settling in, interpreting and local services.",
        "Drop in on Wednesdays.",
        True,
    ),
    (
        "Newtown Drug and Alcohol Service",
        K.DRUG_ALCOHOL,
        True,
        "Confidential help for adults worried about their drinking or drug use, "
        "and for their families.",
        "Phone for a confidential chat; no referral needed.",
        True,
    ),
    (
        "Adfam",
        K.DRUG_ALCOHOL,
        False,
        "National charity supporting families affected by someone else's drug or alcohol use.",
        "Online help and local groups.",
        True,
    ),
    (
        "Citizens Advice Newtown",
        K.WELFARE,
        True,
        "Free advice on benefits, debt, housing and work.",
        "Phone or drop in at the town hall.",
        True,
    ),
    (
        "Newtown Welfare Rights Unit",
        K.WELFARE,
        True,
        "Help to claim benefits and challenge decisions.",
        "Appointments by phone.",
        True,
    ),
    (
        "Family Information Service",
        K.EARLY_EDUCATION,
        True,
        "Information on childcare, funded early education places and help with costs.",
        "Phone, email or the council website.",
        True,
    ),
    (
        "Childcare Choices",
        K.EARLY_EDUCATION,
        False,
        "The national guide to funded hours and tax-free childcare.",
        "Online.",
        True,
    ),
    (
        "Early Years Alliance",
        K.EARLY_EDUCATION,
        False,
        "National organisation for early years settings and families.",
        "Online.",
        False,
    ),
    (
        "Newtown Women's Aid",
        K.OTHER,
        True,
        "Confidential support for anyone affected by domestic abuse.",
        "24-hour helpline; you can also ask any member of staff.",
        True,
    ),
    (
        "Newtown Food Bank",
        K.OTHER,
        True,
        "Emergency food parcels and help with the causes of food poverty.",
        "With a voucher: ask your key person.",
        True,
    ),
    (
        "Newtown Housing Advice",
        K.WELFARE,
        True,
        "Help for families who are homeless or at risk of losing their home.",
        "Phone the housing options team.",
        True,
    ),
    (
        "Newtown Educational Psychology Service",
        K.SEN,
        True,
        "Educational psychologists who assess and advise on children's learning needs.",
        "Through the nursery's SENCO.",
        False,
    ),
    (
        "Perinatal Mental Health Team",
        K.HEALTH_VISITING,
        True,
        "Support for parents' mental health during pregnancy and the first year.",
        "Through your GP, midwife or health visitor.",
        True,
    ),
]

PROTOCOLS = {
    K.SOCIAL_CARE: "Child-protection concerns: the DSL phones the front door team the same day "
    "and confirms in writing within 24 hours. Record every decision in the sharing log.",
    K.HEALTH_VISITING: "Share the progress check at two only with the parent's consent for it.",
    K.SEN: "Referrals through the SENCO with the parents' written consent.",
}


def _aware(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def populate(ctx):
    rng, today = ctx.rng, ctx.today
    manager, dsl = ctx.data["manager"], ctx.data["dsl"]
    practitioners = ctx.data["practitioners"]
    children = ctx.data["children"]

    agencies = []
    for i, (name, kind, local, offers, contact, listed) in enumerate(AGENCIES):
        # Some reviews are overdue, some due soon, the rest later; one never reviewed.
        due = [
            today - timedelta(days=rng.randint(5, 90)),
            today + timedelta(days=rng.randint(1, 25)),
        ]
        due += [today + timedelta(days=rng.randint(60, 330))] * 4
        agencies.append(
            Agency(
                name=name,
                kind=kind,
                is_local=local,
                offers=offers,
                how_to_contact=contact,
                listed_for_families=listed,
                phone=f"01632 96{1000 + i * 37:04d}",
                email=f"hello@{name.split()[0].lower()}{i}.example",
                website=f"https://www.{name.split()[0].lower()}{i}.example/",
                protocol=PROTOCOLS.get(kind, ""),
                review_interval_months=12,
                next_review_due=None if i == 5 else rng.choice(due),
            )
        )
    agencies = Agency.objects.bulk_create(agencies)
    by_name = {a.name: a for a in agencies}

    contacts, reviews = [], []
    for agency in agencies:
        contacts.append(
            AgencyContact(
                agency=agency,
                name=f"{rng.choice(['Jo', 'Sam', 'Alex', 'Chris', 'Priya', 'Tom'])} "
                f"{rng.choice(['Hart', 'Khan', 'Lewis', 'Nowak', 'Reid', 'Shaw'])}",
                job_title=rng.choice(["Team manager", "Practitioner", "Duty officer"]),
                phone=ctx.phone(),
            )
        )
        if agency.next_review_due is not None:
            last = agency.next_review_due - timedelta(days=365)
            if last <= today:
                reviews.append(
                    AgencyReview(
                        agency=agency,
                        reviewed_on=last,
                        reviewed_by=manager,
                        agreed=rng.choice(
                            [
                                "Keep the termly liaison meeting; update leaflets for parents.",
                                "Referral route confirmed; named contact changed.",
                                "Joint training for staff in the spring term.",
                            ]
                        ),
                        next_review_due=agency.next_review_due,
                    )
                )
    AgencyContact.objects.bulk_create(contacts)
    AgencyReview.objects.bulk_create(reviews)

    listed = [a for a in agencies if a.listed_for_families]
    signposts = []
    for child in children[::4]:
        agency = rng.choice(listed)
        signposts.append(
            Signpost(
                child=child,
                agency=agency,
                signposted_on=today - timedelta(days=rng.randint(3, 200)),
                given_to_family=rng.choice(
                    ["Leaflet and phone number", "Drop-in times", "Website and a referral form"]
                ),
                reason=rng.choice(
                    [
                        "Parent asked about help with costs.",
                        "Parent mentioned feeling isolated since moving here.",
                        "Discussed speech at the key-person meeting.",
                    ]
                ),
                signposted_by=rng.choice(practitioners),
            )
        )
    shared = ctx.data.get("shared_family")
    if shared:
        # Signposting given to the mother of the family in two homes: her
        # household alone sees it.
        child, mum, _dad = shared
        aid = next((a for a in listed if "Centre" in a.name), listed[0])
        signposts.append(
            Signpost(
                child=child,
                agency=aid,
                signposted_on=today - timedelta(days=120),
                given_to=mum,
                given_to_family="Phone number and the drop-in times, given in private",
                reason="Mum spoke about the separation and feeling unsafe at handovers.",
                signposted_by=rng.choice(practitioners),
            )
        )
    Signpost.objects.bulk_create(signposts)

    # Restricted records for a few children, including the demo parent's child.
    health = by_name["Newtown Health Visiting Team"]
    social = by_name["Newtown Children's Social Care"]
    speech = by_name["Newtown Speech and Language Therapy"]
    decisions, items, visits = [], [], []
    for n, child in enumerate(children[:4]):
        kp = child.key_person or dsl
        decisions.append(
            SharingDecision(
                child=child,
                shared=True,
                agency=speech,
                agency_contact="Priya Shah, speech and language therapist",
                information="Observations of the child's speech and the key person's notes.",
                purpose="Referral for a speech and language assessment.",
                consent=ConsentToShare.GIVEN,
                decided_by=kp,
                decided_on=today - timedelta(days=60 - n),
                method=SendMethod.SECURE_EMAIL,
                recorded_by=kp,
            )
        )
        if n == 1:
            decisions.append(
                SharingDecision(
                    child=child,
                    shared=True,
                    agency=social,
                    agency_contact="Duty social worker, front door team",
                    information="Disclosure made by the child and the injury observed.",
                    purpose="Child-protection referral.",
                    consent=ConsentToShare.NOT_SOUGHT,
                    reason_without_consent="Telling the parent first could put the child at "
                    "risk of significant harm (advice of the duty social worker).",
                    decided_by=dsl,
                    decided_on=today - timedelta(days=20),
                    method=SendMethod.PHONE,
                    recorded_by=dsl,
                )
            )
        if n == 2:
            decisions.append(
                SharingDecision(
                    child=child,
                    shared=False,
                    agency=health,
                    agency_contact="Health visitor",
                    information="Progress check at two.",
                    purpose="Health visitor asked for a copy.",
                    consent=ConsentToShare.REFUSED,
                    decided_by=kp,
                    decided_on=today - timedelta(days=10),
                    recorded_by=kp,
                )
            )
        items.append(
            ThirdPartyInformation(
                child=child,
                agency=health,
                given_by="Health visitor",
                received_on=today - timedelta(days=40 - n),
                title="Health visitor's two-year review",
                content="Growth and hearing within the expected range; follow-up in six months.",
                recorded_by=kp,
            )
        )
        day = today - timedelta(days=7 + n)
        visits.append(
            SupervisedVisit(
                child=child,
                agency=speech,
                visitor_name="Priya Shah",
                visitor_role="Speech and language therapist",
                identity_checked=True,
                identity_evidence="NHS photo ID badge seen",
                purpose="Observe the child at play.",
                arrived_at=_aware(day, 10),
                left_at=_aware(day, 10, 45),
                supervised_by=kp,
                notes="Observed small-group play; suggestions shared with the key person.",
                recorded_by=kp,
            )
        )
    SharingDecision.objects.bulk_create(decisions)
    items = ThirdPartyInformation.objects.bulk_create(items)
    # The first item may go to the parents, the second to the speech service.
    OnwardConsent.objects.bulk_create(
        [
            OnwardConsent(
                item=items[0],
                recipient_kind=OnwardConsent.Kind.PARENTS,
                given_by="Health visitor",
                given_on=today - timedelta(days=30),
                recorded_by=dsl,
            ),
            OnwardConsent(
                item=items[1],
                recipient_kind=OnwardConsent.Kind.ORGANISATION,
                recipient_type=ContentType.objects.get_for_model(Agency),
                recipient_id=speech.pk,
                given_by="Health visitor",
                given_on=today - timedelta(days=30),
                recorded_by=dsl,
            ),
        ]
    )
    SupervisedVisit.objects.bulk_create(visits)
    ctx.data["agencies"] = agencies
