"""Reset a person's second factor from the server (e.g. the only manager's)."""

from django.core.management.base import BaseCommand, CommandError

from nursery.models import User
from nursery.services import second_factor_reset


class Command(BaseCommand):
    help = (
        "Remove every second factor of the account with this email: they set up a "
        "new one at their next login. For the manager's own account when no other "
        "manager can reset it in the portal. Written to the audit log."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account has the email address {email}.")
        removed = second_factor_reset(user=user, by=None)
        self.stdout.write(
            f"The second factor of {user.email} was reset ({removed} removed). "
            "They set up a new one at their next login."
        )
