from django.urls import path

from .views import fundings, payments

app_name = "billing"

urlpatterns = [
    # payments
    path("payments/", payments.PaymentListView.as_view(), name="payment_list"),
    path("payments/record/", payments.PaymentRecordStartView.as_view(), name="payment_record_start"),
    path("customers/<int:pk>/payments/record/", payments.PaymentRecordView.as_view(), name="payment_record"),
    path("payments/<int:pk>/", payments.PaymentDetailView.as_view(), name="payment_detail"),
    path("payments/<int:pk>/apply-credit/", payments.PaymentApplyCreditView.as_view(), name="payment_apply_credit"),
    path("payments/<int:pk>/refund/", payments.PaymentRefundView.as_view(), name="payment_refund"),
    path("payments/<int:pk>/void/", payments.PaymentVoidView.as_view(), name="payment_void"),
    path("payments/<int:pk>/reconcile/", payments.PaymentReconcileView.as_view(), name="payment_reconcile"),
    path("jobs/<int:pk>/payments/", payments.JobPaymentsPanelView.as_view(), name="job_payments"),
    # fundings: the list, the job page's panel and its steps (each posted by htmx, answered with the panel)
    path("fundings/", fundings.FundingListView.as_view(), name="funding_list"),
    path("jobs/<int:pk>/funding/", fundings.JobFundingPanelView.as_view(), name="job_funding"),
    path("jobs/<int:pk>/funding/open/", fundings.FundingOpenView.as_view(), name="funding_open"),
    path("jobs/<int:pk>/funding/certificate/", fundings.FundingCertificateView.as_view(), name="funding_certificate"),
    path("jobs/<int:pk>/funding/request/", fundings.FundingRequestView.as_view(), name="funding_request"),
    path("jobs/<int:pk>/funding/funded/", fundings.FundingFundedView.as_view(), name="funding_funded"),
    path("jobs/<int:pk>/funding/reconcile/", fundings.FundingReconcileView.as_view(), name="funding_reconcile"),
    path("jobs/<int:pk>/funding/cancel/", fundings.FundingCancelView.as_view(), name="funding_cancel"),
]
