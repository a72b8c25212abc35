from django.urls import path

from . import views

app_name = "printing"

urlpatterns = [
    path("", views.PrintJobListView.as_view(), name="print_job_list"),
]
