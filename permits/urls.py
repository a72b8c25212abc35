from django.urls import path

from .views import title24

app_name = "permits"

urlpatterns: list = []

urlpatterns += [
    path("jobs/<int:job_pk>/title24/", title24.JobTitle24PanelView.as_view(), name="job_title24"),
    path("jobs/<int:job_pk>/title24/scope/", title24.Title24ScopeSetView.as_view(), name="title24_scope_set"),
    path("jobs/<int:job_pk>/title24/forms/", title24.Title24FormRecordView.as_view(), name="title24_form_record"),
    path("jobs/<int:job_pk>/hers/rater/", title24.HersRaterSetView.as_view(), name="hers_rater_set"),
    path("jobs/<int:job_pk>/hers/schedule/", title24.HersTestsScheduleView.as_view(), name="hers_tests_schedule"),
    path("jobs/<int:job_pk>/hers/result/", title24.HersTestResultView.as_view(), name="hers_test_result"),
]
