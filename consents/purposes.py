"""The purposes every family is asked about from the start. Plain data:
the first data migration and the demo both create them; the manager can
change their wording and add more in the portal. Other apps rely on the codes.

The words are stored in English; while the manager has not changed them, each
reader reads them in their own language (`ConsentType.shown_name` and its
siblings): they are marked here for translation."""

from django.utils.translation import gettext_noop as _

CORE_PURPOSES = [
    {
        "code": "medication",
        "name": _("Giving medicine"),
        "explanation": _(
            "Staff may give your child a medicine only when you have also filled in a "
            "written permission for that medicine (its name, dose, times and dates). "
            "This consent says you agree to the nursery giving medicines in that way. "
            "Every dose is recorded and shown to you the same day."
        ),
        "renewal_months": 12,
        "every_parent_must_answer": False,
        "staff_flag": _("No medication consent"),
        "order": 10,
    },
    {
        "code": "emergency_treatment",
        "name": _("Emergency medical treatment"),
        "explanation": _(
            "If your child is badly hurt or suddenly ill and we cannot reach you, a member "
            "of staff may take your child to hospital and agree to urgent treatment that "
            "doctors advise. We keep trying to reach you the whole time."
        ),
        "renewal_months": 12,
        "every_parent_must_answer": False,
        "staff_flag": _("No emergency treatment consent"),
        "order": 20,
    },
    {
        "code": "outings",
        "name": _("Outings"),
        "explanation": _(
            "Your child may go with staff on short trips outside the nursery, such as walks "
            "to the park, the library or local shops. We tell you about longer trips "
            "before they happen."
        ),
        "renewal_months": 12,
        "every_parent_must_answer": False,
        "staff_flag": _("No outings"),
        "order": 30,
    },
    {
        "code": "photographs",
        "name": _("Photographs for your child's records"),
        "explanation": _(
            "Staff may take photographs of your child at play to keep in your child's "
            "learning record, which you can see. These photographs are not put on the "
            "nursery's website or social media."
        ),
        "renewal_months": None,
        "every_parent_must_answer": False,
        "staff_flag": _("No photographs"),
        "order": 40,
    },
    {
        "code": "health_visitor_two_year_check",
        "name": _("Sharing the check at age two with the health visitor"),
        "explanation": _(
            "When your child is between two and three, the key person writes a short summary "
            "of how your child is getting on. With your consent we send a copy to your "
            "health visitor, so that their own check can build on it."
        ),
        "renewal_months": None,
        "every_parent_must_answer": False,
        "staff_flag": "",
        "order": 50,
    },
    {
        "code": "school_records_transfer",
        "name": _("Sending records to your child's school"),
        "explanation": _(
            "When your child moves to school, we send the school a record of your child's "
            "learning and development so that the teachers know your child. We only send "
            "it with your consent, and you can see what is sent."
        ),
        "renewal_months": None,
        "every_parent_must_answer": False,
        "staff_flag": "",
        "order": 60,
    },
]


# The core purposes' own words, by code.
CORE_WORDING = {purpose["code"]: purpose for purpose in CORE_PURPOSES}


def ensure_core_purposes(consent_type_model, using="default"):
    """Create any core purpose that is missing (leave changed ones alone)."""
    for purpose in CORE_PURPOSES:
        consent_type_model.objects.using(using).get_or_create(
            code=purpose["code"], defaults={k: v for k, v in purpose.items() if k != "code"}
        )
