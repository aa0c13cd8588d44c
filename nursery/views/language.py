"""The language of the pages: the chooser in every footer, and the
person's account settings where the choice is kept."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from nursery.errors import refuse
from nursery.forms import LanguageForm
from nursery.links import reverse
from nursery.services import user_set_language
from nursery.validators import local_url


def _safe_next(request, url):
    return local_url(request, url) or reverse("home")


def _answer(request, language, next_url):
    """Apply `language` now, remember it in the cookie (for this browser, also
    before login) and send the person back where they were."""
    response = redirect(_safe_next(request, next_url))
    if language:
        translation.activate(language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    else:
        translation.activate(translation.get_language_from_request(request))
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME, path=settings.LANGUAGE_COOKIE_PATH)
    return response


class LanguageView(View):
    """Anyone, logged in or not (POST): the footer's chooser. A logged-in
    person's choice is kept with their account."""

    http_method_names = ["post"]

    def post(self, request):
        form = LanguageForm(request.POST, browser_choice=False)
        if not form.is_valid() or not form.cleaned_data["language"]:
            message = _("Please choose one of the languages in the list.")
            return refuse(
                request, message, redirect_to=_safe_next(request, request.POST.get("next", ""))
            )
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            user_set_language(user=request.user, language=language)
        response = _answer(request, language, form.cleaned_data["next"])
        # Said in the language chosen (active from here on), by its own name.
        name = translation.get_language_info(language)["name_local"]
        messages.success(request, _("The pages are now in %(language)s.") % {"language": name})
        return response


class AccountSettingsView(FormView):
    """Everyone logged in: their own account, the language of their pages."""

    template_name = "nursery/account_settings.html"
    form_class = LanguageForm

    def get_initial(self):
        return {"language": self.request.user.language}

    def form_valid(self, form):
        language = form.cleaned_data["language"]
        user_set_language(user=self.request.user, language=language)
        response = _answer(self.request, language, reverse("account_settings"))
        messages.success(self.request, _("Your language was saved."))
        return response


class AccessibilityView(TemplateView):
    """Anyone, logged in or not: the accessibility statement."""

    template_name = "nursery/accessibility.html"
