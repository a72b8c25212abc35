from django.urls import path

from .views import (
    agreements,
    collections,
    export,
    fundings,
    invoice_delivery,
    invoices,
    job_panel,
    payments,
    rebates,
    receivables,
    warranties,
)

app_name = "billing"

urlpatterns = [
    # invoices
    path("invoices/", invoices.InvoiceListView.as_view(), name="invoice_list"),
    path("invoices/<int:pk>/", invoices.InvoiceDetailView.as_view(), name="invoice_detail"),
    path("jobs/<int:pk>/invoice/draft/", invoices.InvoiceDraftView.as_view(), name="invoice_draft"),
    path("invoices/<int:pk>/header/", invoices.InvoiceHeaderView.as_view(), name="invoice_header"),
    path("invoices/<int:pk>/lines/add/", invoices.InvoiceLineAddView.as_view(), name="invoice_line_add"),
    path("invoice-lines/<int:pk>/edit/", invoices.InvoiceLineEditView.as_view(), name="invoice_line_edit"),
    path("invoice-lines/<int:pk>/remove/", invoices.InvoiceLineRemoveView.as_view(), name="invoice_line_remove"),
    path("invoices/<int:pk>/post/", invoices.InvoicePostView.as_view(), name="invoice_post"),
    path("invoices/<int:pk>/credit/", invoices.CreditNoteDraftView.as_view(), name="credit_note_draft"),
    path("invoices/<int:pk>/pdf/", invoices.InvoicePdfView.as_view(), name="invoice_pdf"),
    path("invoices/<int:pk>/pdf/again/", invoices.InvoicePdfRerenderView.as_view(), name="invoice_pdf_rerender"),
    path("invoices/<int:pk>/email/", invoice_delivery.InvoiceEmailView.as_view(), name="invoice_email"),
    path("invoices/<int:pk>/mail/", invoice_delivery.InvoiceMailView.as_view(), name="invoice_mail"),
    path("invoices/to-mail/", invoice_delivery.InvoiceMailQueueView.as_view(), name="invoice_mail_queue"),
    path(
        "invoices/to-mail/print/", invoice_delivery.InvoiceMailQueuePrintView.as_view(), name="invoice_mail_queue_print"
    ),
    path(
        "invoices/to-mail/mailed/",
        invoice_delivery.InvoiceMailQueueMailedView.as_view(),
        name="invoice_mail_queue_mailed",
    ),
    path("jobs/<int:pk>/invoices/", job_panel.JobInvoicePanelView.as_view(), name="job_invoice_panel"),
    path("jobs/<int:pk>/change-orders/add/", job_panel.ChangeOrderAddView.as_view(), name="change_order_add"),
    path("change-orders/<int:pk>/decide/", job_panel.ChangeOrderDecideView.as_view(), name="change_order_decide"),
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
    # rebates
    path("rebates/", rebates.RebateListView.as_view(), name="rebate_list"),
    path("jobs/<int:pk>/rebates/", rebates.JobRebatesPanelView.as_view(), name="job_rebates"),
    path("jobs/<int:pk>/rebates/open/", rebates.RebateOpenView.as_view(), name="rebate_open"),
    path("rebates/<int:pk>/submit/", rebates.RebateSubmitView.as_view(), name="rebate_submit"),
    path("rebates/<int:pk>/approve/", rebates.RebateApproveView.as_view(), name="rebate_approve"),
    path("rebates/<int:pk>/deny/", rebates.RebateDenyView.as_view(), name="rebate_deny"),
    path("rebates/<int:pk>/paid/", rebates.RebatePaidView.as_view(), name="rebate_paid"),
    # warranty registrations
    path("warranties/", warranties.WarrantyListView.as_view(), name="warranty_list"),
    path("jobs/<int:pk>/warranties/", warranties.JobWarrantiesPanelView.as_view(), name="job_warranties"),
    path("warranties/units/<int:pk>/register/", warranties.WarrantyRegisterView.as_view(), name="warranty_register"),
    # maintenance agreements
    path("agreements/", agreements.AgreementListView.as_view(), name="agreement_list"),
    path("agreements/<int:pk>/", agreements.AgreementDetailView.as_view(), name="agreement_detail"),
    path("agreements/new/job/<int:pk>/", agreements.AgreementEnterView.as_view(), name="agreement_enter"),
    path(
        "agreements/new/customer/<int:pk>/",
        agreements.AgreementEnterForCustomerView.as_view(),
        name="agreement_enter_for_customer",
    ),
    path("agreements/<int:pk>/renew/", agreements.AgreementRenewView.as_view(), name="agreement_renew"),
    path("agreements/<int:pk>/cancel/", agreements.AgreementCancelView.as_view(), name="agreement_cancel"),
    path("jobs/<int:pk>/agreements/", agreements.JobAgreementsPanelView.as_view(), name="job_agreements"),
    # receivables
    path("customers/<int:pk>/account/", receivables.CustomerAccountView.as_view(), name="customer_account"),
    path("customers/<int:pk>/statement.pdf", receivables.CustomerStatementPdfView.as_view(), name="customer_statement"),
    path(
        "customers/<int:pk>/collection-notes/", collections.CollectionNoteAddView.as_view(), name="collection_note_add"
    ),
    path("aging/", receivables.AgingView.as_view(), name="aging"),
    path("collections/", collections.CollectionListView.as_view(), name="collections"),
    path("export/", export.AccountingExportView.as_view(), name="export"),
]
