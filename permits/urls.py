from django.urls import path

from .views import inspections

app_name = "permits"

urlpatterns: list = [
    path("jobs/<int:job_pk>/inspections/", inspections.JobInspectionsPanelView.as_view(), name="job_inspections"),
    path(
        "jobs/<int:job_pk>/inspections/request/",
        inspections.InspectionRequestView.as_view(),
        name="inspection_request",
    ),
    path("inspections/<int:pk>/book/", inspections.InspectionBookView.as_view(), name="inspection_book"),
    path("inspections/<int:pk>/result/", inspections.InspectionResultView.as_view(), name="inspection_result"),
    path("inspections/<int:pk>/reconfirm/", inspections.InspectionReconfirmView.as_view(), name="inspection_reconfirm"),
]
