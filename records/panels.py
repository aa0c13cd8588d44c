"""What records and rights adds to the navigation, home pages and the
manager's dashboard."""

from datetime import timedelta

from django.db.models import Count, Q, Window
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nursery.models import Role
from nursery.navigation import THE_NURSERY, THE_SETTING
from nursery.queries import compiled_rows
from nursery.registry import dashboard_figure, home_panel, nav_item
from records.models import DisposalRun, SubjectAccessRequest

nav_item(
    key="records.my_data",
    title=_("Your data"),
    url_name="records:my_requests",
    roles=[Role.PARENT],
    order=90,
    group=THE_NURSERY,
)
nav_item(
    key="records.my_data_staff",
    title=_("Your data"),
    url_name="records:my_requests",
    roles=[Role.PRACTITIONER],
    order=90,
    group=THE_SETTING,
)
nav_item(
    key="records.rights",
    title=_("Records and rights"),
    url_name="records:request_list",
    roles=[Role.MANAGER],
    order=90,
    group=THE_SETTING,
)


def _counted_requests(request):
    """Counted with the home page's other figures: for the manager, whether
    a disposal waits for approval; for the DSL (a manager may be the DSL
    too), the requests waiting for a decision on child-protection material,
    and how many are overdue."""
    user = request.user
    counted = {}
    if user.is_manager:
        counted["disposals_waiting"] = DisposalRun.objects.filter(status=DisposalRun.Status.WAITING)
    if user.is_dsl:
        undecided = SubjectAccessRequest.objects.awaiting_cp_decision()
        counted.update(undecided=undecided, undecided_overdue=undecided.overdue())
    return counted or None


def _open_requests():
    """The ten open requests due soonest, each with how many are open."""
    return (
        SubjectAccessRequest.objects.listed()
        .open()
        .select_related("requester")
        .annotate(rows_in_all=Window(Count("*")))
        .order_by("due_on", "pk")[:10]
    )


@home_panel(
    key="records.requests",
    title=_("Requests for data"),
    roles=[Role.MANAGER, Role.PRACTITIONER],
    template="records/panels/requests.html",
    order=8,
    counts=_counted_requests,
)
def requests_panel(request, counted):
    """The manager: open requests for data, soonest deadline first, and any
    disposal waiting for approval. The DSL: how many requests wait for a
    decision on child-protection material (and how many are overdue),
    leading to their list; a manager who is the DSL sees both."""
    user = request.user
    shown = {}
    if user.is_dsl and counted["undecided"]:
        shown.update(undecided=counted["undecided"], overdue=counted["undecided_overdue"])
    if user.is_manager:
        requests = compiled_rows("records.open_requests", _open_requests)
        count = requests[0].rows_in_all if requests else 0
        if requests or counted["disposals_waiting"]:
            shown.update(requests=requests, count=count, waiting=counted["disposals_waiting"] > 0)
    return shown or None


@home_panel(
    key="records.my_request",
    title=_("Your request for your data"),
    roles=[Role.PARENT, Role.PRACTITIONER],
    template="records/panels/my_request.html",
    order=3,
)
def my_request_panel(request):
    """The requester: their request being answered (with any notice of more
    time), or their pack ready to open."""
    sar = compiled_rows(
        "records.my_request",
        _my_request,
        user=request.user,
        delivered_since=timezone.now() - timedelta(days=30),
    )
    return {"sar": sar[0]} if sar else None


def _my_request(user, delivered_since):
    return (
        SubjectAccessRequest.objects.listed()
        .filter(requester=user, withdrawn_at__isnull=True)
        .filter(Q(delivered_at__isnull=True) | Q(delivered_at__gte=delivered_since))
        .order_by("-received_on", "-pk")[:1]
    )


@dashboard_figure(
    key="records.requests_due",
    title=_("Requests for data due within a week"),
    url_name="records:request_list",
    query="due=1",
    order=70,
)
def requests_due(request):
    return SubjectAccessRequest.objects.due_soon()
