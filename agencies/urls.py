from django.urls import path

from agencies import views

app_name = "agencies"

urlpatterns = [
    path("", views.DirectoryView.as_view(), name="directory"),
    path("new/", views.AgencyCreateView.as_view(), name="agency_create"),
    path("<int:pk>/", views.AgencyDetailView.as_view(), name="agency_detail"),
    path("<int:pk>/edit/", views.AgencyUpdateView.as_view(), name="agency_edit"),
    path("<int:pk>/contacts/new/", views.ContactCreateView.as_view(), name="contact_create"),
    path("<int:pk>/review/", views.AgencyReviewCreateView.as_view(), name="review_create"),
    path("reviews/", views.ReviewsDueView.as_view(), name="reviews_due"),
    path(
        "children/<int:child_pk>/signpost/",
        views.SignpostCreateView.as_view(),
        name="signpost_create",
    ),
    path("children/<int:child_pk>/", views.ChildRecordsView.as_view(), name="child_records"),
    path(
        "children/<int:child_pk>/sharing/new/",
        views.SharingCreateView.as_view(),
        name="sharing_create",
    ),
    path("sharing/<int:pk>/", views.SharingDetailView.as_view(), name="sharing_detail"),
    path(
        "children/<int:child_pk>/third-party/new/",
        views.ThirdPartyCreateView.as_view(),
        name="third_party_create",
    ),
    path("third-party/<int:pk>/", views.ThirdPartyDetailView.as_view(), name="third_party_detail"),
    path(
        "third-party/consents/<int:pk>/withdraw/",
        views.ConsentWithdrawView.as_view(),
        name="consent_withdraw",
    ),
    path(
        "children/<int:child_pk>/visits/new/",
        views.VisitCreateView.as_view(),
        name="visit_create",
    ),
    path("visits/<int:pk>/", views.VisitDetailView.as_view(), name="visit_detail"),
]
