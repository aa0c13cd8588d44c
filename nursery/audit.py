"""The audit log: one helper, namespaced action codes, structured data.

Every line of the audit log is written by :func:`log` (or :func:`log_read`
for a reading of restricted material), with an action code that names what
happened as ``<area>.<thing>.<verb>`` (``consents.decision.recorded``,
``agencies.third_party.read``) and a small JSON-able ``data`` dict for the
facts worth keeping (never the record's content: the record itself keeps
that, with its history)::

    from nursery import audit

    audit.log(
        "consents.decision.recorded",
        actor=recorded_by, obj=event, child=child, request=request,
        data={"consent": consent_type.code, "decision": decision, "method": method},
    )
    audit.log_read("agencies.third_party.read", request=request, obj=item, child=item.child)

Each app declares its codes with a translatable label, once, in its own
``audit.py`` (imported by its AppConfig.ready), through :func:`declare`. A
code that is logged but not declared, or declared twice, raises: people only
ever see the label (the audit pages), never the code.
"""

import ipaddress
import re
from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from nursery.dates import format_date

_ACTIONS = {}

# Lines written before the action codes: the old verb, kept as it was.
LEGACY_ACTIONS = {
    "legacy.record.created": _("Created"),
    "legacy.record.changed": _("Changed"),
    "legacy.record.read": _("Read restricted material"),
    "legacy.record.exported": _("Exported"),
}

# Readable names for the keys of `data`, shown on the audit pages.
_DATA_LABELS = {}
# The words for the coded values of a key of `data`: {key: {code: words}}.
_DATA_WORDS = {}


def declare(actions, *, data_labels=None, data_words=None):
    """Declare action codes (``{code: label}``); a code declared twice raises.
    `data_labels` names the keys of their data; `data_words` gives, for a
    key whose values are codes, the choices they come from (a model's
    `TextChoices.choices`), so that each reads in words."""
    for code, label in actions.items():
        if code.count(".") < 2 or code != code.strip().lower():
            raise ValueError(f"audit action code {code!r} is not <area>.<thing>.<verb>")
        if code in _ACTIONS:
            raise ValueError(f"audit action code {code!r} is declared twice")
        _ACTIONS[code] = label
    for key, label in (data_labels or {}).items():
        # One key reads one way on every line, whichever app wrote it.
        if key in _DATA_LABELS and _msgid(_DATA_LABELS[key]) != _msgid(label):
            raise ValueError(f"audit data key {key!r} is declared with two labels")
        _DATA_LABELS[key] = label
    for key, choices in (data_words or {}).items():
        _DATA_WORDS.setdefault(key, {}).update(dict(choices))


def _msgid(label):
    with translation.override(None):
        return str(label)


def actions():
    """Every declared code and its label, sorted by label (for filters),
    worked out once for each language."""
    key = (translation.get_language(), len(_ACTIONS))
    if key not in _SORTED:
        _SORTED[key] = sorted(
            ((code, str(label)) for code, label in _ACTIONS.items()), key=lambda item: item[1]
        )
    return _SORTED[key]


_SORTED = {}


def is_action(code):
    """Whether `code` is a declared action."""
    return code in _ACTIONS


def label_for(code):
    """What a person reads for a code (the code itself never)."""
    if code in _ACTIONS:
        return _ACTIONS[code]
    return _("Other action")


def data_label(key):
    return _DATA_LABELS.get(key) or key.replace("_", " ").capitalize()


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CODE = re.compile(r"[a-z]+(?:_[a-z]+)+")


def data_value(value, key=None):
    """A value of a line's detail (under `key`) as a person reads it, never
    as it is kept: yes or no, a date as a date, a part of the portal (a
    pack's section, a panel) by its title, a code in words (those of its
    key's choices, where declared)."""
    if isinstance(value, list | tuple):
        return ", ".join(str(data_value(item, key)) for item in value)
    words = _DATA_WORDS.get(key)
    if words and isinstance(value, str) and value in words:
        return words[value]
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if not isinstance(value, str):
        return value
    if _ISO_DATE.fullmatch(value):
        try:
            return format_date(date.fromisoformat(value), "j M Y")
        except ValueError:
            return value
    title = _registry_title(value)
    if title is not None:
        return title
    if _CODE.fullmatch(value):
        return value.replace("_", " ").capitalize()
    return value


def _registry_title(key):
    from nursery import registry

    for entries in (registry.record_sources, registry.home_panels, registry.child_sections):
        entry = entries.get(key)
        if entry is not None:
            return entry.title
    return None


def client_ip(request):
    """The client's address, by one rule for the lockout (django-axes calls
    this through AXES_CLIENT_IP_CALLABLE) and the audit log.

    With no proxy in front (TRUSTED_PROXY_COUNT 0) it is the connection's
    address and X-Forwarded-For is ignored, since anyone can send it. Behind
    N proxies, each appending the address it received from, the client is the
    N-th address from the right of X-Forwarded-For; what the client wrote
    itself sits further left and is never believed."""
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def _plain(value):
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return str(value)[:300]


def log(action, *, actor, obj=None, child=None, data=None, request=None):
    """Append one line to the audit log and return it.

    ``action``: a declared code. ``actor``: who did it (None, or an anonymous
    user, for a failed login). ``obj``: the record it is about; ``child``:
    the child it concerns, for the child's audit trail. ``data``: plain
    values (strings, numbers, booleans, lists of them).
    """
    from nursery.models import AuditEvent

    if action not in _ACTIONS:
        raise KeyError(f"audit action code {action!r} is not declared")
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    event = AuditEvent(
        actor=actor,
        action=action,
        child=child,
        data={key: _plain(value) for key, value in (data or {}).items()},
        ip_address=client_ip(request),
    )
    if obj is not None:
        event.content_type = ContentType.objects.get_for_model(obj)
        event.object_id = str(obj.pk)
        # Kept in the setting's own language, whoever acted in which: the
        # log's names read one way on every line.
        with translation.override(settings.LANGUAGE_CODE):
            event.object_repr = str(obj)[:200]
    event.save()
    return event


def log_read(action, *, request, obj=None, child=None, data=None):
    """Record that the person making `request` was shown restricted material.
    Call it once access is decided and the material is about to be shown."""
    return log(action, actor=request.user, obj=obj, child=child, data=data, request=request)


declare(
    {
        "accounts.login.succeeded": _("Logged in"),
        "accounts.logout.done": _("Logged out"),
        "accounts.login.failed": _("Failed login"),
        "accounts.login.locked_out": _("Locked out"),
        "accounts.account.created": _("Account created"),
        "accounts.account.changed": _("Account changed"),
        "accounts.account.invited": _("Invitation sent"),
        "accounts.second_factor.added": _("Set up a second factor"),
        "accounts.second_factor.used": _("Used a second factor"),
        "accounts.second_factor.failed": _("Wrong second-factor code"),
        "accounts.second_factor.removed": _("Removed a second factor"),
        "accounts.second_factor.reset": _("Reset someone's second factor"),
        "accounts.recovery_code.used": _("Used a recovery code"),
        "accounts.reauthentication.done": _("Confirmed it was them"),
        "accounts.email.resent": _("Sent an unsent email again"),
        "accounts.notification_choices.saved": _("Chose how to be told"),
        "admin.record.added": _("Added a record in the admin"),
        "admin.record.changed": _("Changed a record in the admin"),
        "admin.record.deleted": _("Deleted a record in the admin"),
    },
    data_labels={
        "username": _("Email tried"),
        "note": _("Note"),
        "role": _("Role"),
        "is_dsl": _("Safeguarding lead"),
        "is_active": _("Active"),
        "model": _("Kind of record"),
        "change": _("What changed"),
        "second_factor": _("Second factor"),
        "kinds": _("Choices changed"),
        "renewed": _("Made anew"),
        "passwordless": _("Without a password"),
        "reset_from": _("Reset from"),
    },
    data_words={
        # The kinds of second factor (allauth's Authenticator.Type).
        "second_factor": [
            ("totp", _("Authenticator app")),
            ("recovery_codes", _("Recovery codes")),
            ("webauthn", _("Passkey or security key")),
        ],
        "reset_from": [("portal", _("The accounts page")), ("server", _("The server"))],
    },
)
declare(LEGACY_ACTIONS)
