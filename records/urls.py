from django.urls import path

from records import views

app_name = "records"

urlpatterns = [
    # Anyone: their own data.
    path("my-data/", views.MyRequestsView.as_view(), name="my_requests"),
    path("my-data/ask/", views.AskView.as_view(), name="ask"),
    path("requests/<int:pk>/", views.RequestDetailView.as_view(), name="request_detail"),
    path("requests/<int:pk>/pack/", views.PackView.as_view(), name="pack"),
    path("requests/<int:pk>/pack.pdf", views.PackPdfView.as_view(), name="pack_pdf"),
    path("requests/<int:pk>/pack.json", views.PackJsonView.as_view(), name="pack_json"),
    # The manager (and the DSL for child-protection material).
    path("requests/", views.RequestListView.as_view(), name="request_list"),
    path("requests/record/", views.RecordRequestView.as_view(), name="request_record"),
    path("requests/<int:pk>/more-time/", views.ExtendView.as_view(), name="request_extend"),
    path(
        "requests/<int:pk>/child-protection/",
        views.ChildProtectionView.as_view(),
        name="request_child_protection",
    ),
    path("requests/<int:pk>/prepare/", views.PrepareView.as_view(), name="request_prepare"),
    path("requests/<int:pk>/deliver/", views.DeliverView.as_view(), name="request_deliver"),
    # Keeping records: the schedule, holds, disposal.
    path("keeping/", views.RetentionView.as_view(), name="retention"),
    path("keeping/<slug:kind>/change/", views.RetentionEditView.as_view(), name="retention_edit"),
    path("holds/new/", views.HoldCreateView.as_view(), name="hold_create"),
    path("holds/<int:pk>/lift/", views.HoldLiftView.as_view(), name="hold_lift"),
    path("disposal/scan/", views.DisposalScanView.as_view(), name="disposal_scan"),
    path(
        "disposal/<int:pk>/approve/",
        views.DisposalDecideView.as_view(approve=True),
        name="disposal_approve",
    ),
    path(
        "disposal/<int:pk>/dismiss/",
        views.DisposalDecideView.as_view(approve=False),
        name="disposal_dismiss",
    ),
    # Erasure and restriction.
    path("rights/", views.RightsListView.as_view(), name="rights_list"),
    path("rights/new/", views.RightsCreateView.as_view(), name="rights_create"),
    path("rights/<int:pk>/", views.RightsDetailView.as_view(), name="rights_detail"),
    path("rights/<int:pk>/decide/", views.RightsDecideView.as_view(), name="rights_decide"),
    path("rights/<int:pk>/lift/", views.RestrictionLiftView.as_view(), name="rights_lift"),
]
