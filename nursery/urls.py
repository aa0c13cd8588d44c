from allauth.account import views as account_views
from allauth.account.decorators import secure_admin_login
from allauth.mfa.base import views as mfa_views
from allauth.mfa.recovery_codes import views as recovery_views
from allauth.mfa.totp import views as totp_views
from allauth.mfa.webauthn import views as webauthn_views
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.decorators.http import require_GET

from nursery import views
from nursery.tokens import password_reset_tokens
from nursery.views import language, notifications, second_factor

# The second factor, from django-allauth, listed one by one so that each has
# its row in the access matrix. Those used before the login is complete are
# open to anonymous people (allauth checks the pending login itself).
second_factor_patterns = [
    path("", mfa_views.index, name="mfa_index"),
    path("authenticate/", login_not_required(mfa_views.authenticate), name="mfa_authenticate"),
    path("reauthenticate/", mfa_views.reauthenticate, name="mfa_reauthenticate"),
    path("totp/activate/", totp_views.activate_totp, name="mfa_activate_totp"),
    path("totp/deactivate/", totp_views.deactivate_totp, name="mfa_deactivate_totp"),
    # Looking at the codes marks them as seen: GET only, so that a refused
    # POST changes nothing.
    path(
        "recovery-codes/",
        require_GET(recovery_views.view_recovery_codes),
        name="mfa_view_recovery_codes",
    ),
    path(
        "recovery-codes/generate/",
        recovery_views.generate_recovery_codes,
        name="mfa_generate_recovery_codes",
    ),
    path(
        "recovery-codes/download/",
        require_GET(recovery_views.download_recovery_codes),
        name="mfa_download_recovery_codes",
    ),
    path("webauthn/", webauthn_views.list_webauthn, name="mfa_list_webauthn"),
    path("webauthn/add/", webauthn_views.add_webauthn, name="mfa_add_webauthn"),
    path(
        "webauthn/reauthenticate/",
        webauthn_views.reauthenticate_webauthn,
        name="mfa_reauthenticate_webauthn",
    ),
    path(
        "webauthn/keys/<int:pk>/remove/",
        second_factor.RemoveKeyView.as_view(),
        name="mfa_remove_webauthn",
    ),
    path("webauthn/keys/<int:pk>/edit/", webauthn_views.edit_webauthn, name="mfa_edit_webauthn"),
    path(
        "webauthn/login/",
        login_not_required(webauthn_views.login_webauthn),
        name="mfa_login_webauthn",
    ),
]

auth_patterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    # The same page under the name allauth itself redirects to.
    path("login/", views.LoginView.as_view(), name="account_login"),
    path("reauthenticate/", account_views.reauthenticate, name="account_reauthenticate"),
    path("2fa/", include(second_factor_patterns)),
    # Open to anyone, so that a login waiting for its second factor can be
    # abandoned too.
    path("logout/", login_not_required(auth_views.LogoutView.as_view()), name="logout"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(token_generator=password_reset_tokens),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    # The footer's language chooser works before login too.
    path("language/", login_not_required(language.LanguageView.as_view()), name="language"),
    path("settings/", language.AccountSettingsView.as_view(), name="account_settings"),
    path("invitation/<uidb64>/<token>/", views.InvitationView.as_view(), name="invitation"),
    path(
        "invitation/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/invitation_complete.html"
        ),
        name="invitation_complete",
    ),
]

# The admin signs in through the portal's login, second factor included (set
# before admin.site.urls is read).
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("accounts/", include(auth_patterns)),
    path("people/", views.AccountListView.as_view(), name="accounts"),
    path("people/new/", views.AccountCreateView.as_view(), name="account_create"),
    path("people/<int:pk>/", views.AccountUpdateView.as_view(), name="account_edit"),
    path(
        "people/<int:pk>/second-factor/reset/",
        second_factor.SecondFactorResetView.as_view(),
        name="second_factor_reset",
    ),
    path("audit/", views.AuditLogView.as_view(), name="audit_log"),
    path("whats-new/", notifications.WhatsNewView.as_view(), name="whats_new"),
    path(
        "whats-new/<int:pk>/",
        notifications.NotificationOpenView.as_view(),
        name="notification_open",
    ),
    path("whats-new/read/", notifications.MarkAllReadView.as_view(), name="notifications_read"),
    path(
        "whats-new/choices/",
        notifications.NotificationChoicesView.as_view(),
        name="notification_choices",
    ),
    path("people/emails-not-sent/", notifications.KeptEmailListView.as_view(), name="kept_emails"),
    path(
        "people/emails-not-sent/<int:pk>/send/",
        notifications.KeptEmailResendView.as_view(),
        name="kept_email_resend",
    ),
    path(
        "accessibility/",
        login_not_required(language.AccessibilityView.as_view()),
        name="accessibility",
    ),
    path("settings/", views.SiteConfigView.as_view(), name="config"),
    path("children/", include("families.urls")),
    path("consents/", include("consents.urls")),
    path("agencies/", include("agencies.urls")),
    path("transitions/", include("transitions.urls")),
    path("safety/", include("safety.urls")),
    path("safeguarding/", include("safeguarding.urls")),
    path("records/", include("records.urls")),
    # The setting's life keeps the top-level paths and URL names it always had.
    path("", include("nursery.setting.urls")),
    path("admin/", admin.site.urls),
]
