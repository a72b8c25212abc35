from django.urls import path

from .views import visit as views

app_name = "field"

urlpatterns = [
    # The phone view (all under /field/ so the service worker's scope covers it).
    path("", views.MyDayView.as_view(), name="my_day"),
    path("sw.js", views.ServiceWorkerView.as_view(), name="service_worker"),
    path("visits/<int:pk>/", views.VisitDetailView.as_view(), name="visit_detail"),
    path("visits/<int:pk>/status/", views.VisitStatusView.as_view(), name="visit_status"),
    path("visits/<int:pk>/notes/", views.VisitNoteView.as_view(), name="visit_note"),
    path("visits/<int:pk>/photos/", views.VisitPhotoView.as_view(), name="visit_photo"),
    path("visits/<int:pk>/equipment/", views.VisitEquipmentView.as_view(), name="visit_equipment"),
    path("visits/<int:pk>/inspection/", views.VisitInspectionRequestView.as_view(), name="visit_inspection"),
    path("visits/<int:pk>/signoff/", views.VisitSignoffView.as_view(), name="visit_signoff"),
    path("visits/<int:pk>/documents/<int:document_pk>/", views.VisitDocumentView.as_view(), name="visit_document"),
    path(
        "visits/<int:pk>/documents/<int:document_pk>/thumbnail/",
        views.VisitDocumentView.as_view(thumbnail=True),
        name="visit_document_thumbnail",
    ),
    path("visits/<int:pk>/work-order/", views.VisitSheetView.as_view(sheet="work_order"), name="visit_work_order"),
    path(
        "visits/<int:pk>/confirmation-sheet/",
        views.VisitSheetView.as_view(sheet="confirmation_sheet"),
        name="visit_confirmation_sheet",
    ),
    # Generated paperwork and the job-folder PDF, for the office's job page.
    path("jobs/<int:pk>/work-order/", views.JobSheetView.as_view(sheet="work_order"), name="job_work_order"),
    path("jobs/<int:pk>/work-order.pdf", views.JobSheetPdfView.as_view(sheet="work_order"), name="job_work_order_pdf"),
    path(
        "jobs/<int:pk>/confirmation-sheet/",
        views.JobSheetView.as_view(sheet="confirmation_sheet"),
        name="job_confirmation_sheet",
    ),
    path(
        "jobs/<int:pk>/confirmation-sheet.pdf",
        views.JobSheetPdfView.as_view(sheet="confirmation_sheet"),
        name="job_confirmation_sheet_pdf",
    ),
    path("jobs/<int:pk>/folder/", views.JobFolderPanelView.as_view(), name="job_folder_panel"),
    path("jobs/<int:pk>/folder/print/", views.JobFolderPrintView.as_view(), name="job_folder_print"),
    path("jobs/<int:pk>/folder/latest.pdf", views.JobFolderLatestView.as_view(), name="job_folder_latest"),
    path("folders/<int:render_pk>/", views.JobFolderRenderStatusView.as_view(), name="job_folder_render_status"),
    path("folders/<int:render_pk>/download/", views.JobFolderDownloadView.as_view(), name="job_folder_download"),
    path("inspection-requests/", views.InspectionRequestListView.as_view(), name="inspection_request_list"),
    path(
        "inspection-requests/<int:pk>/handled/",
        views.InspectionRequestHandledView.as_view(),
        name="inspection_request_handled",
    ),
]
