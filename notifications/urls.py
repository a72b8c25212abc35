from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    # No-login links carried by messages.
    path("c/<str:token>/", views.VisitConfirmView.as_view(), name="visit_confirm"),
    path("p/<str:token>/", views.PageAcknowledgeView.as_view(), name="page_acknowledge"),
    # The office.
    path("confirmations/", views.ConfirmationWorklistView.as_view(), name="confirmation_worklist"),
    path("confirmations/visits/<int:visit_id>/calls/", views.ConfirmationCallLogView.as_view(), name="call_log"),
    path("page-outs/", views.PageWorklistView.as_view(), name="page_worklist"),
    path("page-outs/<int:pk>/send/", views.CrewPageSendAgainView.as_view(), name="page_send_again"),
    path(
        "page-outs/<int:pk>/acknowledge/",
        views.CrewPageAcknowledgeByPhoneView.as_view(),
        name="page_acknowledge_by_phone",
    ),
    path("page-outs/<int:pk>/messages/", views.CrewPageMessagesView.as_view(), name="page_messages"),
    path("messages/<int:pk>/resend/", views.MessageResendView.as_view(), name="message_resend"),
    path("jobs/<int:job_id>/messages/", views.JobMessagesPanelView.as_view(), name="job_messages"),
]
