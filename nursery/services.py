"""Writes about the setting as a whole: the audit log, accounts, invitations."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from nursery import audit, mail
from nursery.models import Role, User
from nursery.tokens import invitation_tokens

# The apps whose model permissions the role groups get (app labels).
PORTAL_APPS = ("nursery", "families", "consents", "agencies", "transitions", "safety", "setting")


def sync_role_permissions(*, using="default"):
    """Give the role groups the Django model permissions the admin uses.

    Managers get every permission of the portal's apps; practitioners may
    view them; parents get none (they never open the admin). Object-level
    access in the portal itself is decided by each app's rules.py.
    """
    from django.contrib.auth.models import Group, Permission

    perms = Permission.objects.using(using).filter(content_type__app_label__in=PORTAL_APPS)
    for role in Role.values:
        Group.objects.using(using).get_or_create(name=role)
    Group.objects.using(using).get(name=Role.MANAGER).permissions.set(perms)
    Group.objects.using(using).get(name=Role.PRACTITIONER).permissions.set(
        perms.filter(codename__startswith="view_")
    )
    Group.objects.using(using).get(name=Role.PARENT).permissions.clear()


def invitation_url(*, user, request=None):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = invitation_tokens.make_token(user)
    path = reverse("invitation", kwargs={"uidb64": uid, "token": token})
    return request.build_absolute_uri(path) if request is not None else path


def account_invite(*, user, by, request=None):
    """Email the person a link to choose their password."""
    context = {
        "user": user,
        "url": invitation_url(user=user, request=request),
        "nursery_name": settings.NURSERY_NAME,
        "days": settings.INVITATION_LINK_SECONDS // (24 * 3600),
    }
    mail.send_now(
        subject=render_to_string("registration/invitation_subject.txt", context),
        message=render_to_string("registration/invitation_email.txt", context),
        recipient_list=[user.email],
    )
    audit.log("accounts.account.invited", actor=by, obj=user, request=request)


@transaction.atomic
def account_create(*, by, email, full_name, role, phone="", is_dsl=False, request=None):
    """Create a login for a parent/carer or a member of staff and invite them."""
    user = User.objects.create_user(
        email=email,
        full_name=full_name,
        phone=phone,
        is_dsl=is_dsl and role in (Role.PRACTITIONER, Role.MANAGER),
        is_staff=role == Role.MANAGER,
    )
    user.set_role(role)
    audit.log("accounts.account.created", actor=by, obj=user, request=request, data={"role": role})
    transaction.on_commit(lambda: account_invite(user=user, by=by, request=request))
    return user


@transaction.atomic
def account_update(*, user, by, full_name, phone, role, is_dsl, is_active, request=None):
    user.full_name = full_name
    user.phone = phone
    user.is_dsl = is_dsl and role in (Role.PRACTITIONER, Role.MANAGER)
    user.is_active = is_active
    user.is_staff = role == Role.MANAGER
    user.save()
    user.set_role(role)
    audit.log(
        "accounts.account.changed",
        actor=by,
        obj=user,
        request=request,
        data={"role": role, "is_dsl": user.is_dsl, "is_active": is_active},
    )
    return user


@transaction.atomic
def second_factor_reset(*, user, by, request=None):
    """Remove every authenticator of `user` (lost phone): staff set one up
    again at their next login. `by` is the manager, or None on the server."""
    from allauth.mfa.models import Authenticator

    from nursery.signals import audit_second_factor

    removed = Authenticator.objects.filter(user=user).delete()[0]
    audit_second_factor(
        "reset",
        user=user,
        by=by,
        request=request,
        detail="by a manager" if by is not None else "on the server",
    )
    return removed
