"""The setting as a whole, for the demo: configuration and staff accounts.

Each app has a `demo.py` with `populate(ctx)` (and, if it needs every app's
data first, `finish(ctx)`); the `demo` command calls them in the order of
INSTALLED_APPS, lower layers first, with one shared DemoContext, so a later
app can use what an earlier one made.
"""

import random
from dataclasses import dataclass, field
from datetime import date

from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from nursery.auth import demo_totp_secret
from nursery.models import STAFF_ROLES, Role, SiteConfig, User

DEMO_DOMAIN = "demo.example"
DEMO_PASSWORD = "stars-demo-2026"

FIRST_NAMES = [
    "Amara",
    "Ben",
    "Chloe",
    "Dev",
    "Ella",
    "Farah",
    "George",
    "Hana",
    "Isaac",
    "Jade",
    "Kofi",
    "Layla",
    "Mateo",
    "Nia",
    "Oscar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sami",
    "Tomasz",
    "Uma",
    "Vikram",
    "Wren",
    "Xin",
    "Yusuf",
    "Zara",
    "Aisha",
    "Bilal",
    "Cara",
    "Dylan",
    "Esme",
    "Finn",
    "Grace",
    "Harry",
    "Ines",
    "Jamal",
    "Kai",
    "Lucy",
    "Milo",
    "Noor",
]
ADULT_FIRST_NAMES = [
    "Alice",
    "Ahmed",
    "Beatriz",
    "Callum",
    "Diana",
    "Emeka",
    "Fiona",
    "Gareth",
    "Helen",
    "Imran",
    "Joanna",
    "Kwame",
    "Lena",
    "Marek",
    "Nadia",
    "Owen",
    "Patricia",
    "Rashid",
    "Sarah",
    "Tunde",
    "Ursula",
    "Victor",
    "Wendy",
    "Yasmin",
    "Zoltan",
    "Abigail",
    "Bogdan",
    "Carmen",
    "Darren",
    "Eilidh",
    "Femi",
    "Gemma",
    "Hamza",
    "Iona",
    "Jakub",
    "Kirsty",
]
SURNAMES = [
    "Adeyemi",
    "Brown",
    "Chowdhury",
    "Davies",
    "Evans",
    "Fernandes",
    "Green",
    "Hussain",
    "Ivanova",
    "Jones",
    "Khan",
    "Lewis",
    "Mensah",
    "Nowak",
    "O'Brien",
    "Patel",
    "Quinn",
    "Roberts",
    "Singh",
    "Thomas",
    "Usman",
    "Varga",
    "Williams",
    "Xu",
    "Young",
    "Zielinski",
    "Ali",
    "Begum",
    "Campbell",
    "Dimitrov",
    "Edwards",
    "Forde",
    "Gill",
    "Hughes",
]


@dataclass
class DemoContext:
    rng: random.Random
    today: date
    password_hash: str
    scale: int = 1  # 10 makes a setting ten times the size (for measuring)
    logins: list = field(default_factory=list)  # (role description, email)
    staff: list = field(default_factory=list)
    data: dict = field(default_factory=dict)  # what one app leaves for the next

    def make_user(self, *, email, full_name, role, is_dsl=False, phone=""):
        user = User.objects.create(
            email=email,
            full_name=full_name,
            password=self.password_hash,
            is_dsl=is_dsl,
            is_staff=role == Role.MANAGER,
            phone=phone,
        )
        user.set_role(role)
        if role in STAFF_ROLES:
            # Staff sign in with a second factor: a fixed authenticator
            # secret (printed by the demo command and in the README) and
            # recovery codes, as after their first login.
            TOTP.activate(user, demo_totp_secret(email))
            RecoveryCodes.activate(user)
        return user

    def phone(self):
        return f"07700 9{self.rng.randint(0, 99999):05d}"


def new_context(seed=2026, scale=1):
    # One hash for every demo account: hashing 100 passwords would take minutes.
    return DemoContext(
        scale=scale,
        rng=random.Random(seed),
        today=timezone.localdate(),
        password_hash=make_password(DEMO_PASSWORD),
    )


STAFF_NAMES = [
    "Sophie Turner",
    "Marcus Bell",
    "Aaliyah Okafor",
    "Hannah Price",
    "Tariq Mahmood",
    "Rebecca Lloyd",
    "Joe Fitzgerald",
    "Mei Lin",
    "Kerry Walsh",
    "Olu Bankole",
]


def populate(ctx):
    SiteConfig.load()
    manager = ctx.make_user(
        email=f"manager@{DEMO_DOMAIN}",
        full_name="Margaret Osei",
        role=Role.MANAGER,
        phone=ctx.phone(),
    )
    dsl = ctx.make_user(
        email=f"dsl@{DEMO_DOMAIN}",
        full_name="David Reid",
        role=Role.PRACTITIONER,
        is_dsl=True,
        phone=ctx.phone(),
    )
    ctx.logins += [("Manager", manager.email), ("Designated safeguarding lead", dsl.email)]
    ctx.staff = [manager, dsl]
    for i, name in enumerate(STAFF_NAMES):
        email = f"{name.split()[0].lower()}@{DEMO_DOMAIN}"
        if i == 0:
            email = f"keyperson@{DEMO_DOMAIN}"
            ctx.logins.append(("Practitioner (key person)", email))
        ctx.staff.append(
            ctx.make_user(email=email, full_name=name, role=Role.PRACTITIONER, phone=ctx.phone())
        )
    ctx.data["manager"] = manager
    ctx.data["dsl"] = dsl
    ctx.data["practitioners"] = ctx.staff[2:]
