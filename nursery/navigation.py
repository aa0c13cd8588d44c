"""The navigation's menus, and the kernel's own items in it: the home page
and the manager's pages for people, the audit log and the settings.

Parents see at most six things on the top line (home, their children,
messages, consents and medicine, the nursery, their account); staff see
home and a few menus, each opening the pages of one kind of work. Every
page of the navigation is two taps from home: a menu, then its item.
"""

from django.utils.translation import gettext_lazy as _

from nursery.models import KeptEmail, Role
from nursery.queries import compiled_rows
from nursery.registry import dashboard_figure, home_panel, nav_group, nav_item

# Staff menus.
TODAY = "nursery.today"
CHILDREN = "nursery.children"
FOLLOW_UP = "nursery.follow_up"
PARTNERSHIPS = "nursery.partnerships"
THE_SETTING = "nursery.the_setting"
# Parents' menu.
THE_NURSERY = "nursery.the_nursery"

nav_group(key=TODAY, title=_("Today"), order=10)
nav_group(key=CHILDREN, title=_("Children"), order=20)
nav_group(key=FOLLOW_UP, title=_("Follow-up"), order=30)
nav_group(key=PARTNERSHIPS, title=_("Partnerships"), order=40)
nav_group(key=THE_SETTING, title=_("The setting"), order=50)
nav_group(key=THE_NURSERY, title=_("The nursery"), order=50)

nav_item(
    key="nursery.home",
    title=_("Home"),
    url_name="home",
    # Parents reach home by the nursery's name at the top of every page,
    # which keeps their menu to six items with What's new and Account.
    roles=[Role.PRACTITIONER, Role.MANAGER],
    order=0,
)
nav_item(
    key="nursery.people",
    title=_("People"),
    url_name="accounts",
    roles=[Role.MANAGER],
    order=80,
    group=THE_SETTING,
)
nav_item(
    key="nursery.audit_log",
    title=_("Audit log"),
    url_name="audit_log",
    roles=[Role.MANAGER],
    order=90,
    group=THE_SETTING,
)
nav_item(
    key="nursery.config",
    title=_("Settings"),
    url_name="config",
    roles=[Role.MANAGER],
    order=95,
    group=THE_SETTING,
)


@dashboard_figure(
    key="nursery.emails_not_sent",
    title=_("Emails not sent"),
    url_name="kept_emails",
    order=5,
)
def emails_not_sent(request):
    """Emails the mail server refused after every retry, not yet sent again."""
    return KeptEmail.objects.filter(resent_at__isnull=True)


def _newest_unread(user):
    from nursery.notifications import whats_new

    return whats_new(user).unread()[:5]


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
    from nursery.notifications import message_for
    from nursery.registry import notification_kinds

    unread = request.user.unread_notifications
    if not unread:
        return None
    items = compiled_rows("nursery.whats_new", _newest_unread, user=request.user)
    for item in items:
        if notification_kinds.get(item.kind) is not None:
            item.text = message_for(item.kind, item.child_name)
        else:
            item.text = _("Something new")
    return {"items": items, "unread": unread}
