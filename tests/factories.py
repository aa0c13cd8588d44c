"""Factories for the core records. Each app's own live in tests/<app>/factories.py."""

import time
from datetime import timedelta

import factory
from django.contrib.auth.hashers import make_password
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
from nursery.models import Role, User

TEST_PASSWORD = "correct-horse-battery"
# Every test member of staff's authenticator app shares this secret.
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    password = factory.LazyFunction(lambda: make_password(TEST_PASSWORD))

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.set_role(extracted)


def _with_role(default):
    def set_role(obj, create, extracted, **kwargs):
        if create:
            obj.set_role(extracted or default)

    return factory.PostGeneration(set_role)


def _with_second_factor(obj, create, extracted, **kwargs):
    """Staff come with an authenticator app (and recovery codes), as after
    their first login; `second_factor=False` makes one without."""
    if create and extracted is not False:
        add_totp(obj)


def add_totp(user, secret=TEST_TOTP_SECRET):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


def totp_code(user, *, steps=0):
    """The code the person's authenticator app shows now (or `steps` periods
    later), computed from their secret as the app does."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    secret = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"]
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + steps))


def recovery_codes(user):
    from allauth.mfa.models import Authenticator

    auth = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    return auth.wrap().get_unused_codes()


class ParentFactory(UserFactory):
    role = _with_role(Role.PARENT)


class PractitionerFactory(UserFactory):
    role = _with_role(Role.PRACTITIONER)
    second_factor = factory.PostGeneration(_with_second_factor)


class ManagerFactory(UserFactory):
    role = _with_role(Role.MANAGER)
    is_staff = True
    second_factor = factory.PostGeneration(_with_second_factor)


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Room {n}")


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=900))
    started_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=200))
    room = factory.SubFactory(RoomFactory)


class ParentLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParentLink

    parent = factory.SubFactory(ParentFactory)
    child = factory.SubFactory(ChildFactory)
    relationship = Relationship.MOTHER
    has_parental_responsibility = True
    portal_access = True


def carer_without_responsibility(child, relationship=Relationship.OTHER, **fields):
    """A new adult linked to `child` with portal access but without parental
    responsibility (a grandparent, a step-parent): they read, and decide
    nothing that needs it."""
    carer = ParentFactory(**fields)
    ParentLinkFactory(
        parent=carer, child=child, relationship=relationship, has_parental_responsibility=False
    )
    return carer


class KeyPersonAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyPersonAssignment

    child = factory.SubFactory(ChildFactory)
    practitioner = factory.SubFactory(PractitionerFactory)
    started_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=100))


class PracticalDetailsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticalDetails

    child = factory.SubFactory(ChildFactory)
    address = "12 Station Road\nNewtown"
    postcode = "NT1 2AB"
    home_phone = "01632 960001"
    gp_name = "Dr A. Shah"
    gp_practice = "Riverside Medical Centre"
    gp_phone = "01632 960100"
    allergies = "none known"
    last_confirmed_at = factory.LazyFunction(timezone.now)


class EmergencyContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmergencyContact

    child = factory.SubFactory(ChildFactory)
    name = "Grace Jones"
    relationship = "Grandmother"
    phone = "07700 900123"
    priority = 1
