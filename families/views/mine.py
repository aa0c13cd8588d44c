"""A parent's own pages reached from the top of every page: their children,
and the messages about them."""

from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from families.models import Child, ParentNotice
from families.selectors import details_due_before, with_details_due
from nursery.queries import compiled_rows

__all__ = ["MyChildrenView", "MyMessagesView"]

MESSAGES_SHOWN = 50


def children_of(user):
    return compiled_rows(
        "families.children_of", _children_of, user=user, due_before=details_due_before()
    )


def _children_of(user, due_before):
    return (
        with_details_due(
            Child.objects.visible_to(user).select_related("room", "details"),
            due_before=due_before,
        )
        .with_key_person()
        .order_by("first_name", "last_name", "pk")
    )


def _messages_sent(user):
    # What another adult of the child wrote is theirs, not this parent's.
    return (
        ParentNotice.objects.visible_to(user)
        .filter(sent_by=user)
        .select_related("child", "sent_by", "seen_by", "replied_by")
        .order_by("-created_at", "-pk")[:MESSAGES_SHOWN]
    )


class MyChildrenView(PermissionRequiredMixin, TemplateView):
    """Parents and carers: each of their children, with the way to every
    record about the child."""

    permission_required = "families.view_own_children"
    template_name = "families/my_children.html"

    def get_context_data(self, **kwargs):
        kwargs["children"] = children_of(self.request.user)
        return super().get_context_data(**kwargs)


class MyMessagesView(PermissionRequiredMixin, TemplateView):
    """Parents and carers: the latest messages they sent about their
    children, with the nursery's answers, and a way to send one for each
    child."""

    permission_required = "families.view_own_children"
    template_name = "families/my_messages.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        kwargs["children"] = children_of(user)
        kwargs["notices"] = compiled_rows("families.messages_sent", _messages_sent, user=user)
        return super().get_context_data(**kwargs)
