from django.urls import path

from .views import visits as views

app_name = "scheduling"

urlpatterns = [
    path("board/", views.BoardView.as_view(), name="board"),
    path("unscheduled/", views.UnscheduledView.as_view(), name="unscheduled"),
    path("time-off/", views.TimeOffView.as_view(), name="time_off"),
    path("jobs/<int:job_pk>/book/", views.VisitBookView.as_view(), name="visit_book"),
    path("jobs/<int:job_pk>/visits/", views.JobVisitsPanelView.as_view(), name="job_visits_panel"),
    path(
        "jobs/<int:job_pk>/subcontractors/new/",
        views.SubcontractorBookingCreateView.as_view(),
        name="subcontractor_booking_create",
    ),
    path("visits/<int:pk>/", views.VisitDetailView.as_view(), name="visit_detail"),
    path("visits/<int:pk>/move/", views.VisitMoveView.as_view(), name="visit_move"),
    path("visits/<int:pk>/status/", views.VisitStatusView.as_view(), name="visit_status"),
    path("visits/<int:pk>/reschedule/", views.VisitRescheduleView.as_view(), name="visit_reschedule"),
    path("visits/<int:pk>/close-out/", views.VisitCloseoutView.as_view(), name="visit_closeout"),
]
