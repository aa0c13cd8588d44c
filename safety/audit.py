"""The audit log's action codes for safety, each event under its own code
(`safety.collector.removed`), with its facts as data.

Every safety record also has `safety.<record>.recorded` and
`safety.<record>.changed`, labelled with the record's own name: the
services use them where that is what happened (a health alert recorded),
and the lines written before each event had a code of its own read by
them."""

from django.apps import apps
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from nursery import audit
from safety.models import AccidentKind, Body, CollectedBy, CollectionCheck

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
audit.declare(
    {
        "safety.healthalert.ended": _("Health alert ended: it no longer applies"),
        "safety.healthalert.seen": _("Health alert seen by staff"),
        "safety.collector.removed": _("Authorised collector removed"),
        "safety.collectionpassword.set": _("Collection password set"),
        "safety.mustnotcollect.ended": _("Must-not-collect entry ended"),
        "safety.collectionnotice.withdrawn": _("No longer collecting: notice withdrawn"),
        "safety.attendance.signed_in": _("Signed in"),
        "safety.attendance.signed_out": _("Signed out"),
        "safety.dsl_item.seen": _("Seen by the safeguarding lead"),
        "safety.accident.acknowledged": _("Accident or incident record acknowledged"),
        "safety.incident.reviewed": _("Reviewed by the manager"),
        "safety.notification.made": _("Notification made"),
        "safety.written_health.dealt_with": _(
            "What the family wrote about health marked as dealt with"
        ),
    },
    data_labels={
        "collected_by": _("Collected by"),
        "check": _("How it was checked"),
        "accident_kind": _("Kind"),
        "incident": _("What was reviewed"),
        "body": _("Notified"),
        "written": _("What the family wrote"),
    },
    data_words={
        "collected_by": CollectedBy.choices,
        "check": CollectionCheck.choices,
        "accident_kind": AccidentKind.choices,
        "incident": [
            ("accident", _("An accident or incident")),
            ("medication", _("A medication incident")),
            ("lapse", _("A lapse in supervision during a visit")),
        ],
        "body": Body.choices,
        "written": [
            ("allergies", _("Allergies")),
            ("medical_notes", _("Health conditions")),
            ("dietary_needs", _("Diet")),
        ],
    },
)
