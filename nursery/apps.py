from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NurseryConfig(AppConfig):
    name = "nursery"
    verbose_name = _("The setting")

    def ready(self):
        from nursery import (
            panels,  # noqa: F401  (registers the home panels)
            signals,  # noqa: F401  (connects the receivers)
        )
