from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NurseryConfig(AppConfig):
    name = "nursery"
    verbose_name = _("People, roles and the audit log")

    def ready(self):
        from nursery import (
            navigation,  # noqa: F401  (registers the kernel's menu items)
            signals,  # noqa: F401  (connects the receivers)
        )
