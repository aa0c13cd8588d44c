"""The view mixins every app's pages share.

`ScopedObjectMixin` is the one way a page fetches the object its URL names:
through the person's scope (`getter(user, pk)`, which answers 404 outside
it), then `permission_required` checked on it (403), or on its child
(`permission_on_child`). Each app names its own: `families.views.ChildMixin`
(the child in the URL), `transitions.views.MoveMixin` and so on.

`ListPageView` is every list of the portal.
"""

from django.utils.functional import cached_property
from django.views.generic import ListView
from rules.contrib.views import PermissionRequiredMixin


class ScopedObjectMixin(PermissionRequiredMixin):
    """Fetch the object in the URL (`pk_kwarg`) with `getter`, once per
    request, then check the permission on it. The context holds it as
    `object` and, where `context_name` is set, under that name too. A page
    that also takes a POST checks `post_permission` for it."""

    getter = None
    pk_kwarg = "pk"
    context_name = None
    permission_on_child = False
    post_permission = None

    @cached_property
    def object(self):
        return type(self).getter(self.request.user, self.kwargs[self.pk_kwarg])

    def get_permission_required(self):
        if self.request.method == "POST" and self.post_permission:
            return (self.post_permission,)
        return super().get_permission_required()

    def get_permission_object(self):
        return self.object.child if self.permission_on_child else self.object

    def form_invalid(self, form):
        """A model form that failed validation has changed its instance in
        memory: the page shows the object as it is stored."""
        self.__dict__.pop("object", None)
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("object", self.object)
        if self.context_name:
            kwargs.setdefault(self.context_name, self.object)
        if self.permission_on_child:
            kwargs.setdefault("child", self.object.child)
        return super().get_context_data(**kwargs)


class FormPageMixin:
    """A page whose purpose is one form, rendered by the one form-page
    template (`form_page.html`): the heading (also the window's title), an
    optional line saying whom it is about, an optional paragraph, the form
    with its single error banner, the submit button and a way back.

    A page with more to say before its form extends `form_page.html` and
    fills its `intro` block; it never repeats the heading or the form."""

    template_name = "form_page.html"
    heading = ""
    intro = ""
    submit_label = None

    def get_heading(self):
        return self.heading

    def get_about(self):
        """A line under the heading (whom the form is about), or None."""
        return None

    def get_intro(self):
        return self.intro

    def get_cancel_url(self):
        return None

    def get_context_data(self, **kwargs):
        kwargs.setdefault("heading", self.get_heading())
        kwargs.setdefault("about", self.get_about())
        kwargs.setdefault("intro", self.get_intro())
        kwargs.setdefault("submit_label", self.submit_label)
        kwargs.setdefault("cancel_url", self.get_cancel_url())
        return super().get_context_data(**kwargs)


class ListPageView(ListView):
    """A list page. A page number that is not one (`?page=abc`, typed or
    left from an old link) shows the first page, and one past the end the
    last, as `Paginator.get_page` does, rather than answering "not found"."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset,
            page_size,
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=self.get_allow_empty(),
        )
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()
