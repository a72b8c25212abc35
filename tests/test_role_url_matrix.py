"""Every page of the project, asked for by every role, with real objects: who gets what.

`EXPECTED` is the whole decision in one table. A URL pattern that is not in it fails the suite, so a
new page is added here, with its answer for each role, in the same change that adds the page.

Each row: the URL name, the method (GET; POST with no data for endpoints that only take a POST,
where "allowed" is the form's validation answer, 400 or a redirect), the URL's arguments in order
(entries of the `objects` fixture), then the answer for each role in `ROLES` order. `LOGIN` is a
redirect to the sign-in page. The objects: `job` was sold by `salesperson` and is booked on `installer`'s crew;
`other_installer` and `other_salesperson` have work of their own, not on that job.
"""

import uuid

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from conftest import make_staff
from field.models import FieldNote, JobFolderRender
from installops.access import AccessControlMixin
from notifications import links
from notifications.models import CrewPage
from people.choices import EmployeeRole
from permits.models import Inspection
from tests.billing.factories import ChangeOrderFactory, InvoiceFactory, InvoiceLineFactory, PaymentFactory
from tests.billing.program_factories import InstalledEquipmentFactory, MaintenanceAgreementFactory, RebateFactory
from tests.jobs.factories import JobFactory
from tests.jobs.files import add_document, image_bytes
from tests.notifications.factories import MessageFactory, visit_on
from tests.permits.factories import JurisdictionFactory, PermitPacketFactory
from tests.scheduling.factories import VisitFactory

pytestmark = pytest.mark.django_db

GET, POST = "GET", "POST"
LOGIN = "sign in"

ROLES = ("anonymous", "coordinator", "accounting", "installer", "other_installer", "salesperson", "other_salesperson")

# fmt: off
EXPECTED = {
    # URL name                                 method URL arguments         anon   coord acct inst other sales other
    "home":                                    (GET,  "",                   LOGIN, 302,  302,  302,  302,  302,  302),
    "login":                                   (GET,  "",                   200,   302,  302,  302,  302,  302,  302),
    # Signing out ends on the sign-in page, whoever asks.
    "logout":                                  (POST, "", LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    # jobs
    "jobs:job_list":                           (GET,  "",                   LOGIN, 200,  200,  200,  200,  200,  200),
    "jobs:job_create":                         (GET,  "",                   LOGIN, 200,  403,  403,  403,  403,  403),
    "jobs:job_detail":                         (GET,  "job",                LOGIN, 200,  200,  200,  404,  200,  404),
    "jobs:job_edit":                           (GET,  "job",                LOGIN, 200,  403,  403,  403,  403,  403),
    "jobs:job_status_change":                  (POST, "job",                LOGIN, 400,  400,  403,  403,  403,  403),
    "jobs:document_upload":                    (POST, "job",                LOGIN, 400,  400,  400,  404,  403,  403),
    "jobs:document_file":                      (GET,  "job photo",          LOGIN, 200,  200,  200,  404,  200,  404),
    "jobs:document_thumbnail":                 (GET,  "job photo",          LOGIN, 200,  200,  200,  404,  200,  404),
    "jobs:document_remove":                    (POST, "job photo",          LOGIN, 302,  403,  403,  403,  403,  403),
    "jobs:customer_list":                      (GET,  "",                   LOGIN, 200,  200,  403,  403,  403,  403),
    "jobs:customer_detail":                    (GET,  "customer",           LOGIN, 200,  200,  403,  403,  403,  403),
    # scheduling
    "scheduling:board":                        (GET,  "",                   LOGIN, 200,  200,  403,  403,  403,  403),
    "scheduling:unscheduled":                  (GET,  "",                   LOGIN, 200,  200,  403,  403,  403,  403),
    "scheduling:time_off":                     (GET,  "",                   LOGIN, 200,  403,  403,  403,  403,  403),
    "scheduling:visit_book":                   (GET,  "job",                LOGIN, 200,  403,  403,  403,  403,  403),
    # Sales see their job's visits (the install date), read-only.
    "scheduling:job_visits_panel":             (GET,  "job",                LOGIN, 200,  200,  200,  404,  200,  404),
    "scheduling:subcontractor_booking_create": (GET,  "job",                LOGIN, 200,  403,  403,  403,  403,  403),
    "scheduling:visit_detail":                 (GET,  "visit",              LOGIN, 200,  200,  200,  404,  403,  403),
    "scheduling:visit_move":                   (POST, "visit",              LOGIN, 400,  403,  403,  403,  403,  403),
    "scheduling:visit_status":                 (POST, "visit",              LOGIN, 400,  403,  400,  404,  403,  403),
    "scheduling:visit_reschedule":             (POST, "visit",              LOGIN, 400,  403,  403,  403,  403,  403),
    "scheduling:visit_closeout":               (GET,  "visit",              LOGIN, 200,  403,  403,  403,  403,  403),
    # field: the phone view
    "field:my_day":                            (GET,  "",                   LOGIN, 200,  200,  200,  200,  403,  403),
    "field:service_worker":                    (GET,  "",                   200,   200,  200,  200,  200,  200,  200),
    "field:visit_detail":                      (GET,  "visit",              LOGIN, 200,  200,  200,  404,  403,  403),
    "field:visit_status":                      (POST, "visit",              LOGIN, 400,  403,  400,  404,  403,  403),
    "field:visit_note":                        (POST, "visit",              LOGIN, 400,  403,  400,  404,  403,  403),
    "field:visit_photo":                       (POST, "visit",              LOGIN, 400,  400,  400,  404,  403,  403),
    "field:visit_equipment":                   (POST, "visit",              LOGIN, 400,  403,  400,  404,  403,  403),
    "field:visit_inspection":                  (POST, "visit",              LOGIN, 400,  403,  400,  404,  403,  403),
    "field:visit_signoff":                     (GET,  "visit",              LOGIN, 200,  403,  200,  404,  403,  403),
    "field:visit_document":                    (GET,  "visit photo",        LOGIN, 200,  200,  200,  404,  403,  403),
    "field:visit_document_thumbnail":          (GET,  "visit photo",        LOGIN, 200,  200,  200,  404,  403,  403),
    "field:visit_work_order":                  (GET,  "visit",              LOGIN, 200,  200,  200,  404,  403,  403),
    "field:visit_confirmation_sheet":          (GET,  "visit",              LOGIN, 200,  200,  200,  404,  403,  403),
    # field: the job page's paperwork and folder PDFs
    "field:job_work_order":                    (GET,  "job",                LOGIN, 200,  200,  200,  404,  200,  404),
    "field:job_work_order_pdf":                (GET,  "job",                LOGIN, 200,  200,  200,  404,  200,  404),
    "field:job_confirmation_sheet":            (GET,  "job",                LOGIN, 200,  200,  200,  404,  200,  404),
    "field:job_confirmation_sheet_pdf":        (GET,  "job",                LOGIN, 200,  200,  200,  404,  200,  404),
    "field:job_folder_panel":                  (GET,  "job",                LOGIN, 200,  200,  200,  404,  200,  404),
    "field:job_folder_print":                  (POST, "job",                LOGIN, 302,  302,  403,  403,  403,  403),
    "field:job_folder_latest":                 (GET,  "job",                LOGIN, 200,  200,  200,  404,  200,  404),
    "field:job_folder_render_status":          (GET,  "render",             LOGIN, 200,  200,  200,  404,  200,  404),
    "field:job_folder_download":               (GET,  "render",             LOGIN, 200,  200,  200,  404,  200,  404),
    # notifications
    "notifications:visit_confirm":             (GET,  "confirm_token",      200,   200,  200,  200,  200,  200,  200),
    "notifications:page_acknowledge":          (GET,  "page_token",         200,   200,  200,  200,  200,  200,  200),
    "notifications:confirmation_worklist":     (GET,  "",                   LOGIN, 200,  403,  403,  403,  403,  403),
    "notifications:call_log":                  (POST, "visit",              LOGIN, 302,  403,  403,  403,  403,  403),
    "notifications:page_worklist":             (GET,  "",                   LOGIN, 200,  403,  403,  403,  403,  403),
    "notifications:message_resend":            (POST, "message",            LOGIN, 302,  403,  403,  403,  403,  403),
    "notifications:page_send_again":           (POST, "page",               LOGIN, 302,  403,  403,  403,  403,  403),
    "notifications:page_acknowledge_by_phone": (POST, "page",               LOGIN, 302,  403,  403,  403,  403,  403),
    "notifications:page_messages":             (GET,  "page",               LOGIN, 200,  403,  403,  403,  403,  403),
    "notifications:job_messages":              (GET,  "job",                LOGIN, 200,  200,  200,  404,  200,  404),
    # permits: the job page's permit panel (read-only for those who see the job) and its steps (the office)
    "permits:permit_panel":                    (GET,  "job",                LOGIN, 200,  200,  200,  404,  200,  404),
    "permits:permit_open":                     (POST, "job",                LOGIN, 400,  403,  403,  403,  403,  403),
    "permits:permit_apply":                    (POST, "job",                LOGIN, 400,  403,  403,  403,  403,  403),
    "permits:permit_issue":                    (POST, "job",                LOGIN, 400,  403,  403,  403,  403,  403),
    "permits:permit_correct_number":           (POST, "job",                LOGIN, 400,  403,  403,  403,  403,  403),
    "permits:permit_reject":                   (POST, "job",                LOGIN, 400,  403,  403,  403,  403,  403),
    "permits:permit_expire":                   (POST, "job",                LOGIN, 400,  403,  403,  403,  403,  403),
    "permits:permit_finaled":                  (POST, "job",                LOGIN, 400,  403,  403,  403,  403,  403),
    "permits:permit_document":                 (POST, "job",                LOGIN, 400,  403,  403,  403,  403,  403),
    "permits:permit_exempt":                   (POST, "job",                LOGIN, 400,  403,  403,  403,  403,  403),
    "permits:permit_withdraw_exemption":       (POST, "job",                LOGIN, 400,  403,  403,  403,  403,  403),
    "permits:permit_override":                 (POST, "job",                LOGIN, 400,  403,  403,  403,  403,  403),
    "permits:permit_jurisdiction":             (POST, "job",                LOGIN, 400,  403,  403,  403,  403,  403),
    # permits: inspections (the office acts; accounting and sales read; installers see them on the phone)
    "permits:job_inspections":                 (GET,  "job",                LOGIN, 200,  200,  200,  404,  200,  404),
    "permits:inspection_request":              (POST, "job",                LOGIN, 400,  403,  403,  403,  403,  403),
    "permits:inspection_book":                 (POST, "inspection",         LOGIN, 400,  403,  403,  403,  403,  403),
    "permits:inspection_result":               (POST, "inspection",         LOGIN, 400,  403,  403,  403,  403,  403),
    "permits:inspection_reconfirm":            (POST, "inspection",         LOGIN, 400,  403,  403,  403,  403,  403),
    # permits: the install administrator's follow-up list (the coordinator group) and its menu badge
    "permits:follow_up":                       (GET,  "",                   LOGIN, 200,  403,  403,  403,  403,  403),
    "permits:follow_up_count":                 (GET,  "",                   LOGIN, 200,  403,  403,  403,  403,  403),
    # health: the load balancer's probe is public (a bare "ok"); the detailed status is the office's
    "installops:health":                       (GET,  "",                   200,   200,  200,  200,  200,  200,  200),
    "installops:system_status":                (GET,  "",                   LOGIN, 200,  403,  403,  403,  403,  403),
    # permits: the building departments are the office's
    "permits:jurisdiction_list":               (GET,  "",                   LOGIN, 200,  200,  403,  403,  403,  403),
    "permits:jurisdiction_add":                (GET,  "",                   LOGIN, 200,  403,  403,  403,  403,  403),
    "permits:jurisdiction_edit":               (GET,  "jurisdiction",       LOGIN, 200,  403,  403,  403,  403,  403),
    # permits: Title 24 & HERS; the crew sees its job's status and files its CF2R, sales see their job's
    "permits:job_title24":                     (GET,  "job",                LOGIN, 200,  200,  200,  404,  200,  404),
    "permits:title24_scope_set":               (POST, "job",                LOGIN, 302,  403,  403,  403,  403,  403),
    "permits:title24_form_record":             (POST, "job",                LOGIN, 400,  403,  400,  404,  403,  403),
    "permits:hers_rater_set":                  (POST, "job",                LOGIN, 400,  403,  403,  403,  403,  403),
    "permits:hers_tests_schedule":             (POST, "job",                LOGIN, 400,  403,  403,  403,  403,  403),
    "permits:hers_test_result":                (POST, "job",                LOGIN, 400,  403,  403,  403,  403,  403),
    # printing: the office's print jobs; the folder PDF to the printer
    "printing:print_job_list":                 (GET,  "",                   LOGIN, 200,  200,  403,  403,  403,  403),
    "field:job_folder_send_to_printer":        (POST, "render",             LOGIN, 302,  302,  403,  403,  403,  403),
    # permits: the permit packet (accounting sees it; the coordinator's desk makes, prints and mails it)
    "permits:packet_panel":                    (GET,  "job",                LOGIN, 200,  200,  403,  403,  403,  403),
    "permits:packet_request":                  (POST, "job",                LOGIN, 302,  403,  403,  403,  403,  403),
    "permits:packet_download":                 (GET,  "packet",             LOGIN, 200,  200,  403,  403,  403,  403),
    "permits:packet_print":                    (POST, "packet",             LOGIN, 302,  403,  403,  403,  403,  403),
    "permits:packet_mailed":                   (POST, "packet",             LOGIN, 302,  403,  403,  403,  403,  403),
    "permits:packet_queue":                    (GET,  "",                   LOGIN, 200,  200,  403,  403,  403,  403),
    "permits:packet_queue_print":              (POST, "",                   LOGIN, 302,  403,  403,  403,  403,  403),
    "permits:packet_queue_mailed":             (POST, "",                   LOGIN, 302,  403,  403,  403,  403,  403),
    # billing: invoices (accounting drafts, posts and sends; the office and sales read their jobs' invoices)
    "billing:invoice_list":                    (GET,  "",                   LOGIN, 200,  200,  403,  403,  200,  200),
    "billing:invoice_detail":                  (GET,  "invoice",            LOGIN, 200,  200,  403,  403,  200,  404),
    "billing:invoice_draft":                   (POST, "job",                LOGIN, 403,  302,  403,  403,  403,  403),
    "billing:invoice_header":                  (POST, "invoice",            LOGIN, 403,  200,  403,  403,  403,  403),
    "billing:invoice_line_add":                (POST, "invoice",            LOGIN, 403,  200,  403,  403,  403,  403),
    "billing:invoice_line_edit":               (POST, "invoice_line",       LOGIN, 403,  200,  403,  403,  403,  403),
    "billing:invoice_line_remove":             (POST, "invoice_line",       LOGIN, 403,  302,  403,  403,  403,  403),
    "billing:invoice_post":                    (POST, "invoice",            LOGIN, 403,  302,  403,  403,  403,  403),
    "billing:credit_note_draft":               (POST, "posted_invoice",     LOGIN, 403,  200,  403,  403,  403,  403),
    "billing:invoice_pdf":                     (GET,  "posted_invoice",     LOGIN, 200,  200,  403,  403,  200,  404),
    "billing:invoice_pdf_rerender":            (POST, "posted_invoice",     LOGIN, 403,  302,  403,  403,  403,  403),
    "billing:invoice_email":                   (POST, "posted_invoice",     LOGIN, 403,  302,  403,  403,  403,  403),
    "billing:invoice_mail":                    (POST, "posted_invoice",     LOGIN, 403,  302,  403,  403,  403,  403),
    "billing:invoice_mail_queue":              (GET,  "",                   LOGIN, 403,  200,  403,  403,  403,  403),
    "billing:invoice_mail_queue_print":        (POST, "",                   LOGIN, 403,  302,  403,  403,  403,  403),
    "billing:invoice_mail_queue_mailed":       (POST, "",                   LOGIN, 403,  302,  403,  403,  403,  403),
    "billing:job_invoice_panel":               (GET,  "job",                LOGIN, 200,  200,  403,  403,  200,  404),
    "billing:change_order_add":                (POST, "job",                LOGIN, 403,  302,  403,  403,  403,  403),
    "billing:change_order_decide":             (POST, "change_order",       LOGIN, 403,  302,  403,  403,  403,  403),
    # billing: payments are accounting's (receivables); nobody else sees them
    "billing:payment_list":                    (GET,  "",                   LOGIN, 403,  200,  403,  403,  403,  403),
    "billing:payment_record_start":            (GET,  "",                   LOGIN, 403,  200,  403,  403,  403,  403),
    "billing:payment_record":                  (GET,  "customer",           LOGIN, 403,  200,  403,  403,  403,  403),
    "billing:payment_detail":                  (GET,  "payment",            LOGIN, 403,  200,  403,  403,  403,  403),
    "billing:payment_apply_credit":            (POST, "payment",            LOGIN, 403,  400,  403,  403,  403,  403),
    "billing:payment_refund":                  (POST, "payment",            LOGIN, 403,  400,  403,  403,  403,  403),
    "billing:payment_void":                    (POST, "payment",            LOGIN, 403,  400,  403,  403,  403,  403),
    "billing:payment_reconcile":               (POST, "payment",            LOGIN, 403,  302,  403,  403,  403,  403),
    "billing:job_payments":                    (GET,  "job",                LOGIN, 403,  200,  403,  403,  403,  403),
    # billing: fundings; accounting works them, the office and the job's salesperson follow the loan
    "billing:funding_list":                    (GET,  "",                   LOGIN, 403,  200,  403,  403,  403,  403),
    "billing:job_funding":                     (GET,  "job",                LOGIN, 200,  200,  403,  403,  200,  404),
    "billing:funding_open":                    (POST, "job",                LOGIN, 403,  400,  403,  403,  403,  403),
    "billing:funding_certificate":             (POST, "job",                LOGIN, 403,  400,  403,  403,  403,  403),
    "billing:funding_request":                 (POST, "job",                LOGIN, 403,  400,  403,  403,  403,  403),
    "billing:funding_funded":                  (POST, "job",                LOGIN, 403,  400,  403,  403,  403,  403),
    "billing:funding_reconcile":               (POST, "job",                LOGIN, 403,  400,  403,  403,  403,  403),
    "billing:funding_cancel":                  (POST, "job",                LOGIN, 403,  400,  403,  403,  403,  403),
    # billing: rebates, warranty registrations, maintenance agreements (accounting manages; coordinators read,
    # and record registrations; field staff and sales see none of it)
    "billing:rebate_list":                     (GET,  "",                   LOGIN, 200,  200,  403,  403,  403,  403),
    "billing:job_rebates":                     (GET,  "job",                LOGIN, 200,  200,  403,  403,  403,  403),
    "billing:rebate_open":                     (POST, "job",                LOGIN, 403,  400,  403,  403,  403,  403),
    "billing:rebate_submit":                   (POST, "rebate",             LOGIN, 403,  302,  403,  403,  403,  403),
    "billing:rebate_approve":                  (POST, "rebate",             LOGIN, 403,  302,  403,  403,  403,  403),
    "billing:rebate_deny":                     (POST, "rebate",             LOGIN, 403,  302,  403,  403,  403,  403),
    "billing:rebate_paid":                     (POST, "rebate",             LOGIN, 403,  302,  403,  403,  403,  403),
    "billing:warranty_list":                   (GET,  "",                   LOGIN, 200,  200,  403,  403,  403,  403),
    "billing:job_warranties":                  (GET,  "job",                LOGIN, 200,  200,  403,  403,  403,  403),
    "billing:warranty_register":               (POST, "unit",               LOGIN, 400,  400,  403,  403,  403,  403),
    "billing:agreement_list":                  (GET,  "",                   LOGIN, 200,  200,  403,  403,  403,  403),
    "billing:agreement_detail":                (GET,  "agreement",          LOGIN, 200,  200,  403,  403,  403,  403),
    "billing:agreement_enter":                 (GET,  "job",                LOGIN, 403,  200,  403,  403,  403,  403),
    "billing:agreement_enter_for_customer":    (GET,  "customer",           LOGIN, 403,  200,  403,  403,  403,  403),
    "billing:agreement_renew":                 (POST, "agreement",          LOGIN, 403,  302,  403,  403,  403,  403),
    "billing:agreement_cancel":                (POST, "agreement",          LOGIN, 403,  400,  403,  403,  403,  403),
    "billing:job_agreements":                  (GET,  "job",                LOGIN, 200,  200,  403,  403,  403,  403),
    # billing: receivables are accounting's (a customer's account and statement, aging, collections, the export)
    "billing:customer_account":                (GET,  "customer",           LOGIN, 403,  200,  403,  403,  403,  403),
    "billing:customer_statement":              (GET,  "customer",           LOGIN, 403,  200,  403,  403,  403,  403),
    "billing:collection_note_add":             (POST, "customer",           LOGIN, 403,  400,  403,  403,  403,  403),
    "billing:aging":                           (GET,  "",                   LOGIN, 403,  200,  403,  403,  403,  403),
    "billing:collections":                     (GET,  "",                   LOGIN, 403,  200,  403,  403,  403,  403),
    "billing:export":                          (GET,  "",                   LOGIN, 403,  200,  403,  403,  403,  403),
}
# fmt: on


def url_patterns():
    """Every named URL pattern of the project, by its full name."""

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                # Django's admin is guarded by is_staff (no role group makes anyone staff) and is
                # Django's own, tested code; everything else is in the table.
                if pattern.namespace == "admin":
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                assert pattern.name, f"the URL pattern {pattern.pattern} has no name, so it cannot be in the table"
                yield f"{namespace}{pattern.name}", pattern

    return dict(walk(get_resolver().url_patterns))


def test_every_url_pattern_is_in_the_table_and_nothing_else():
    names = set(url_patterns())
    assert sorted(names - set(EXPECTED)) == [], "new pages: add them to EXPECTED with every role's answer"
    assert sorted(set(EXPECTED) - names) == [], "these pages are gone: take them out of EXPECTED"


def test_every_view_goes_through_the_access_mixin_or_says_it_is_public():
    for name, pattern in url_patterns().items():
        view_class = getattr(pattern.callback, "view_class", None)
        if getattr(pattern.callback, "public", False):
            continue  # marked by installops.access.public() in the URLconf (Django's sign-in and sign-out)
        assert view_class is not None, f"{name}: its view must be a class taking AccessControlMixin"
        assert issubclass(view_class, AccessControlMixin), f"{name}: its view must take AccessControlMixin"
        assert view_class.public or view_class.permission_required is not None, f"{name}: who may open it?"
        others = [
            base.__module__ + "." + base.__name__
            for base in view_class.__mro__
            if base.__name__ in ("LoginRequiredMixin", "PermissionRequiredMixin", "UserPassesTestMixin")
        ]
        assert others == [], f"{name}: one way to decide access, not {others}"


@pytest.fixture
def objects(installer, other_installer, salesperson):
    """The objects every URL is asked about, made fresh for each request."""
    other_salesperson = make_staff("sales_b", EmployeeRole.SALESPERSON)
    job = JobFactory(salesperson=salesperson)
    visit = visit_on(crew=installer.crew, job=job)
    # The others have work of their own (not on `job`).
    VisitFactory(crew=other_installer.crew, job=JobFactory(salesperson=other_salesperson))
    render = JobFolderRender(job=job, fingerprint="f" * 64, status="done", finished_at=timezone.now())
    render.file.save("folder.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    page = CrewPage.objects.create(employee=installer.employee, crew=installer.crew, for_date=visit.starts_at.date())
    FieldNote.objects.create(
        visit=visit, job=job, author=installer, text="Attic hatch is small", written_at=timezone.now(),
        client_uuid=uuid.uuid4(),
    )  # fmt: skip
    draft = InvoiceFactory(job=job)
    # A posted invoice with its PDF, as posting leaves it (posting itself is tested in tests/billing).
    posted = InvoiceFactory(
        job=job, status="posted", number="INV-2026-00001", year=2026, sequence=1, posted_at=timezone.now(),
        pdf_status="done",
    )  # fmt: skip
    posted.pdf.save("INV-2026-00001.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    return {
        "invoice": draft.pk,
        "invoice_line": InvoiceLineFactory(invoice=draft).pk,
        "posted_invoice": posted.pk,
        "change_order": ChangeOrderFactory(job=job).pk,
        "other_salesperson": other_salesperson,
        "job": job.pk,
        "customer": job.customer_id,
        "visit": visit.pk,
        "photo": add_document(job, "pictures", image_bytes(120, 90), "unit.jpg").pk,
        "render": render.pk,
        "inspection": Inspection.objects.create(job=job, kind="final", requested_by=installer).pk,
        "message": MessageFactory(job=job, visit=visit).pk,
        "confirm_token": links.visit_confirm_token(visit.pk),
        "page_token": links.page_acknowledge_token(page.pk),
        "page": page.pk,
        "jurisdiction": JurisdictionFactory().pk,
        # On a job of its own: the permit panel of `job` is asked about with no permit yet.
        "packet": PermitPacketFactory().pk,
        "payment": PaymentFactory(customer=job.customer).pk,
        "unit": InstalledEquipmentFactory(job=job).pk,
        "rebate": RebateFactory(job=job).pk,
        "agreement": MaintenanceAgreementFactory(customer=job.customer, site=job.site).pk,
    }


CASES = [(name, role) for name in EXPECTED for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{name}-{role}" for name, role in CASES])
def test_each_role_gets_the_expected_answer(request, client, objects, name, role):
    method, arguments, *answers = EXPECTED[name]
    expected = dict(zip(ROLES, answers, strict=True))[role]
    url = reverse(name, args=[objects[argument] for argument in arguments.split()])
    if role == "other_salesperson":
        client.force_login(objects["other_salesperson"])
    elif role != "anonymous":
        client.force_login(request.getfixturevalue(role))

    response = client.get(url) if method == GET else client.post(url)

    if expected == LOGIN:
        assert response.status_code == 302, f"{method} {url} as {role}: {response.status_code}"
        assert response["Location"].startswith(reverse("login")), response["Location"]
    else:
        assert response.status_code == expected, f"{method} {url} as {role}: {response.status_code}"
        if expected == 302:
            assert not response["Location"].startswith(reverse("login")), "signed in, yet sent to sign in"
