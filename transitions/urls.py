from django.urls import path

from transitions import views

app_name = "transitions"

urlpatterns = [
    path("schools/", views.SchoolListView.as_view(), name="school_list"),
    path("schools/new/", views.SchoolCreateView.as_view(), name="school_create"),
    path("schools/<int:pk>/", views.SchoolDetailView.as_view(), name="school_detail"),
    path("schools/<int:pk>/edit/", views.SchoolUpdateView.as_view(), name="school_edit"),
    path(
        "schools/<int:pk>/contacts/new/", views.ContactCreateView.as_view(), name="contact_create"
    ),
    path(
        "schools/<int:pk>/activities/new/",
        views.ActivityCreateView.as_view(),
        name="activity_create",
    ),
    path("schools/<int:pk>/review/", views.SchoolReviewCreateView.as_view(), name="review_create"),
    path("moves/", views.MoveListView.as_view(), name="move_list"),
    path("child/<int:child_pk>/move/new/", views.MoveCreateView.as_view(), name="move_create"),
    path("moves/<int:pk>/", views.MoveDetailView.as_view(), name="move_detail"),
    path("moves/<int:pk>/edit/", views.MoveUpdateView.as_view(), name="move_edit"),
    path("moves/<int:pk>/events/new/", views.EventCreateView.as_view(), name="event_create"),
    path(
        "moves/<int:pk>/events/<int:event_pk>/outcome/",
        views.EventOutcomeView.as_view(),
        name="event_outcome",
    ),
    path("moves/<int:pk>/views/new/", views.ParentViewCreateView.as_view(), name="view_create"),
    path("moves/<int:pk>/summary/", views.SummaryView.as_view(), name="move_summary"),
    path("moves/<int:pk>/pack/new/", views.TransferPrepareView.as_view(), name="transfer_prepare"),
    path("transfers/", views.TransferListView.as_view(), name="transfer_list"),
    path("transfers/<int:pk>/", views.TransferDetailView.as_view(), name="transfer_detail"),
    path("transfers/<int:pk>/change/", views.TransferChangeView.as_view(), name="transfer_change"),
    path("transfers/<int:pk>/pack/", views.TransferPackView.as_view(), name="transfer_pack"),
    path("transfers/<int:pk>/pack.pdf", views.TransferPdfView.as_view(), name="transfer_pdf"),
    path(
        "transfers/<int:pk>/consent/", views.TransferConsentView.as_view(), name="transfer_consent"
    ),
    path(
        "transfers/<int:pk>/consent/withdraw/",
        views.TransferConsentWithdrawView.as_view(),
        name="transfer_consent_withdraw",
    ),
    path("transfers/<int:pk>/sent/", views.TransferSentView.as_view(), name="transfer_sent"),
    path(
        "transfers/<int:pk>/received/",
        views.TransferReceivedView.as_view(),
        name="transfer_received",
    ),
    path("cp-files/", views.HandoverListView.as_view(), name="handover_list"),
    path(
        "child/<int:child_pk>/cp-file/new/",
        views.HandoverCreateView.as_view(),
        name="handover_create",
    ),
    path("cp-files/<int:pk>/", views.HandoverDetailView.as_view(), name="handover_detail"),
    path(
        "cp-files/<int:pk>/received/", views.HandoverReceiptView.as_view(), name="handover_receipt"
    ),
    path(
        "child/<int:child_pk>/leaver-records/",
        views.LeaverRecordsView.as_view(),
        name="leaver_records",
    ),
    path(
        "child/<int:child_pk>/leaver-records.pdf",
        views.LeaverRecordsPdfView.as_view(),
        name="leaver_records_pdf",
    ),
]
