from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafeguardingConfig(AppConfig):
    name = "safeguarding"
    verbose_name = _("Safeguarding")

    def ready(self):
        from safeguarding import (
            notifications,  # noqa: F401  (declares what people are told of)
            panels,  # noqa: F401  (registers panels and chronology sources)
        )
