from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def restore_core_purposes(sender, app_config=None, using="default", **kwargs):
    """After a flush (the demo's reset, the test runner's), put back the
    purposes the portal relies on; after a migration, a no-op."""
    if app_config is not None and app_config.label == "consents":
        from consents.models import ConsentType
        from consents.purposes import ensure_core_purposes

        ensure_core_purposes(ConsentType, using=using)


class ConsentsConfig(AppConfig):
    name = "consents"
    verbose_name = _("Consents and medication")

    def ready(self):
        from consents import (
            audit,  # noqa: F401  (declares its audit action codes)
            notifications,  # noqa: F401  (declares what people are told of)
            panels,  # noqa: F401  (registers panels, sections, flags, sources)
        )
        from consents.services import consent_is_given
        from nursery import hooks

        # The consent ledger answers the kernel's question for lower apps.
        hooks.consent_is_given.answer(consent_is_given)

        post_migrate.connect(restore_core_purposes, sender=self, dispatch_uid="consents-purposes")
