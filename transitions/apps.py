from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransitionsConfig(AppConfig):
    name = "transitions"
    verbose_name = _("Schools and transitions")

    def ready(self):
        # Registers home panels, navigation, dashboard figures and record sources.
        from transitions import (  # noqa: F401
            audit,
            notifications,
            panels,
            records,
        )
