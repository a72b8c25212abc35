from django.urls import path

from .views import follow_up, inspections, jurisdictions, packets, title24
from .views import permit_panel as panel

app_name = "permits"

urlpatterns = [
    path("jobs/<int:pk>/permit/", panel.PermitPanelView.as_view(), name="permit_panel"),
    # The permit panel's steps, each posted by htmx and answered with the panel.
    path("jobs/<int:pk>/permit/open/", panel.PermitOpenView.as_view(), name="permit_open"),
    path("jobs/<int:pk>/permit/apply/", panel.PermitApplyView.as_view(), name="permit_apply"),
    path("jobs/<int:pk>/permit/issue/", panel.PermitIssueView.as_view(), name="permit_issue"),
    path("jobs/<int:pk>/permit/correct-number/", panel.PermitCorrectNumberView.as_view(), name="permit_correct_number"),
    path("jobs/<int:pk>/permit/reject/", panel.PermitRejectView.as_view(), name="permit_reject"),
    path("jobs/<int:pk>/permit/expire/", panel.PermitExpireView.as_view(), name="permit_expire"),
    path("jobs/<int:pk>/permit/finaled/", panel.PermitFinaledView.as_view(), name="permit_finaled"),
    path("jobs/<int:pk>/permit/document/", panel.PermitDocumentView.as_view(), name="permit_document"),
    path("jobs/<int:pk>/permit/exempt/", panel.PermitExemptView.as_view(), name="permit_exempt"),
    path(
        "jobs/<int:pk>/permit/withdraw-exemption/",
        panel.PermitExemptionWithdrawView.as_view(),
        name="permit_withdraw_exemption",
    ),
    path("jobs/<int:pk>/permit/override/", panel.PermitOverrideView.as_view(), name="permit_override"),
    path("jobs/<int:pk>/permit/jurisdiction/", panel.PermitJurisdictionView.as_view(), name="permit_jurisdiction"),
    path("jurisdictions/", jurisdictions.JurisdictionListView.as_view(), name="jurisdiction_list"),
    path("jurisdictions/new/", jurisdictions.JurisdictionCreateView.as_view(), name="jurisdiction_add"),
    path("jurisdictions/<int:pk>/edit/", jurisdictions.JurisdictionEditView.as_view(), name="jurisdiction_edit"),
    path("jobs/<int:pk>/inspections/", inspections.JobInspectionsPanelView.as_view(), name="job_inspections"),
    path(
        "jobs/<int:pk>/inspections/request/",
        inspections.InspectionRequestView.as_view(),
        name="inspection_request",
    ),
    path("inspections/<int:pk>/book/", inspections.InspectionBookView.as_view(), name="inspection_book"),
    path("inspections/<int:pk>/result/", inspections.InspectionResultView.as_view(), name="inspection_result"),
    path("inspections/<int:pk>/reconfirm/", inspections.InspectionReconfirmView.as_view(), name="inspection_reconfirm"),
    path("jobs/<int:pk>/title24/", title24.JobTitle24PanelView.as_view(), name="job_title24"),
    path("jobs/<int:pk>/title24/scope/", title24.Title24ScopeSetView.as_view(), name="title24_scope_set"),
    path("jobs/<int:pk>/title24/forms/", title24.Title24FormRecordView.as_view(), name="title24_form_record"),
    path("jobs/<int:pk>/hers/rater/", title24.HersRaterSetView.as_view(), name="hers_rater_set"),
    path("jobs/<int:pk>/hers/schedule/", title24.HersTestsScheduleView.as_view(), name="hers_tests_schedule"),
    path("jobs/<int:pk>/hers/result/", title24.HersTestResultView.as_view(), name="hers_test_result"),
    # The permit packet: the job page's panel and the packets to mail.
    path("jobs/<int:pk>/packet/", packets.PermitPacketPanelView.as_view(), name="packet_panel"),
    path("jobs/<int:pk>/packet/make/", packets.PermitPacketRequestView.as_view(), name="packet_request"),
    path("packets/<int:packet_pk>/download/", packets.PermitPacketDownloadView.as_view(), name="packet_download"),
    path("packets/<int:packet_pk>/print/", packets.PermitPacketPrintView.as_view(), name="packet_print"),
    path("packets/<int:packet_pk>/mailed/", packets.PermitPacketMailedView.as_view(), name="packet_mailed"),
    path("packets/to-mail/", packets.PermitPacketQueueView.as_view(), name="packet_queue"),
    path("packets/to-mail/print/", packets.PermitPacketQueuePrintView.as_view(), name="packet_queue_print"),
    path("packets/to-mail/mailed/", packets.PermitPacketQueueMailedView.as_view(), name="packet_queue_mailed"),
    # The install administrator's morning: what waits on the office, and the menu's count of it.
    path("follow-up/", follow_up.FollowUpListView.as_view(), name="follow_up"),
    path("follow-up/count/", follow_up.FollowUpCountView.as_view(), name="follow_up_count"),
]
