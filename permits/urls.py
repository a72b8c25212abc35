from django.urls import path

from .views import packets

app_name = "permits"

urlpatterns: list = [
    # The permit packet: the job page's panel and the packets to mail.
    path("jobs/<int:pk>/packet/", packets.PermitPacketPanelView.as_view(), name="packet_panel"),
    path("jobs/<int:pk>/packet/make/", packets.PermitPacketRequestView.as_view(), name="packet_request"),
    path("packets/<int:packet_pk>/download/", packets.PermitPacketDownloadView.as_view(), name="packet_download"),
    path("packets/<int:packet_pk>/print/", packets.PermitPacketPrintView.as_view(), name="packet_print"),
    path("packets/<int:packet_pk>/mailed/", packets.PermitPacketMailedView.as_view(), name="packet_mailed"),
    path("packets/to-mail/", packets.PermitPacketQueueView.as_view(), name="packet_queue"),
    path("packets/to-mail/print/", packets.PermitPacketQueuePrintView.as_view(), name="packet_queue_print"),
    path("packets/to-mail/mailed/", packets.PermitPacketQueueMailedView.as_view(), name="packet_queue_mailed"),
]
