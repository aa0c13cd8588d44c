"""The setting's life: no namespace, so its URL names stay as they were
(`policies`, `complaint_detail`, ...)."""

from django.urls import path

from nursery.setting.views import announcements, dashboard, involvement, policies, voice

urlpatterns = [
    path("dashboard/", dashboard.DashboardView.as_view(), name="dashboard"),
    path(
        "dashboard/details-unconfirmed/",
        dashboard.DetailsUnconfirmedView.as_view(),
        name="details_unconfirmed",
    ),
    path("policies/", policies.PolicyListView.as_view(), name="policies"),
    path("policies/overdue/", policies.PolicyOverdueView.as_view(), name="policies_overdue"),
    path("policies/new/", policies.PolicyCreateView.as_view(), name="policy_create"),
    path("policies/<int:pk>/", policies.PolicyDetailView.as_view(), name="policy_detail"),
    path("policies/<int:pk>/edit/", policies.PolicyEditView.as_view(), name="policy_edit"),
    path(
        "policies/<int:pk>/acknowledge/",
        policies.PolicyAcknowledgeView.as_view(),
        name="policy_acknowledge",
    ),
    path("events/", involvement.EventListView.as_view(), name="events"),
    path("events/new/", involvement.EventCreateView.as_view(), name="event_create"),
    path("events/<int:pk>/", involvement.EventDetailView.as_view(), name="event_detail"),
    path("events/<int:pk>/edit/", involvement.EventEditView.as_view(), name="event_edit"),
    path(
        "events/<int:pk>/cancel/",
        involvement.EventCancelSignupView.as_view(),
        name="event_cancel_signup",
    ),
    path("consultations/", voice.ConsultationListView.as_view(), name="consultations"),
    path("consultations/new/", voice.ConsultationCreateView.as_view(), name="consultation_create"),
    path(
        "consultations/<int:pk>/",
        voice.ConsultationDetailView.as_view(),
        name="consultation_detail",
    ),
    path(
        "consultations/<int:pk>/results/",
        voice.ConsultationResultsView.as_view(),
        name="consultation_results",
    ),
    path("suggestions/", voice.SuggestionListView.as_view(), name="suggestions"),
    path("suggestions/new/", voice.SuggestionCreateView.as_view(), name="suggestion_create"),
    path("suggestions/<int:pk>/", voice.SuggestionDetailView.as_view(), name="suggestion_detail"),
    path("complaints/", voice.ComplaintListView.as_view(), name="complaints"),
    path("complaints/due/", voice.ComplaintsDueView.as_view(), name="complaints_due"),
    path("complaints/new/", voice.ComplaintCreateView.as_view(), name="complaint_create"),
    path("complaints/export.csv", voice.ComplaintExportView.as_view(), name="complaints_export"),
    path("complaints/print/", voice.ComplaintPrintView.as_view(), name="complaints_print"),
    path("complaints/<int:pk>/", voice.ComplaintDetailView.as_view(), name="complaint_detail"),
    path("announcements/", announcements.AnnouncementListView.as_view(), name="announcements"),
    path(
        "announcements/new/",
        announcements.AnnouncementCreateView.as_view(),
        name="announcement_create",
    ),
    path(
        "announcements/<int:pk>/recipients/",
        announcements.AnnouncementRecipientsView.as_view(),
        name="announcement_recipients",
    ),
    path(
        "my/communication/",
        announcements.CommunicationNeedsView.as_view(),
        name="communication_needs",
    ),
]
