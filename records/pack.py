"""The subject-access pack: what the setting holds about one person and,
for a parent, about the children they may see, gathered through the same
road as the school pack and the leaver's bundle (`gather_child_records`
with a `SubjectAccess` recipient), in HTML (and PDF from it) and JSON."""

import html as html_entities
import re
from collections import Counter

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import strip_tags

from families.models import Child, ChildProtectionTask, KeyPersonAssignment, ParentLink
from nursery import audit
from nursery.models import AuditEvent
from nursery.registry import SubjectAccess, gather_child_records
from nursery.setting.models import Complaint, Suggestion
from records.models import ChildProtectionDecision
from safeguarding.models import Concern


def children_of(adult):
    """The children the adult may see in the portal (a restricted link, a
    court order say, gives nothing of that child)."""
    return Child.objects.filter(
        pk__in=ParentLink.objects.filter(parent=adult, portal_access=True).values("child")
    ).order_by("date_of_birth", "pk")


def holds_child_protection_material(adult):
    children = children_of(adult).values("pk")
    return (
        ChildProtectionTask.objects.filter(child__in=children).exists()
        or Concern.objects.filter(child__in=children).exists()
    )


def _activity(adult):
    """What the audit log holds of this person's own actions: how many of
    each kind, first and last (the lines themselves stay in the log)."""
    counts = Counter()
    first = {}
    last = {}
    for action, at in AuditEvent.objects.filter(actor=adult).values_list("action", "created_at"):
        counts[action] += 1
        first[action] = min(first.get(action, at), at)
        last[action] = max(last.get(action, at), at)
    return [
        {"label": str(audit.label_for(a)), "count": n, "first": first[a], "last": last[a]}
        for a, n in sorted(counts.items(), key=lambda item: str(audit.label_for(item[0])))
    ]


def build(*, sar):
    """The pack for `sar`: {"html", "data", "sections"} (section keys)."""
    adult = sar.requester
    recipient = SubjectAccess(
        adult=adult, child_protection=sar.cp_decision == ChildProtectionDecision.INCLUDED
    )
    children = []
    keys = set()
    for child in children_of(adult):
        sections = gather_child_records(child=child, recipient=recipient)
        keys.update(s["key"] for s in sections)
        children.append({"child": child, "sections": sections})
    links = list(ParentLink.objects.filter(parent=adult).select_related("child"))
    assignments = list(
        KeyPersonAssignment.objects.filter(practitioner=adult)
        .select_related("child")
        .order_by("started_on", "pk")
    )
    activity = _activity(adult)
    complaints = list(Complaint.objects.filter(complainant=adult).order_by("received_on", "pk"))
    suggestions = list(Suggestion.objects.filter(parent=adult).order_by("created_at", "pk"))
    today = timezone.localdate()
    context = {
        "sar": sar,
        "adult": adult,
        "children": children,
        "links": links,
        "assignments": assignments,
        "activity": activity,
        "complaints": complaints,
        "suggestions": suggestions,
        "nursery_name": settings.NURSERY_NAME,
        "today": today,
    }
    html = render_to_string("records/pack/body.html", context)
    data = {
        "format": "subject-access-pack/1",
        "setting": settings.NURSERY_NAME,
        "request": {
            "received_on": sar.received_on.isoformat(),
            "answer_due_by": sar.deadline.isoformat(),
        },
        "prepared_on": today.isoformat(),
        "person": {
            "full_name": adult.full_name,
            "email": adult.email,
            "phone": adult.phone,
            "role": str(adult.role.label) if adult.role else "",
            "links_to_children": [
                {
                    # A restricted link (a court order) gives nothing of the
                    # child, not even a name, as `children_of` gives no record.
                    "child": str(link.child) if link.portal_access else None,
                    "relationship": str(link.get_relationship_display()),
                    "parental_responsibility": link.has_parental_responsibility,
                    "sees_the_child_in_the_portal": link.portal_access,
                }
                for link in links
            ],
            "key_person_of": [
                {
                    "child": str(a.child),
                    "from": a.started_on.isoformat(),
                    "to": a.ended_on.isoformat() if a.ended_on else None,
                }
                for a in assignments
            ],
        },
        "children": [
            {
                "name": str(item["child"]),
                "date_of_birth": item["child"].date_of_birth.isoformat(),
                "records": [
                    {"title": str(s["title"]), "text": _text(s["html"])} for s in item["sections"]
                ],
            }
            for item in children
        ],
        "complaints": [
            {
                "received_on": c.received_on.isoformat(),
                "about": c.summary,
                "details": c.details,
                "outcome": c.outcome,
            }
            for c in complaints
        ],
        "suggestions": [
            {"made": s.created_at.isoformat(), "suggestion": s.body, "answer": s.response}
            for s in suggestions
        ],
        "activity_in_the_portal": [
            {
                "what": row["label"],
                "times": row["count"],
                "first": row["first"].isoformat(),
                "last": row["last"].isoformat(),
            }
            for row in activity
        ],
    }
    return {"html": html, "data": data, "sections": sorted(keys)}


# Where the page breaks a line or sets a label beside its value, the text
# does too: without this "<dt>Name</dt><dd>Ella</dd>" would read "NameElla".
_LINE_ENDS = re.compile(
    r"<br\s*/?>|</(?:p|div|li|dd|tr|h[1-6]|section|article|header|ul|ol|dl|table|caption)>",
    re.IGNORECASE,
)
_LABEL_ENDS = re.compile(r"</dt>", re.IGNORECASE)
_CELL_ENDS = re.compile(r"</t[hd]>", re.IGNORECASE)


def _text(html):
    """A section's text as a person reads it (no tags, no HTML escapes): a
    line where the page has one, a label followed by a colon, the cells of a
    row parted by a middle dot."""
    html = _LINE_ENDS.sub("\n", html)
    html = _LABEL_ENDS.sub(": ", html)
    html = _CELL_ENDS.sub(" · ", html)
    text = html_entities.unescape(strip_tags(html)).replace("?: ", "? ").replace(":: ", ": ")
    lines = (" ".join(line.split()).removesuffix(" ·").strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
