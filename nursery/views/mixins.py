from rules.contrib.views import PermissionRequiredMixin


class ScopedObjectMixin(PermissionRequiredMixin):
    """Fetch the object in the URL through the person's scope (404 outside
    it) with `getter`, then check the permission on it (403). A page that
    also takes a POST checks `post_permission` for it."""

    getter = None
    post_permission = None

    @property
    def object(self):
        if not hasattr(self, "_object"):
            self._object = type(self).getter(self.request.user, self.kwargs["pk"])
        return self._object

    def get_permission_required(self):
        if self.request.method == "POST" and self.post_permission:
            return (self.post_permission,)
        return super().get_permission_required()

    def get_permission_object(self):
        return self.object

    def get_context_data(self, **kwargs):
        kwargs.setdefault("object", self.object)
        return super().get_context_data(**kwargs)


def parents_needs(users):
    """Each parent's communication needs, or None, as `user.needs`."""
    for user in users:
        user.needs = getattr(user, "communication_needs", None)
    return users
