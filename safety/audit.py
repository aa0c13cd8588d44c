"""The audit log's action codes for safety: for each of its records,
`safety.<record>.recorded` and `safety.<record>.changed`, labelled with the
record's own name."""

from django.apps import apps
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from nursery import audit

VERBS = (("recorded", _("%(record)s recorded")), ("changed", _("%(record)s changed")))


def _label(model, template):
    return lazy(lambda: template % {"record": capfirst(str(model._meta.verbose_name))}, str)()


audit.declare(
    {
        "safety.record.recorded": _("Safety record recorded"),
        "safety.record.changed": _("Safety record changed"),
    }
)
audit.declare(
    {
        f"safety.{model._meta.model_name}.{verb}": _label(model, template)
        for model in apps.get_app_config("safety").get_models()
        if not model._meta.model_name.startswith("historical")
        and model._meta.model_name != "record"
        for verb, template in VERBS
    }
)
