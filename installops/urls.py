"""The project's URL map: the one module that names every app's URLconf."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from .access import public
from .signin import SignInView

urlpatterns = [
    path("", include("people.urls")),
    # Django's sign-in and sign-out pages cannot take the access mixin; they are public by nature.
    path("login/", public(SignInView.as_view()), name="login"),
    path("logout/", public(auth_views.LogoutView.as_view()), name="logout"),
    path("jobs/", include("jobs.urls")),
    path("notifications/", include("notifications.urls")),
    path("field/", include("field.urls")),
    path("scheduling/", include("scheduling.urls")),
    path("permits/", include("permits.urls")),
    path("billing/", include("billing.urls")),
    path("", include("installops.health.urls")),
    path("printing/", include("installops.printing.urls")),
    path("admin/", admin.site.urls),
]
