"""The portal's one domain error, and how a view shows it.

A rule about the state of a record (a receipt is recorded once, a pack is
sent once, a child has one move to school, a signed check is not edited in
place...) lives in the service that changes that state, checked under
``select_for_update``, and is refused by raising :class:`DomainError` before
anything is written. The view catches it and shows its message; it never
repeats the rule.

    try:
        services.transfer_mark_received(...)
    except DomainError as error:
        return refuse(request, error, redirect_to=transfer)   # or form_refused()
"""

from django.contrib import messages
from django.shortcuts import redirect


class DomainError(Exception):
    """A request that the rules refuse. ``message`` is translated and safe to
    show to the person who asked; ``code`` names the rule for tests and logs."""

    def __init__(self, message, *, code=""):
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self):
        return str(self.message)


def refuse(request, error, *, redirect_to, level=messages.ERROR):
    """Show a refused request's message and go back (POST/redirect/GET). The
    form's one-time token is given back (nursery.once): nothing was recorded.

    ``error`` is a :class:`DomainError`, or the message itself where a view
    refuses input it could not read (a button form's field, say). A view
    never refuses with ``messages.error`` and a redirect of its own: the
    same form, sent again, would be told it "was recorded once"."""
    request._once_refused = True
    messages.add_message(request, level, getattr(error, "message", error))
    return redirect(redirect_to)


def form_refused(view, form, error):
    """Show a refused request's message on the form (nothing was saved)."""
    form.add_error(None, error.message)
    return view.form_invalid(form)
