from django.urls import path

from consents import views

app_name = "consents"

urlpatterns = [
    path("", views.MyConsentsView.as_view(), name="mine"),
    path("purposes/", views.ConsentTypeListView.as_view(), name="type_list"),
    path("purposes/new/", views.ConsentTypeCreateView.as_view(), name="type_create"),
    path("purposes/<int:pk>/edit/", views.ConsentTypeUpdateView.as_view(), name="type_edit"),
    path("expiring/", views.ExpiringView.as_view(), name="expiring"),
    path("outings/", views.OutingView.as_view(), name="outings"),
    path("child/<int:pk>/", views.ChildConsentsView.as_view(), name="child_consents"),
    path("child/<int:pk>/history/", views.ConsentHistoryView.as_view(), name="history"),
    path("child/<int:pk>/purpose/<int:type_pk>/", views.DecideView.as_view(), name="decide"),
    path(
        "child/<int:pk>/purpose/<int:type_pk>/withdraw/",
        views.WithdrawView.as_view(),
        name="withdraw",
    ),
    path(
        "child/<int:pk>/purpose/<int:type_pk>/record/",
        views.RecordDecisionView.as_view(),
        name="record",
    ),
    path("child/<int:pk>/medication/", views.MedicationView.as_view(), name="medication"),
    path(
        "child/<int:pk>/medication/new/",
        views.PermissionCreateView.as_view(),
        name="permission_create",
    ),
    path(
        "child/<int:pk>/medication/<int:perm_pk>/stop/",
        views.PermissionStopView.as_view(),
        name="permission_stop",
    ),
    path("child/<int:pk>/medication/dose/", views.DoseCreateView.as_view(), name="dose_create"),
    path(
        "child/<int:pk>/medication/incident/",
        views.MedicationIncidentCreateView.as_view(),
        name="medication_incident_create",
    ),
    path(
        "doses/<int:pk>/acknowledge/",
        views.DoseAcknowledgeView.as_view(),
        name="dose_acknowledge",
    ),
]
