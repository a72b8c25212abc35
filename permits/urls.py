from django.urls import path

from .views import follow_up

app_name = "permits"

urlpatterns: list = []
urlpatterns += [
    path("follow-up/", follow_up.FollowUpListView.as_view(), name="follow_up"),
    path("follow-up/count/", follow_up.FollowUpCountView.as_view(), name="follow_up_count"),
]
