from django.urls import path

from .views import jurisdictions

app_name = "permits"

urlpatterns: list = []
urlpatterns += [
    path("jurisdictions/", jurisdictions.JurisdictionListView.as_view(), name="jurisdiction_list"),
    path("jurisdictions/new/", jurisdictions.JurisdictionCreateView.as_view(), name="jurisdiction_add"),
    path("jurisdictions/<int:pk>/edit/", jurisdictions.JurisdictionEditView.as_view(), name="jurisdiction_edit"),
]
