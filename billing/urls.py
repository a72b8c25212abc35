from django.urls import path

from .views import invoice_delivery, invoices, job_panel

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
]
