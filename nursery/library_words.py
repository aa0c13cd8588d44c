"""Words the portal shows from the libraries it is built on (Django's
password forms and checks, allauth's second factor) that have no
translation of their own in one of the portal's languages (Urdu, so far).

Marked here, word for word as the libraries write them, so that the
portal's own catalogues carry a translation: the portal's catalogues are
read before the libraries' (LOCALE_PATHS), so a word translated here is
shown translated wherever the library uses it. Nothing reads this module's
values; `tests/nursery/test_languages.py` checks that the words are still
the libraries' own.
"""

# The libraries write a typographic apostrophe (U+2019), and so must these words.
# ruff: noqa: RUF001

from django.utils.translation import gettext_noop as _
from django.utils.translation import ngettext_lazy

WORDS = [
    # django.contrib.auth: the password forms.
    _("Old password"),
    _("New password"),
    _("New password confirmation"),
    _("Enter the same password as before, for verification."),
    _("The two password fields didn’t match."),
    _("Your old password was entered incorrectly. Please enter it again."),
    # django.contrib.auth: the password checks, and what they ask for.
    _("Your password can’t be too similar to your other personal information."),
    _("Your password can’t be a commonly used password."),
    _("Your password can’t be entirely numeric."),
    _("This password is too common."),
    _("This password is entirely numeric."),
    _("The password is too similar to the %(verbose_name)s."),
    # allauth: the second factor.
    _("Authenticator code"),
    _("Passkey"),
    _("Master key"),
    _("You cannot generate recovery codes without having two-factor authentication enabled."),
]

PLURALS = [
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        1,
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        1,
    ),
]
