"""The permit packet PDF says what the customer needs: the letter, the permit and the Title 24 forms."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from jobs.choices import DocumentCategory
from permits.choices import HersRegistry, PermitStatus, Title24FormKind
from permits.models import Title24Form
from permits.pdfs import permit_packet_pdf
from permits.selectors.packets import permit_get_for_packet
from tests.jobs.factories import CustomerFactory, JobFactory
from tests.jobs.files import add_document, pdf_bytes
from tests.permits.factories import JurisdictionFactory, PermitFactory

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-03-09 10:00")]


def text_of(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def permit():
    customer = CustomerFactory(
        name="Ana Ruiz", billing_street="1420 W Shaw Ave", billing_city="Fresno", billing_zip="93711"
    )
    job = JobFactory(customer=customer, site__street="88 E Olive Ave", site__city="Clovis", site__zip_code="93612")
    return PermitFactory(
        job=job,
        jurisdiction=JurisdictionFactory(name="City of Clovis", inspection_windows="8–12, 12–4"),
        status=PermitStatus.ISSUED,
        number="BLD-2026-00417",
        applied_on=date(2026, 2, 20),
        issued_on=date(2026, 3, 2),
        code_cycle="2025",
    )


def test_the_cover_letter_names_the_customer_the_permit_and_what_comes_next(permit):
    content, pages = permit_packet_pdf(permit=permit_get_for_packet(pk=permit.pk))
    text = text_of(content)
    assert pages == 2
    assert "Ana Ruiz" in text
    assert "1420 W Shaw Ave" in text
    assert "BLD-2026-00417" in text
    assert "City of Clovis" in text
    assert "88 E Olive Ave, Clovis, CA 93612" in text
    assert "March 9, 2026" in text  # the letter's date, company today
    assert "keep this packet" in text
    assert "inspection" in text
    assert "windows of 8" in text
    assert "No Title 24 forms are on file" in text


def test_the_packet_lists_the_job_s_title24_forms_with_their_registry_ids(permit):
    Title24Form.objects.create(
        job=permit.job, kind=Title24FormKind.CF1R, registry=HersRegistry.CALCERTS, registry_id="CF1R-ALT-22-0419"
    )
    Title24Form.objects.create(
        job=permit.job,
        kind=Title24FormKind.CF2R,
        registry=HersRegistry.CHEERS,
        registry_id="CF2R-MCH-01-7781",
        registered_on=date(2026, 3, 5),
    )
    text = text_of(permit_packet_pdf(permit=permit_get_for_packet(pk=permit.pk))[0])
    assert "CF1R (certificate of compliance)" in text
    assert "CF1R-ALT-22-0419" in text
    assert "CalCERTS" in text
    assert "CF2R-MCH-01-7781" in text
    assert "CHEERS" in text
    assert "Mar 5, 2026" in text
    assert "No Title 24 forms" not in text


def test_the_permit_card_is_bound_in_after_our_pages(permit):
    card = add_document(
        permit.job, DocumentCategory.PERMIT, pdf_bytes("PERMIT CARD CLOVIS", pages=2), "card.pdf", title="Permit card"
    )
    permit.document = card
    permit.save()
    content, pages = permit_packet_pdf(permit=permit_get_for_packet(pk=permit.pk))
    assert pages == 4
    reader = PdfReader(io.BytesIO(content))
    assert "PERMIT CARD CLOVIS" in reader.pages[2].extract_text()
    assert "BLD-2026-00417" in reader.metadata.title
    assert "permit card follows" in text_of(content)


def test_the_packet_shows_no_fee(permit):
    permit.fee = "412.50"
    permit.save()
    assert "412" not in text_of(permit_packet_pdf(permit=permit_get_for_packet(pk=permit.pk))[0])


def test_the_footer_reads_the_company_name_as_written(permit, settings):
    settings.COMPANY_NAME = "Valley Comfort Heating & Air"
    text = text_of(permit_packet_pdf(permit=permit_get_for_packet(pk=permit.pk))[0])
    assert "Valley Comfort Heating & Air · permit BLD-2026-00417" in text
    assert "&amp;" not in text
