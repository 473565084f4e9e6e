"""Story: a user switches the CRM to Simplified Chinese with the header's language
switcher; the grid and the record page then speak Chinese, and the choice is kept."""

from playwright.sync_api import expect

from customers.models import UserPreference
from e2e.pages.customers import CustomerGrid


def switch_language(page, current_label: str, to: str, button: str) -> None:
    page.get_by_role("combobox", name=current_label).select_option(label=to)
    page.get_by_role("button", name=button, exact=True).click()


def test_the_grid_and_the_record_speak_chinese_once_chosen(grid: CustomerGrid, make_customer, user):
    make_customer("王伟", company="Acme")
    grid.open()
    page = grid.page
    expect(page.locator("html")).to_have_attribute("lang", "en")

    switch_language(page, "Language", "简体中文", "Switch")

    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("heading", name="客户", level=1, exact=True)).to_be_visible()
    expect(page.get_by_role("searchbox", name="搜索客户")).to_be_visible()
    expect(page.get_by_role("link", name="新建客户", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="搜索", exact=True)).to_be_visible()
    expect(page.get_by_role("table", name="客户")).to_be_visible()
    expect(page.locator("#results p.count")).to_have_text("1 位客户")
    expect(page.get_by_role("combobox", name="语言")).to_have_value("zh-hans")

    page.get_by_role("link", name="王伟", exact=True).click()
    expect(page.get_by_role("heading", name="王伟", level=1)).to_be_visible()
    header = page.locator("#customer-header")
    expect(header.get_by_role("link", name="编辑", exact=True)).to_be_visible()
    expect(header.get_by_role("link", name="修改记录", exact=True)).to_be_visible()
    expect(page.get_by_role("region", name="标签", exact=True)).to_be_visible()

    # Kept for the user, not only for this page: the next visit is in Chinese too.
    page.goto("/customers/")
    expect(page.get_by_role("searchbox", name="搜索客户")).to_be_visible()
    assert UserPreference.objects.get(user=user).language == "zh-hans"


def test_a_user_who_chose_chinese_gets_it_at_sign_in_and_can_switch_back(page, user, log_in):
    UserPreference.objects.create(user=user, language="zh-hans")
    log_in(page, user)
    grid = CustomerGrid(page)
    page.goto(CustomerGrid.URL)
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")

    switch_language(page, "语言", "English", "切换")

    expect(grid.heading).to_be_visible()
    expect(grid.search_box).to_be_visible()
    expect(grid.new_customer_button).to_be_visible()
    assert UserPreference.objects.get(user=user).language == "en"
