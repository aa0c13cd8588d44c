from django.urls import include, path

from families import views

app_name = "families"

# The partnership with parents around one child.
child_patterns = [
    path("meetings/", views.MeetingListView.as_view(), name="meetings"),
    path("meetings/new/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("meetings/ask/", views.MeetingRequestCreateView.as_view(), name="meeting_request"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.MeetingEditView.as_view(), name="meeting_edit"),
    path(
        "meetings/<int:pk>/comment/",
        views.RecordCommentView.as_view(kind="meeting"),
        name="meeting_comment",
    ),
    path(
        "meetings/<int:pk>/read/",
        views.RecordReadView.as_view(kind="meeting"),
        name="meeting_read",
    ),
    path("actions/<int:pk>/done/", views.ActionDoneView.as_view(), name="action_done"),
    path(
        "meeting-requests/<int:pk>/answer/",
        views.MeetingRequestAnswerView.as_view(),
        name="request_answer",
    ),
    path("progress/", views.ReviewListView.as_view(), name="reviews"),
    path("progress/new/", views.ProgressReviewCreateView.as_view(), name="review_create"),
    path("progress/<int:pk>/", views.ReviewDetailView.as_view(), name="review_detail"),
    path("progress/<int:pk>/edit/", views.ProgressReviewEditView.as_view(), name="review_edit"),
    path(
        "progress/<int:pk>/comment/",
        views.RecordCommentView.as_view(kind="review"),
        name="review_comment",
    ),
    path(
        "progress/<int:pk>/read/",
        views.RecordReadView.as_view(kind="review"),
        name="review_read",
    ),
    path("progress/<int:pk>/sign-off/", views.CheckSignOffView.as_view(), name="review_sign_off"),
    path(
        "progress/<int:pk>/health-visitor/",
        views.HealthVisitorShareView.as_view(),
        name="review_health_visitor",
    ),
    path("support-plans/", views.PlanListView.as_view(), name="plans"),
    path("support-plans/new/", views.PlanCreateView.as_view(), name="plan_create"),
    path("support-plans/<int:pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("support-plans/<int:pk>/edit/", views.PlanEditView.as_view(), name="plan_edit"),
    path(
        "support-plans/<int:pk>/review/",
        views.PlanReviewCreateView.as_view(),
        name="plan_review",
    ),
    path(
        "support-plans/<int:pk>/comment/",
        views.RecordCommentView.as_view(kind="plan"),
        name="plan_comment",
    ),
    path(
        "support-plans/<int:pk>/read/",
        views.RecordReadView.as_view(kind="plan"),
        name="plan_read",
    ),
    path("settling-in/", views.SettlingView.as_view(), name="settling"),
    path("settling-in/edit/", views.SettlingEditView.as_view(), name="settling_edit"),
    path(
        "settling-in/comment/",
        views.RecordCommentView.as_view(kind="settling"),
        name="settling_comment",
    ),
    path(
        "settling-in/read/",
        views.RecordReadView.as_view(kind="settling"),
        name="settling_read",
    ),
    path("messages/", views.NoticeListView.as_view(), name="notices"),
    path("messages/new/", views.NoticeCreateView.as_view(), name="notice_create"),
    path("messages/<int:pk>/seen/", views.NoticeSeenView.as_view(), name="notice_seen"),
    path("messages/<int:pk>/answer/", views.NoticeAnswerView.as_view(), name="notice_answer"),
    path("child-protection/", views.CPTaskListView.as_view(), name="cp_tasks"),
    path("child-protection/new/", views.CPTaskCreateView.as_view(), name="cp_task_create"),
    path("child-protection/<int:pk>/", views.CPTaskEditView.as_view(), name="cp_task_edit"),
]

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
        "<int:pk>/parents/households/confirm/",
        views.HouseholdsConfirmView.as_view(),
        name="households_confirm",
    ),
    path(
        "<int:child_pk>/parents/<int:pk>/",
        views.ParentLinkUpdateView.as_view(),
        name="link_edit",
    ),
    path("follow-up/meetings/", views.MeetingsOverdueView.as_view(), name="meetings_overdue"),
    path("follow-up/checks/", views.ChecksDueView.as_view(), name="checks_due"),
    path("follow-up/progress/", views.ReviewsDueView.as_view(), name="reviews_due"),
    path("messages/", views.NoticeInboxView.as_view(), name="inbox"),
    path("yours/", views.MyChildrenView.as_view(), name="my_children"),
    path("yours/messages/", views.MyMessagesView.as_view(), name="my_messages"),
    path("<int:child_pk>/", include(child_patterns)),
]
