"""The accounting export: pick a range, get the CSV (docs/accounting-export.md)."""

from django.http import HttpResponse
from django.views.generic import TemplateView

from installops.access import AccessControlMixin

from .. import selectors
from ..forms.receivables import ExportForm


class AccountingExportView(AccessControlMixin, TemplateView):
    """Without dates: the form. With a valid range: the file, the same bytes every time."""

    permission_required = "billing.export_accounting"
    template_name = "billing/receivables/export.html"

    def get(self, request, *args, **kwargs):
        form = ExportForm(request.GET or None)
        if form.is_bound and form.is_valid():
            start, end = form.cleaned_data["start"], form.cleaned_data["end"]
            response = HttpResponse(
                selectors.accounting_export_csv(start=start, end=end), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = (
                f'attachment; filename="accounting-{start:%Y-%m-%d}-to-{end:%Y-%m-%d}.csv"'
            )
            response["Cache-Control"] = "private, no-store"
            return response
        status = 400 if form.is_bound else 200
        return self.render_to_response(self.get_context_data(form=form), status=status)
