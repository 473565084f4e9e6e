"""Story: typing in the search box narrows the grid as the user types."""

import re

from playwright.sync_api import expect

from e2e.pages.customers import url_with


def test_live_search_narrows_the_rows_and_updates_the_url(grid, make_customer):
    make_customer("Ann Smith", company="Acme Ltd")
    make_customer("Bob Jones", company="Globex")
    make_customer("Carol Smithers", company="Initech")
    grid.open()
    expect(grid.rows).to_have_count(3)
    grid.mark_page()

    grid.search("smith")

    grid.expect_names(["Carol Smithers", "Ann Smith"])
    expect(grid.count).to_have_text("2 customers")
    expect(grid.page).to_have_url(url_with(q="smith"))

    grid.search("globex")  # the company counts too

    grid.expect_names(["Bob Jones"])
    expect(grid.count).to_have_text("1 customer")

    grid.search("nobody at all")

    expect(grid.rows).to_have_count(0)
    expect(grid.empty_message).to_be_visible()
    expect(grid.count).to_have_text("0 customers")
    assert grid.is_same_page(), "the live search reloaded the page"


def test_search_ignores_case_and_accents(grid, make_customer):
    make_customer("José Álvarez", email="jose@example.com")
    make_customer("Zoë Ångström", email="zoe@example.com")
    make_customer("Joseph Miller")
    grid.open()

    grid.search("ALVAREZ")
    grid.expect_names(["José Álvarez"])

    grid.search("jose alvarez")
    grid.expect_names(["José Álvarez"])

    grid.search("angstrom")
    grid.expect_names(["Zoë Ångström"])

    grid.search("jose")  # José, and Joseph (whose name and email contain "jose")
    grid.expect_names(["Joseph Miller", "José Álvarez"])


def test_a_slow_answer_shows_a_spinner_until_the_rows_arrive(grid, make_customer):
    make_customer("Ann Smith")
    make_customer("Bob Jones")
    grid.open()
    held = []  # the search's request, answered when the test says
    grid.page.route(re.compile(r"/customers/\?q=smith"), lambda route: held.append(route))

    grid.search_box.fill("smith")

    expect(grid.spinner).to_be_visible()
    expect(grid.results).to_have_css("opacity", "0.6")
    grid.expect_names(["Bob Jones", "Ann Smith"])  # still the old rows

    held[0].fulfill(response=held[0].fetch())

    grid.expect_names(["Ann Smith"])
    expect(grid.spinner).to_be_hidden()
    expect(grid.results).to_have_css("opacity", "1")


def test_back_and_forward_step_through_the_searches(grid, make_customer):
    make_customer("Ann Smith")
    make_customer("Bob Jones")
    make_customer("Carol Smithers")
    grid.open()
    grid.search("smith")
    grid.search("jones")
    grid.expect_names(["Bob Jones"])
    grid.mark_page()

    grid.page.go_back()

    grid.wait_for_reload()  # a whole page from the server, never a bare fragment
    expect(grid.page).to_have_url(url_with(q="smith"))
    expect(grid.search_box).to_have_value("smith")
    grid.expect_names(["Carol Smithers", "Ann Smith"])
    expect(grid.count).to_have_text("2 customers")
    grid.mark_page()

    grid.page.go_forward()

    grid.wait_for_reload()
    expect(grid.page).to_have_url(url_with(q="jones"))
    expect(grid.search_box).to_have_value("jones")
    grid.expect_names(["Bob Jones"])
    expect(grid.count).to_have_text("1 customer")


def test_the_same_search_sent_again_adds_no_history_entry(grid, make_customer):
    make_customer("Ann Smith")
    make_customer("Bob Jones")
    grid.open()
    grid.search("smith")
    grid.expect_names(["Ann Smith"])
    make_customer("Dan Smithson")  # added meanwhile: seen once the search is sent again

    grid.search_box.press("Enter")

    grid.expect_names(["Dan Smithson", "Ann Smith"])
    expect(grid.page).to_have_url(url_with(q="smith"))
    grid.mark_page()

    grid.page.go_back()  # one step back is the grid before the search, not the search again

    grid.wait_for_reload()
    expect(grid.page).to_have_url(re.compile(r"/customers/$"))
    expect(grid.search_box).to_have_value("")
    expect(grid.count).to_have_text("3 customers")


def test_a_slow_typist_sends_one_search_for_a_word(grid, make_customer):
    make_customer("Ann Smith")
    make_customer("Bob Jones")
    grid.open()
    sent = grid.searches_sent()

    grid.search_box.press_sequentially("smith", delay=180)

    grid.expect_names(["Ann Smith"])
    expect(grid.page).to_have_url(url_with(q="smith"))
    assert sent == ["smith"], "a request went out between two keys of the word"


def test_a_fast_typist_is_answered_for_each_word_typed(grid, make_customer):
    make_customer("Ann Smith", company="Acme")
    make_customer("Bob Jones", company="Acme")
    make_customer("Carol Smithers", company="Initech")
    grid.open()
    sent = grid.searches_sent()

    grid.search_box.press_sequentially("acme", delay=30)
    grid.expect_names(["Bob Jones", "Ann Smith"])
    grid.search_box.press_sequentially(" jo", delay=30)

    grid.expect_names(["Bob Jones"])
    assert sent == ["acme", "acme jo"]


def test_enter_sends_the_search_once(grid, make_customer):
    make_customer("Ann Smith")
    make_customer("Bob Jones")
    grid.open()
    sent = grid.searches_sent()

    grid.page.evaluate(
        "() => document.getElementById('customer-filters').addEventListener("
        "'typed', () => { window.pauses = (window.pauses || 0) + 1; })"
    )

    grid.search_box.press_sequentially("smith", delay=30)
    grid.search_box.press("Enter")  # before the pause is over

    grid.expect_names(["Ann Smith"])
    grid.page.wait_for_timeout(400)  # longer than any pause the search waits for
    assert sent == ["smith"]
    assert grid.page.evaluate("() => window.pauses || 0") == 0, "Enter did not send it"


def test_typing_searches_while_a_row_is_being_edited(grid, make_customer):
    """The user's own search is not held back like a refresh the server asks for."""
    make_customer("Ann Smith")
    make_customer("Bob Jones")
    grid.open()
    grid.edit(grid.row("Bob Jones"))

    grid.search_box.press_sequentially("smith", delay=30)

    grid.expect_names(["Ann Smith"])


def test_a_search_that_failed_is_sent_again_when_typed_again(grid, make_customer):
    make_customer("Ann Smith")
    make_customer("Bob Jones")
    grid.open()
    failures = []

    def fail_once(route):
        if failures:
            route.continue_()
        else:
            failures.append(route.request.url)
            route.abort()

    grid.page.route(re.compile(r"/customers/\?q=smith"), fail_once)
    grid.search_box.press_sequentially("smith", delay=30)
    expect(grid.page.get_by_text("The server cannot be reached.")).to_be_visible()
    grid.expect_names(["Bob Jones", "Ann Smith"])

    # The same words again, with nothing sent in between.
    grid.search_box.press("Backspace")
    grid.search_box.press("h")

    grid.expect_names(["Ann Smith"])
    assert len(failures) == 1
