"""Print the current authenticator code of a demo member of staff."""

import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.core.management.base import BaseCommand, CommandError

from nursery.demo import DEMO_DOMAIN
from nursery.models import User


class Command(BaseCommand):
    help = (
        "Print the code a demo account's authenticator app would show now, so that "
        "the demo can be tried without a phone. Only for demo accounts."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        email = email.strip().lower()
        if not email.endswith(f"@{DEMO_DOMAIN}"):
            raise CommandError(f"Only demo accounts (@{DEMO_DOMAIN}) have a code to print.")
        user = User.objects.filter(email=email).first()
        totp = (
            Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
            if user
            else None
        )
        if totp is None:
            raise CommandError(f"{email} has no authenticator app (demo parents have none).")
        secret = decrypt(totp.data["secret"])
        period = mfa_settings.TOTP_PERIOD
        now = int(time.time())
        code = format_hotp_value(hotp_value(secret, now // period))
        self.stdout.write(code)
        self.stderr.write(f"(valid for about {period - now % period} more seconds)")
