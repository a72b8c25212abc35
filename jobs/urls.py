from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("", views.JobListView.as_view(), name="job_list"),
    path("new/", views.JobCreateView.as_view(), name="job_create"),
    path("<int:pk>/", views.JobDetailView.as_view(), name="job_detail"),
    path("<int:pk>/edit/", views.JobEditView.as_view(), name="job_edit"),
    path("<int:pk>/status/", views.JobStatusChangeView.as_view(), name="job_status_change"),
    path("<int:pk>/documents/", views.DocumentUploadView.as_view(), name="document_upload"),
    path("<int:pk>/documents/<int:document_pk>/", views.DocumentFileView.as_view(), name="document_file"),
    path(
        "<int:pk>/documents/<int:document_pk>/thumbnail/",
        views.DocumentFileView.as_view(thumbnail=True),
        name="document_thumbnail",
    ),
    path("<int:pk>/documents/<int:document_pk>/remove/", views.DocumentRemoveView.as_view(), name="document_remove"),
    path("customers/", views.CustomerListView.as_view(), name="customer_list"),
    path("customers/<int:pk>/", views.CustomerDetailView.as_view(), name="customer_detail"),
]
