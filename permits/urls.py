from django.urls import path

from .views import permit_panel as panel

app_name = "permits"

urlpatterns = [
    path("jobs/<int:pk>/permit/", panel.PermitPanelView.as_view(), name="permit_panel"),
    # The permit panel's steps, each posted by htmx and answered with the panel.
    path("jobs/<int:pk>/permit/open/", panel.PermitOpenView.as_view(), name="permit_open"),
    path("jobs/<int:pk>/permit/apply/", panel.PermitApplyView.as_view(), name="permit_apply"),
    path("jobs/<int:pk>/permit/issue/", panel.PermitIssueView.as_view(), name="permit_issue"),
    path("jobs/<int:pk>/permit/correct-number/", panel.PermitCorrectNumberView.as_view(), name="permit_correct_number"),
    path("jobs/<int:pk>/permit/reject/", panel.PermitRejectView.as_view(), name="permit_reject"),
    path("jobs/<int:pk>/permit/expire/", panel.PermitExpireView.as_view(), name="permit_expire"),
    path("jobs/<int:pk>/permit/finaled/", panel.PermitFinaledView.as_view(), name="permit_finaled"),
    path("jobs/<int:pk>/permit/document/", panel.PermitDocumentView.as_view(), name="permit_document"),
    path("jobs/<int:pk>/permit/exempt/", panel.PermitExemptView.as_view(), name="permit_exempt"),
    path(
        "jobs/<int:pk>/permit/withdraw-exemption/",
        panel.PermitExemptionWithdrawView.as_view(),
        name="permit_withdraw_exemption",
    ),
    path("jobs/<int:pk>/permit/override/", panel.PermitOverrideView.as_view(), name="permit_override"),
    path("jobs/<int:pk>/permit/jurisdiction/", panel.PermitJurisdictionView.as_view(), name="permit_jurisdiction"),
]
