from django.urls import path

from families import views

app_name = "families"

urlpatterns = [
    path("", views.RosterView.as_view(), name="roster"),
    path("new/", views.ChildCreateView.as_view(), name="child_create"),
    path("<int:pk>/", views.ChildDetailView.as_view(), name="child_detail"),
    path("<int:pk>/edit/", views.ChildUpdateView.as_view(), name="child_edit"),
    path("<int:pk>/details/", views.DetailsUpdateView.as_view(), name="details_edit"),
    path("<int:pk>/details/confirm/", views.DetailsConfirmView.as_view(), name="details_confirm"),
    path("<int:pk>/details/history/", views.DetailsHistoryView.as_view(), name="details_history"),
    path("<int:pk>/key-person/", views.KeyPersonView.as_view(), name="key_person"),
    path("<int:pk>/parents/add/", views.ParentLinkCreateView.as_view(), name="link_create"),
    path(
        "<int:child_pk>/parents/<int:pk>/",
        views.ParentLinkUpdateView.as_view(),
        name="link_edit",
    ),
]
