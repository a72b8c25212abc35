"""The office's jurisdiction pages: the list, adding a department and editing it, with the input checked
and kept when refused; who may open them."""

import pytest
from django.urls import reverse

from installops.errors import DomainError
from permits.models import Jurisdiction
from permits.services import jurisdiction_create, jurisdiction_update
from tests.permits.factories import JurisdictionFactory, PermitFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "City of Clovis",
    "kind": "city",
    "cities": "Clovis,  Tarpey Village , clovis",
    "phone": "(559) 324-2300",
    "email": "permits@cityofclovis.example",
    "portal_url": "https://permits.cityofclovis.example/portal",
    "typical_days_to_issue": "7",
    "inspection_booking": "phone",
    "inspection_windows": "8-12, 12:30pm - 4pm",
    "permit_valid_days": "180",
    "notes": "Ask for the mechanical desk.",
    "active": "on",
}


def test_a_coordinator_adds_a_jurisdiction(client_as, coordinator):
    response = client_as(coordinator).post(reverse("permits:jurisdiction_add"), GOOD)
    assert response.status_code == 302
    assert response["Location"] == reverse("permits:jurisdiction_list")
    department = Jurisdiction.objects.get(name="City of Clovis")
    assert department.cities == ["clovis", "tarpey village"]
    assert department.inspection_windows == "8–12, 12:30pm–4pm"
    assert department.typical_days_to_issue == 7
    assert department.inspection_booking == "phone"
    assert department.history.get().history_user == coordinator


def test_the_list_shows_each_department_and_its_live_permits(client_as, coordinator):
    fresno = JurisdictionFactory(
        name="City of Fresno", cities=["fresno"], phone="559-621-8000", portal_url="https://fresno.example",
        inspection_windows="8–12", typical_days_to_issue=12,
    )  # fmt: skip
    PermitFactory(jurisdiction=fresno)
    PermitFactory(jurisdiction=fresno, status="rejected", status_reason="Wrong parcel")
    JurisdictionFactory(name="Madera County", kind="county", active=False)
    page = client_as(coordinator).get(reverse("permits:jurisdiction_list")).content.decode()
    for shown in ("City of Fresno", "Madera County", "Inactive", 'href="tel:5596218000"', "https://fresno.example"):
        assert shown in page
    assert reverse("permits:jurisdiction_edit", args=[fresno.pk]) in page
    row = page.split(f'data-jurisdiction="{fresno.pk}"')[1].split("</tr>")[0]
    assert '<td class="text-end">1</td>' in row  # the rejected permit is not live
    assert '<td class="text-end">12</td>' in row


def test_accounting_reads_the_list_without_edit_links(client_as, accounting):
    department = JurisdictionFactory(name="City of Fresno")
    page = client_as(accounting).get(reverse("permits:jurisdiction_list")).content.decode()
    assert "City of Fresno" in page
    assert reverse("permits:jurisdiction_edit", args=[department.pk]) not in page
    assert reverse("permits:jurisdiction_add") not in page
    assert client_as(accounting).post(reverse("permits:jurisdiction_add"), GOOD).status_code == 403


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("portal_url", "not a web address", "Enter a valid URL."),
        ("portal_url", "ftp://files.example/permits", "starting with https://"),
        ("phone", "call Maria", "Enter a phone number"),
        ("phone", "12-34", "Enter a phone number"),
        ("inspection_windows", "mornings", "“mornings” is not a window"),
        ("inspection_windows", "8-12, 25-26", "“25-26” is not a window"),
        ("inspection_windows", "9:75-12", "is not a window"),
        ("cities", "Fresno, " + "x" * 101, "longer than 100 characters"),
        ("typical_days_to_issue", "400", "less than or equal to 365"),
        ("name", "", "This field is required."),
    ],
)
def test_bad_input_is_refused_and_the_entries_kept(client_as, coordinator, field, value, message):
    data = {**GOOD, field: value}
    response = client_as(coordinator).post(reverse("permits:jurisdiction_add"), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    page = response.content.decode()
    assert 'value="City of Clovis"' in page or field == "name"
    assert "Ask for the mechanical desk." in page
    assert not Jurisdiction.objects.exists()


def test_a_city_belongs_to_one_active_department(client_as, coordinator):
    JurisdictionFactory(name="City of Clovis (old)", cities=["clovis"])
    response = client_as(coordinator).post(reverse("permits:jurisdiction_add"), GOOD)
    assert response.status_code == 400
    assert response.context["form"].errors["cities"] == ["Clovis already belongs to City of Clovis (old)."]
    assert 'value="Clovis,  Tarpey Village , clovis"' in response.content.decode()
    # An inactive department gives its cities up.
    Jurisdiction.objects.filter(name="City of Clovis (old)").update(active=False)
    assert client_as(coordinator).post(reverse("permits:jurisdiction_add"), GOOD).status_code == 302


def test_a_duplicate_name_is_refused_on_the_name(client_as, coordinator):
    JurisdictionFactory(name="City of Clovis")
    response = client_as(coordinator).post(reverse("permits:jurisdiction_add"), {**GOOD, "cities": ""})
    assert response.status_code == 400
    assert "already exists" in " ".join(response.context["form"].errors["name"])


def test_editing_shows_the_saved_values_and_saves_the_changes(client_as, coordinator):
    department = JurisdictionFactory(name="City of Fresno", cities=["fresno", "pinedale"], phone="559-621-8000")
    client = client_as(coordinator)
    url = reverse("permits:jurisdiction_edit", args=[department.pk])
    page = client.get(url).content.decode()
    assert 'value="Fresno, Pinedale"' in page
    response = client.post(url, {**GOOD, "name": "City of Fresno", "cities": "Fresno", "typical_days_to_issue": "15"})
    assert response.status_code == 302
    department.refresh_from_db()
    assert department.cities == ["fresno"]
    assert department.typical_days_to_issue == 15
    assert department.history.first().history_change_reason == "Details edited"


def test_a_refused_edit_changes_nothing(client_as, coordinator):
    department = JurisdictionFactory(name="City of Fresno", cities=["fresno"])
    JurisdictionFactory(name="City of Clovis", cities=["clovis"])
    url = reverse("permits:jurisdiction_edit", args=[department.pk])
    response = client_as(coordinator).post(url, {**GOOD, "name": "City of Fresno", "cities": "Fresno, Clovis"})
    assert response.status_code == 400
    assert 'value="Fresno, Clovis"' in response.content.decode()
    department.refresh_from_db()
    assert department.cities == ["fresno"]


def test_an_unknown_department_is_not_found(client_as, coordinator):
    response = client_as(coordinator).get(reverse("permits:jurisdiction_edit", args=[999999]))
    assert response.status_code == 404


def test_the_services_refuse_fields_they_do_not_know(coordinator):
    with pytest.raises(DomainError):
        jurisdiction_create(by=coordinator, name="X", created_at=None)
    department = jurisdiction_create(by=coordinator, name="Kings County", kind="county", cities=[" Hanford "])
    assert department.cities == ["hanford"]
    with pytest.raises(DomainError):
        jurisdiction_update(jurisdiction=department, by=coordinator, id=5)


def test_the_menu_links_the_page_for_who_may_see_it(client_as, coordinator, accounting, installer, salesperson):
    url = reverse("permits:jurisdiction_list")
    for user, shown in ((coordinator, True), (accounting, True), (installer, False), (salesperson, False)):
        page = client_as(user).get(reverse("jobs:job_list")).content.decode()
        assert (f'href="{url}"' in page) is shown, user
