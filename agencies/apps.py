from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = _("Agencies")

    def ready(self):
        from agencies import (
            audit,  # noqa: F401  (declares its audit action codes)
            notifications,  # noqa: F401  (declares what people are told of)
            panels,  # noqa: F401  (registers panels, sections and sources)
        )
