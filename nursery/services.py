"""Writes about the setting as a whole: the audit log, accounts, invitations."""

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from nursery import audit, mail
from nursery.links import reverse
from nursery.models import Role, User
from nursery.notifications import language_of
from nursery.tokens import invitation_tokens, password_reset_tokens

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
    """Email the person a link to choose their password (queued: the task
    worker sends it once the account is saved)."""
    context = {
        "user": user,
        "url": invitation_url(user=user, request=request),
        "nursery_name": settings.NURSERY_NAME,
        "days": settings.INVITATION_LINK_SECONDS // (24 * 3600),
    }
    with translation.override(language_of(user)):
        invitation = mail.message(
            to=user.email,
            subject=render_to_string("registration/invitation_subject.txt", context),
            body=render_to_string("registration/invitation_email.txt", context),
            secret=True,
        )
    mail.queue_on_commit([invitation])
    audit.log("accounts.account.invited", actor=by, obj=user, request=request)


class _QueuedResetForm(PasswordResetForm):
    """Django's reset form, its message queued rather than sent."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        mail.queue(
            [
                mail.message(
                    to=to_email,
                    subject=render_to_string(subject_template_name, context),
                    body=render_to_string(email_template_name, context),
                    secret=True,
                )
            ]
        )


@task
def password_reset_send(*, email, domain, use_https):
    """The worker looks the address up and emails a reset link when an
    active account has it; the page that asked did the same work whatever
    the address (it only enqueued this task)."""
    form = _QueuedResetForm({"email": email})
    if form.is_valid():
        form.save(
            domain_override=domain,
            use_https=use_https,
            email_template_name="registration/password_reset_email.html",
            subject_template_name="registration/password_reset_subject.txt",
            token_generator=password_reset_tokens,
        )


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
        reset_from="portal" if by is not None else "server",
    )
    return removed


def user_set_language(*, user, language):
    """Remember the language `user` chose for the portal ("" follows the
    browser); it applies on every device they log in from."""
    if language and language not in dict(settings.LANGUAGES):
        raise ValueError(f"not one of the portal's languages: {language!r}")
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language
