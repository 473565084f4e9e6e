"""Story: a Chinese team finds 王伟 by typing one character of his name, or its pinyin."""

from playwright.sync_api import expect


def test_one_chinese_character_finds_the_name_it_is_in(grid, make_customer):
    make_customer("王伟", company="伟业集团", email="wang.wei@example.cn")
    make_customer("李娜", company="李娜贸易有限公司", email="li.na@example.cn")
    make_customer("Ann Smith", company="Acme Ltd")
    grid.open()
    expect(grid.rows).to_have_count(3)

    grid.search("伟")

    grid.expect_names(["王伟"])
    expect(grid.count).to_have_text("1 customer")

    grid.search("贸易")  # two characters inside a company name

    grid.expect_names(["李娜"])

    grid.search("ww")  # 王伟's initials in pinyin

    grid.expect_names(["王伟"])


def test_an_input_method_searches_once_the_characters_are_chosen(grid, make_customer):
    """Pinyin typed into a Chinese input method is not yet what the user means: while
    they choose, the grid waits longer than for typing (600 ms), and asks as soon as
    the characters are chosen."""
    make_customer("王伟")
    make_customer("Wang Li")
    grid.open()
    sent = grid.searches_sent()
    ime = grid.page.context.new_cdp_session(grid.page)
    grid.search_box.click()

    for typed in ("w", "wa", "wan", "wang"):  # the composition, as the keys go in
        ime.send("Input.imeSetComposition", {"text": typed, "selectionStart": 0, "selectionEnd": 0})
    grid.page.wait_for_timeout(400)  # longer than any pause for typing
    assert sent == [], "a search went out for half-composed pinyin"
    ime.send("Input.insertText", {"text": "王"})  # the character chosen

    grid.expect_names(["王伟"])
    assert len(sent) == 1
