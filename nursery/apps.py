from django.apps import AppConfig
from django.db.models import fields
from django.utils.translation import gettext_lazy as _


class NurseryConfig(AppConfig):
    name = "nursery"
    verbose_name = _("People, roles and the audit log")

    def ready(self):
        from nursery import (
            labels,
            navigation,  # noqa: F401  (registers the kernel's menu items)
            signals,  # noqa: F401  (connects the receivers)
        )

        # The empty choice of every list to pick from, in the portal's own
        # words and so in each of its languages (Django's own label has no
        # Polish, Romanian or Urdu yet).
        fields.BLANK_CHOICE_LABEL = _("Choose one")

        # Choice labels and English words read without Django's per-call
        # overhead (see nursery/labels.py): every model is loaded by now.
        labels.use_fast_choice_displays()
        labels.drop_empty_catalogs()
