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
