"""One-time form tokens: a form submitted twice records once.

Every form the portal posts carries, right after its ``{% csrf_token %}``,
``<input type="hidden" name="_once" value="{{ once_token }}">`` (a fresh
random token for each form each time the page is shown): a form page and a
button on a list alike (tests/security/test_double_submissions.py holds
every template to it). The first POST with a
token claims it (a unique row, so two requests at the same moment cannot
both claim it) and goes on to the view; a second POST with the same token
never reaches the view: it is sent where the first one went, with a message.
A first POST that recorded nothing (a form shown again with its errors, a
request refused through `nursery.errors.refuse`, a failure) gives its token
back, so that sending it again is not told it was recorded.
State rules (a receipt recorded once, one move per child...) are still the
services' own, under a row lock: the token spares people duplicate records
where no such rule applies (two identical messages, two meetings).
"""

import re
import secrets
from datetime import timedelta

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from nursery.locking import retry_when_locked
from nursery.validators import local_url

FIELD = "_once"
KEEP = timedelta(days=2)
_TOKEN = re.compile(r"^[0-9a-f]{32}$")


def _new_token():
    return secrets.token_hex(16)


def once_token(request):
    """Context processor: `{{ once_token }}`, a new token wherever it is used
    (the template engine calls it each time)."""
    return {"once_token": _new_token}


class OnceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        claimed = getattr(request, "_once_claimed", None)
        if claimed is None:
            return response
        if response.status_code in (301, 302, 303) and not getattr(request, "_once_refused", False):
            claimed.location = response.get("Location", "")[:500]
            claimed.save(update_fields=["location"])
        else:
            # Nothing was recorded (a form shown again with its errors, a
            # request refused, a failure): the same form may be sent again,
            # and is not told it "was recorded once".
            claimed.delete()
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        # After CsrfViewMiddleware's process_view: a forged POST never gets here.
        if request.method != "POST" or not request.user.is_authenticated:
            return None
        token = request.POST.get(FIELD, "")
        if not _TOKEN.match(token):
            return None
        from nursery.models import FormSubmission

        try:
            request._once_claimed = _claim(FormSubmission, token, request.user)
        except IntegrityError:
            first = FormSubmission.objects.filter(token=token, user=request.user).first()
            messages.info(request, _("This form was already sent. It was recorded once."))
            return redirect(_back(request, first.location if first else ""))
        if secrets.randbelow(100) == 0:
            FormSubmission.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
        return None


@retry_when_locked
def _claim(model, token, user):
    with transaction.atomic():
        return model.objects.create(token=token, user=user)


def _back(request, location):
    for url in (location, request.META.get("HTTP_REFERER", "")):
        if local_url(request, url):
            return url
    return "/"
