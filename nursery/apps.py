from django.apps import AppConfig
from django.db.models import fields
from django.utils.translation import gettext_lazy as _


class NurseryConfig(AppConfig):
    name = "nursery"
    verbose_name = _("People, roles and the audit log")

    def ready(self):
        from nursery import (
            navigation,  # noqa: F401  (registers the kernel's menu items)
            signals,  # noqa: F401  (connects the receivers)
        )

        # The empty choice of every list to pick from, in the portal's own
        # words and so in each of its languages (Django's own label has no
        # Polish, Romanian or Urdu yet).
        fields.BLANK_CHOICE_LABEL = _("Choose one")
