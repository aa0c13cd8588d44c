from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from nursery.auth import demo_totp_secret
from nursery.demo import DEMO_DOMAIN, DEMO_PASSWORD, new_context
from nursery.models import User


def demo_modules():
    """Each installed app's `demo` module, in the order of INSTALLED_APPS:
    the kernel first and each layer after the ones it builds on, so an
    app's demo data may use what the apps below it made. Only the
    project's own apps are asked, never a third-party package's."""
    modules = []
    for config in apps.get_app_configs():
        own_folder = Path(settings.BASE_DIR, *config.name.split("."))
        if Path(config.path).resolve() != own_folder.resolve():
            continue
        try:
            modules.append(import_module(f"{config.name}.demo"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
    return modules


class Command(BaseCommand):
    help = (
        "Fill the database with a realistic demo setting and print the demo logins. "
        "Refuses to touch a database holding real data unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (successfully) when the database already holds any accounts.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Erase everything in the database, real data included, and fill it anew.",
        )
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            choices=range(1, 21),
            metavar="N",
            help="Make a setting N times the usual size (1 to 20), to measure speed.",
        )

    def handle(self, *args, if_empty=False, force=False, scale=1, **options):
        users = User.objects.all()
        if users.exists():
            if if_empty:
                self.stdout.write("The database already holds data; the demo was not loaded.")
                self._print_logins_hint()
                return
            real = users.exclude(email__endswith=f"@{DEMO_DOMAIN}")
            if real.exists() and not force:
                raise CommandError(
                    "This database holds accounts that are not demo accounts. "
                    "Run with --force to erase everything and load the demo."
                )
            call_command("flush", interactive=False, verbosity=0)
        ctx = new_context(scale=scale)
        with transaction.atomic():
            modules = demo_modules()
            for module in modules:
                module.populate(ctx)
            # A second pass for what needs every app's data first.
            for module in modules:
                if hasattr(module, "finish"):
                    module.finish(ctx)
        self.stdout.write(self.style.SUCCESS("The demo setting is ready."))
        self.stdout.write(f"Every demo login uses the password: {DEMO_PASSWORD}")
        for role, email in ctx.logins:
            self.stdout.write(f"  {role:<45} {email}")
        self._print_staff_secrets()

    def _print_staff_secrets(self):
        # Staff sign in with a second factor: add these secrets to an
        # authenticator app, or print the current code with `demo_code`.
        self.stdout.write(
            "Staff also type a code from an authenticator app after the password. "
            "Add these secrets to one, or run `python manage.py demo_code EMAIL`:"
        )
        for email in (f"manager@{DEMO_DOMAIN}", f"dsl@{DEMO_DOMAIN}", f"keyperson@{DEMO_DOMAIN}"):
            self.stdout.write(f"  {email:<45} {demo_totp_secret(email)}")

    def _print_logins_hint(self):
        if User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").exists():
            self.stdout.write(
                f"Demo logins: manager@{DEMO_DOMAIN}, dsl@{DEMO_DOMAIN}, "
                f"keyperson@{DEMO_DOMAIN}, parent@{DEMO_DOMAIN}, "
                f"parent.b@{DEMO_DOMAIN}; password {DEMO_PASSWORD}"
            )
            self._print_staff_secrets()
