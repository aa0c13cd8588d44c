from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SettingConfig(AppConfig):
    """The life of the setting with its families, on top of every other app."""

    name = "nursery.setting"
    label = "setting"
    verbose_name = _("Life of the setting")

    def ready(self):
        from nursery.setting import (
            audit,  # noqa: F401  (declares its audit action codes)
            notifications,  # noqa: F401  (declares what people are told of)
            panels,  # noqa: F401  (registers panels, figures, menu items)
        )
