from django.urls import path

from .views import folders, my_day, offline, sheets, visit

app_name = "field"

urlpatterns = [
    # The phone view (all under /field/ so the service worker's scope covers it).
    path("", my_day.MyDayView.as_view(), name="my_day"),
    path("sw.js", offline.ServiceWorkerView.as_view(), name="service_worker"),
    path("visits/<int:pk>/", visit.VisitDetailView.as_view(), name="visit_detail"),
    path("visits/<int:pk>/status/", visit.VisitStatusView.as_view(), name="visit_status"),
    path("visits/<int:pk>/notes/", visit.VisitNoteView.as_view(), name="visit_note"),
    path("visits/<int:pk>/photos/", visit.VisitPhotoView.as_view(), name="visit_photo"),
    path("visits/<int:pk>/equipment/", visit.VisitEquipmentView.as_view(), name="visit_equipment"),
    path("visits/<int:pk>/inspection/", visit.VisitInspectionRequestView.as_view(), name="visit_inspection"),
    path("visits/<int:pk>/signoff/", visit.VisitSignoffView.as_view(), name="visit_signoff"),
    path("visits/<int:pk>/documents/<int:document_pk>/", visit.VisitDocumentView.as_view(), name="visit_document"),
    path(
        "visits/<int:pk>/documents/<int:document_pk>/thumbnail/",
        visit.VisitDocumentView.as_view(thumbnail=True),
        name="visit_document_thumbnail",
    ),
    path("visits/<int:pk>/work-order/", sheets.VisitSheetView.as_view(sheet="work_order"), name="visit_work_order"),
    path(
        "visits/<int:pk>/confirmation-sheet/",
        sheets.VisitSheetView.as_view(sheet="confirmation_sheet"),
        name="visit_confirmation_sheet",
    ),
    # Generated paperwork and the job-folder PDF, for the office's job page.
    path("jobs/<int:pk>/work-order/", sheets.JobSheetView.as_view(sheet="work_order"), name="job_work_order"),
    path("jobs/<int:pk>/work-order.pdf", sheets.JobSheetPdfView.as_view(sheet="work_order"), name="job_work_order_pdf"),
    path(
        "jobs/<int:pk>/confirmation-sheet/",
        sheets.JobSheetView.as_view(sheet="confirmation_sheet"),
        name="job_confirmation_sheet",
    ),
    path(
        "jobs/<int:pk>/confirmation-sheet.pdf",
        sheets.JobSheetPdfView.as_view(sheet="confirmation_sheet"),
        name="job_confirmation_sheet_pdf",
    ),
    path("jobs/<int:pk>/folder/", folders.JobFolderPanelView.as_view(), name="job_folder_panel"),
    path("jobs/<int:pk>/folder/print/", folders.JobFolderPrintView.as_view(), name="job_folder_print"),
    path("jobs/<int:pk>/folder/latest.pdf", folders.JobFolderLatestView.as_view(), name="job_folder_latest"),
    path("folders/<int:render_pk>/", folders.JobFolderRenderStatusView.as_view(), name="job_folder_render_status"),
    path("folders/<int:render_pk>/download/", folders.JobFolderDownloadView.as_view(), name="job_folder_download"),
    path(
        "folders/<int:render_pk>/send-to-printer/",
        folders.JobFolderSendToPrinterView.as_view(),
        name="job_folder_send_to_printer",
    ),
]
