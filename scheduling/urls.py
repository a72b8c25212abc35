from django.urls import path

from .views import board, booking, closeout, time_off, visits

app_name = "scheduling"

urlpatterns = [
    path("board/", board.BoardView.as_view(), name="board"),
    path("unscheduled/", booking.UnscheduledView.as_view(), name="unscheduled"),
    path("time-off/", time_off.TimeOffView.as_view(), name="time_off"),
    path("jobs/<int:job_pk>/book/", booking.VisitBookView.as_view(), name="visit_book"),
    path("jobs/<int:job_pk>/visits/", visits.JobVisitsPanelView.as_view(), name="job_visits_panel"),
    path(
        "jobs/<int:job_pk>/subcontractors/new/",
        booking.SubcontractorBookingCreateView.as_view(),
        name="subcontractor_booking_create",
    ),
    path("visits/<int:pk>/", visits.VisitDetailView.as_view(), name="visit_detail"),
    path("visits/<int:pk>/move/", board.VisitMoveView.as_view(), name="visit_move"),
    path("visits/<int:pk>/status/", visits.VisitStatusView.as_view(), name="visit_status"),
    path("visits/<int:pk>/reschedule/", visits.VisitRescheduleView.as_view(), name="visit_reschedule"),
    path("visits/<int:pk>/close-out/", closeout.VisitCloseoutView.as_view(), name="visit_closeout"),
]
