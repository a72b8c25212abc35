from django.urls import path

from installops.health import views

app_name = "installops"

urlpatterns = [
    path("health/", views.HealthView.as_view(), name="health"),
    path("status/", views.SystemStatusView.as_view(), name="system_status"),
]
