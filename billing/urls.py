from django.urls import path

from .views import collections, export, receivables

app_name = "billing"

urlpatterns: list = [
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
