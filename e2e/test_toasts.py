"""Story: a busy user saves, tags and deletes in quick succession, and the toasts keep to
a corner: a new one replaces an older one of its kind, at most three show, and the
page's last controls can always be scrolled clear of them."""

from playwright.sync_api import expect

from e2e.pages.customers import CustomerGrid

MOST = 3


def test_a_new_toast_replaces_an_older_one_of_its_kind(logged_in_page, make_customer):
    make_customer("Ann Smith")
    grid = CustomerGrid(logged_in_page).open()
    toasts = grid.toasts.locator("[data-toast]")
    unreachable = grid.toasts.get_by_text("The server cannot be reached", exact=False)

    logged_in_page.context.set_offline(True)
    grid.search_box.fill("ann")
    expect(unreachable).to_have_count(1)
    toasts.first.evaluate("toast => { toast.dataset.older = 'yes'; }")
    grid.table.get_by_role("columnheader", name="Company").get_by_role("link").click()

    # The second failure's toast is there, and the first is gone: it replaced it.
    expect(grid.toasts.locator("[data-toast]:not([data-older])")).to_have_count(1)
    assert toasts.count() == 1  # at once: an older toast would also go by itself, later
    logged_in_page.context.set_offline(False)


def test_toasts_with_an_undo_stay_but_no_more_than_three_show(logged_in_page, make_customer):
    names = [f"Customer {n}" for n in range(1, 6)]
    for name in names:
        make_customer(name)
    grid = CustomerGrid(logged_in_page).open()
    toasts = grid.toasts.get_by_role("button", name="Undo")

    for name in names[:4]:
        grid.delete(grid.row(name)).confirm()
        expect(grid.toast(f"“{name}” moved to the trash.")).to_be_visible()
        assert toasts.count() <= MOST

    grid.undo("“Customer 3” moved to the trash.")  # an older one's Undo still works
    expect(grid.row("Customer 3")).to_be_visible()


def test_scrolled_to_its_end_the_page_shows_its_last_control_above_the_toasts(
    logged_in_page, make_customer
):
    for n in range(1, 26):
        make_customer(f"Customer {n:02}")
    grid = CustomerGrid(logged_in_page).open()
    for name in ("Customer 25", "Customer 24"):
        grid.delete(grid.row(name)).confirm()
        expect(grid.toast(f"“{name}” moved to the trash.")).to_be_visible()
        logged_in_page.wait_for_load_state("networkidle")  # the rows refreshed after it

    # On a phone the toasts take the whole width: the rows' controls are right under them.
    logged_in_page.set_viewport_size({"width": 375, "height": 700})
    # The page takes the new width, then makes room for the toasts as they are drawn (a
    # ResizeObserver): wait for both, or the scroll below lands on the wide page's end.
    # A function, not a bare expression: Playwright polls a bare one by eval(), which
    # the page's Content-Security-Policy forbids once the first check comes out false.
    logged_in_page.wait_for_function(
        "() => window.innerWidth === 375"
        " && parseFloat(getComputedStyle(document.body).paddingBottom)"
        " >= document.getElementById('toasts').offsetHeight"
    )
    logged_in_page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    last_delete = grid.rows.last.get_by_role("link", name="Delete")
    expect(last_delete).to_be_in_viewport()

    # What is under the middle of the last row's Delete link is that link, not a toast.
    hit = last_delete.evaluate(
        """link => {
            const box = link.getBoundingClientRect();
            const under = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
            return link.contains(under);
        }"""
    )
    assert hit, "a toast covers the last row's Delete link"
