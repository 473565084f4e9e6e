from playwright.sync_api import Page, expect


class LoginPage:
    URL = "/accounts/login/"

    def __init__(self, page: Page):
        self.page = page
        self.heading = page.get_by_role("heading", name="Log in", level=1)
        self.username = page.get_by_label("Username", exact=True)
        self.password = page.get_by_label("Password", exact=True)
        self.submit = page.get_by_role("button", name="Log in", exact=True)
        self.errors = page.get_by_role("alert")

    def open(self) -> "LoginPage":
        self.page.goto(self.URL)
        expect(self.heading).to_be_visible()
        return self

    def log_in(self, username: str, password: str) -> None:
        self.username.fill(username)
        self.password.fill(password)
        self.submit.click()
