"""What the setting as a whole adds to the navigation."""

from django.utils.translation import gettext_lazy as _

from nursery.models import Role
from nursery.registry import nav_item

ALL_ROLES = [Role.PARENT, Role.PRACTITIONER, Role.MANAGER]

nav_item(label=_("Home"), url_name="home", roles=ALL_ROLES, order=0)
nav_item(label=_("People"), url_name="accounts", roles=[Role.MANAGER], order=80)
nav_item(label=_("Audit log"), url_name="audit_log", roles=[Role.MANAGER], order=90)
nav_item(label=_("Settings"), url_name="config", roles=[Role.MANAGER], order=95)
