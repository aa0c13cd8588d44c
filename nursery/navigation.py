"""The kernel's own items in the navigation: the home page and the
manager's pages for people, the audit log and the settings."""

from django.utils.translation import gettext_lazy as _

from nursery.models import KeptEmail, Role
from nursery.registry import dashboard_figure, home_panel, nav_item

nav_item(
    key="nursery.home",
    title=_("Home"),
    url_name="home",
    roles=[Role.PARENT, Role.PRACTITIONER, Role.MANAGER],
    order=0,
)
nav_item(
    key="nursery.people", title=_("People"), url_name="accounts", roles=[Role.MANAGER], order=80
)
nav_item(
    key="nursery.audit_log",
    title=_("Audit log"),
    url_name="audit_log",
    roles=[Role.MANAGER],
    order=90,
)
nav_item(
    key="nursery.config", title=_("Settings"), url_name="config", roles=[Role.MANAGER], order=95
)


@dashboard_figure(
    key="nursery.emails_not_sent",
    title=_("Emails not sent"),
    url_name="kept_emails",
    order=5,
)
def emails_not_sent(request):
    """Emails the mail server refused after every retry, not yet sent again."""
    return KeptEmail.objects.filter(resent_at__isnull=True).count()


@home_panel(
    key="nursery.whats_new",
    title=_("New for you"),
    roles=[Role.PARENT, Role.PRACTITIONER, Role.MANAGER],
    template="nursery/panels/whats_new.html",
    order=1,
)
def whats_new_panel(request):
    """The newest unread items: a parent's comment, an action done, a record
    shared. No query at all when nothing is unread (the count is on the
    account), one when something is."""
    from nursery.notifications import message_for, whats_new
    from nursery.registry import notification_kinds

    unread = request.user.unread_notifications
    if not unread:
        return None
    items = list(whats_new(request.user).unread()[:5])
    for item in items:
        if notification_kinds.get(item.kind) is not None:
            item.text = message_for(item.kind, item.child_name)
        else:
            item.text = _("Something new")
    return {"items": items, "unread": unread}
