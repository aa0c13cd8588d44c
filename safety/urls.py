from django.urls import path

from safety import views

app_name = "safety"

urlpatterns = [
    path("child/<int:pk>/", views.ChildSafetyView.as_view(), name="child"),
    path("child/<int:pk>/alerts/new/", views.AlertFormView.as_view(), name="alert_create"),
    path("child/<int:pk>/alerts/<int:alert_pk>/", views.AlertFormView.as_view(), name="alert_edit"),
    path(
        "child/<int:pk>/alerts/<int:alert_pk>/end/",
        views.AlertEndView.as_view(),
        name="alert_end",
    ),
    path(
        "child/<int:pk>/alerts/<int:alert_pk>/seen/",
        views.AlertSeenView.as_view(),
        name="alert_seen",
    ),
    path(
        "child/<int:pk>/details/<slug:field>/dealt-with/",
        views.WrittenHealthDealtWithView.as_view(),
        name="written_health_dealt_with",
    ),
    path(
        "child/<int:pk>/collectors/new/",
        views.CollectorCreateView.as_view(),
        name="collector_create",
    ),
    path(
        "child/<int:pk>/collectors/<int:collector_pk>/remove/",
        views.CollectorRemoveView.as_view(),
        name="collector_remove",
    ),
    path("child/<int:pk>/password/", views.CollectionPasswordView.as_view(), name="password"),
    path(
        "child/<int:pk>/must-not-collect/new/",
        views.MustNotCollectCreateView.as_view(),
        name="must_not_collect_create",
    ),
    path(
        "child/<int:pk>/must-not-collect/<int:entry_pk>/end/",
        views.MustNotCollectEndView.as_view(),
        name="must_not_collect_end",
    ),
    path(
        "child/<int:pk>/collecting/", views.CollectingTodayView.as_view(), name="collecting_today"
    ),
    path(
        "child/<int:pk>/collecting/<int:notice_pk>/withdraw/",
        views.CollectionNoticeWithdrawView.as_view(),
        name="collecting_withdraw",
    ),
    path("child/<int:pk>/sign-in/", views.SignInView.as_view(), name="sign_in"),
    path("child/<int:pk>/sign-out/", views.SignOutView.as_view(), name="sign_out"),
    path(
        "child/<int:pk>/accidents/new/", views.AccidentCreateView.as_view(), name="accident_create"
    ),
    path("rooms/", views.BoardIndexView.as_view(), name="boards"),
    path("rooms/<int:pk>/board/", views.BoardView.as_view(), name="board"),
    path("register/", views.RegisterView.as_view(), name="register"),
    path("register/print/", views.RegisterPrintView.as_view(), name="register_print"),
    path("accidents/", views.AccidentListView.as_view(), name="accidents"),
    path("accidents/<int:pk>/", views.AccidentDetailView.as_view(), name="accident_detail"),
    path(
        "accidents/<int:pk>/acknowledge/",
        views.AccidentAcknowledgeView.as_view(),
        name="accident_acknowledge",
    ),
    path(
        "accidents/<int:pk>/contacts/new/",
        views.ParentContactCreateView.as_view(),
        name="contact_create",
    ),
    path("reviews/", views.ReviewListView.as_view(), name="reviews"),
    path("reviews/<slug:kind>/<int:pk>/", views.ReviewView.as_view(), name="review"),
    path(
        "notifications/<int:pk>/done/",
        views.NotificationDoneView.as_view(),
        name="notification_done",
    ),
    path("dsl/<slug:kind>/<int:pk>/seen/", views.DslSeenView.as_view(), name="dsl_seen"),
]
