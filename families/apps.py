from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamiliesConfig(AppConfig):
    name = "families"
    verbose_name = _("Children and families")

    def ready(self):
        from families import (
            audit,  # noqa: F401  (declares its audit action codes)
            notifications,  # noqa: F401  (declares what people are told of)
            panels,  # noqa: F401  (registers home panels and navigation)
            restriction,
        )

        # A restriction of processing makes a child's records read-only.
        restriction.connect()
