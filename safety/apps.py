from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    name = "safety"
    verbose_name = _("Safety: alerts, collection, the register, accidents")

    def ready(self):
        from safety import (
            audit,  # noqa: F401  (declares its audit action codes)
            notifications,  # noqa: F401  (declares what people are told of)
            panels,  # noqa: F401  (registers panels, sections, flags, figures)
        )
