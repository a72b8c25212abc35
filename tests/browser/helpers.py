"""What every browser test needs: the two screen sizes people use and a sign-in."""

from playwright.sync_api import Page

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 360, "height": 740}
SIZES = {"desktop": DESKTOP, "phone": PHONE}
TEST_PASSWORD = "pass-for-tests-1"


def sign_in(page: Page, base_url: str, username: str, password: str = TEST_PASSWORD) -> None:
    """Sign in through the real form and wait for the page it lands on."""
    page.goto(f"{base_url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("load")
