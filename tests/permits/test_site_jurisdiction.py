"""A site's building department: found by its city (any case, a city's before a county's), or picked
by the office and then kept."""

import pytest

from installops.errors import DomainError
from permits import selectors, services
from permits.choices import JurisdictionKind, PermitStatus
from permits.models import SiteJurisdiction
from tests.jobs.factories import SiteFactory
from tests.permits.factories import JurisdictionFactory, PermitFactory

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-27 10:00")]


@pytest.fixture
def departments():
    return {
        "fresno": JurisdictionFactory(name="City of Fresno", cities=["Fresno"]),
        "clovis": JurisdictionFactory(name="City of Clovis", cities=["clovis"]),
        "county": JurisdictionFactory(
            name="Fresno County", kind=JurisdictionKind.COUNTY, cities=["fresno", "sanger", "del rey"]
        ),
        "closed": JurisdictionFactory(name="Old Department", cities=["selma"], active=False),
    }


@pytest.mark.parametrize(
    ("city", "expected"),
    [("Fresno", "fresno"), ("  CLOVIS ", "clovis"), ("Sanger", "county"), ("del  Rey", "county"), ("Selma", None)],
)
def test_the_department_is_found_by_the_sites_city(departments, city, expected):
    found = selectors.jurisdiction_for_city(city)
    assert found == (departments[expected] if expected else None)


def test_an_inferred_department_is_stored_once(departments):
    site = SiteFactory(city="clovis")
    link = services.site_jurisdiction_infer(site=site)
    assert (link.jurisdiction, link.inferred, link.set_by) == (departments["clovis"], True, None)
    assert services.site_jurisdiction_infer(site=site) == link
    assert SiteJurisdiction.objects.filter(site=site).count() == 1


def test_a_site_in_no_known_city_has_no_department(departments):
    site = SiteFactory(city="Kerman")
    assert services.site_jurisdiction_infer(site=site) is None
    assert selectors.site_jurisdiction(site) == selectors.SiteJurisdictionAnswer(None, "")


def test_the_office_picks_the_department_and_it_is_kept(departments, coordinator):
    site = SiteFactory(city="Fresno")
    assert selectors.site_jurisdiction(site).source == "by city"

    link = services.site_jurisdiction_set(site=site, jurisdiction=departments["county"], by=coordinator)
    assert (link.inferred, link.set_by) == (False, coordinator)
    answer = selectors.site_jurisdiction(site)
    assert (answer.jurisdiction, answer.source) == (departments["county"], "picked")
    # A later inference leaves the office's choice alone.
    assert services.site_jurisdiction_infer(site=site).jurisdiction == departments["county"]
    assert link.history.first().history_user == coordinator


def test_changing_the_department_moves_a_permit_not_applied_for_only(departments, coordinator):
    site = SiteFactory(city="Fresno")
    to_apply = PermitFactory(job__site=site, job__customer=site.customer, status=PermitStatus.TO_APPLY,
                             jurisdiction=departments["fresno"], applied_on=None)  # fmt: skip
    applied = PermitFactory(job__site=site, job__customer=site.customer, jurisdiction=departments["fresno"])

    services.site_jurisdiction_set(site=site, jurisdiction=departments["clovis"], by=coordinator)
    to_apply.refresh_from_db()
    applied.refresh_from_db()
    assert to_apply.jurisdiction == departments["clovis"]
    assert applied.jurisdiction == departments["fresno"]


def test_a_department_no_longer_in_use_cannot_be_picked(departments, coordinator):
    with pytest.raises(DomainError, match="no longer in use"):
        services.site_jurisdiction_set(site=SiteFactory(), jurisdiction=departments["closed"], by=coordinator)
