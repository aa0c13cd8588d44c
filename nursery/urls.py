from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from nursery import views

auth_patterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
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
    path("password/reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("invitation/<uidb64>/<token>/", views.InvitationView.as_view(), name="invitation"),
    path(
        "invitation/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/invitation_complete.html"
        ),
        name="invitation_complete",
    ),
]

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("accounts/", include(auth_patterns)),
    path("people/", views.AccountListView.as_view(), name="accounts"),
    path("people/new/", views.AccountCreateView.as_view(), name="account_create"),
    path("people/<int:pk>/", views.AccountUpdateView.as_view(), name="account_edit"),
    path("audit/", views.AuditLogView.as_view(), name="audit_log"),
    path("settings/", views.SiteConfigView.as_view(), name="config"),
    path("children/", include("families.urls")),
    path("consents/", include("consents.urls")),
    path("agencies/", include("agencies.urls")),
    path("transitions/", include("transitions.urls")),
    path("safety/", include("safety.urls")),
    path("safeguarding/", include("safeguarding.urls")),
    # The setting's life keeps the top-level paths and URL names it always had.
    path("", include("nursery.setting.urls")),
    path("admin/", admin.site.urls),
]
