from django.urls import path

from safeguarding import views

app_name = "safeguarding"

urlpatterns = [
    path("concerns/new/", views.ConcernCreateView.as_view(), name="concern_create"),
    path("concerns/mine/", views.MyConcernsView.as_view(), name="my_concerns"),
    path("concerns/", views.ConcernListView.as_view(), name="concern_list"),
    path("concerns/<int:pk>/", views.ConcernDetailView.as_view(), name="concern_detail"),
    path("concerns/<int:pk>/decide/", views.DecisionCreateView.as_view(), name="decision_create"),
    path("concerns/<int:pk>/referral/", views.ReferralCreateView.as_view(), name="referral_create"),
    path("referrals/", views.ReferralListView.as_view(), name="referral_list"),
    path("referrals/<int:pk>/", views.ReferralDetailView.as_view(), name="referral_detail"),
    path("tasks/", views.TasksDueView.as_view(), name="cp_tasks_due"),
    path("children/", views.StatusChildrenView.as_view(), name="status_children"),
    path("children/<int:child_pk>/", views.ChildSafeguardingView.as_view(), name="child"),
    path(
        "children/<int:child_pk>/status/new/",
        views.StatusCreateView.as_view(),
        name="status_create",
    ),
    path("statuses/<int:pk>/end/", views.StatusEndView.as_view(), name="status_end"),
    path(
        "children/<int:child_pk>/chronology/",
        views.ChronologyView.as_view(),
        name="chronology",
    ),
    path(
        "children/<int:child_pk>/chronology.pdf",
        views.ChronologyPdfView.as_view(),
        name="chronology_pdf",
    ),
    path("who-read/", views.RestrictedAuditView.as_view(), name="audit"),
]
