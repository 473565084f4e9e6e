"""Story: a team that reads the CRM in Simplified Chinese edits, creates and deletes
customers and moves deals on the board, and sees no English on the way (issue 20).

The user's language is zh-hans, chosen before signing in (as in e2e/test_chinese.py);
the page objects look for the Chinese names of the controls (e2e/pages/words.py).
Data is made here, in Chinese where the app shows it (the stages too: a fresh install
seeds English ones)."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from customers.deals.services import deal_create
from customers.followups.services import task_create
from customers.models import ClosingReason, Customer, Deal, Interaction, Stage, UserPreference
from customers.record.services import contact_create
from customers.timeline.services import interaction_create
from e2e.conftest import USERNAME, grant
from e2e.leftover_english import assert_no_leftover_english
from e2e.pages.customers import CustomerGrid
from e2e.pages.deals import DealBoard
from e2e.pages.record import EDITING, RecordPage
from e2e.pages.words import SIMPLIFIED_CHINESE

BAD_EMAIL = "请输入有效的邮箱地址，如 name@example.com。"
# Shown on every page: the signed-in user's name in the header, and in owner choices.
SHOWN_EVERYWHERE = (USERNAME,)


@pytest.fixture
def chinese_page(page, user, log_in):
    """Signed in as a user whose language is Simplified Chinese, who may also work
    with contacts, the timeline, deals and tasks (so the record page shows them all)."""
    grant(
        user,
        *(
            f"{action}_{model}"
            for model in ("contact", "interaction", "deal", "followup")
            for action in ("view", "add", "change", "delete")
        ),
    )
    UserPreference.objects.create(user=user, language="zh-hans")
    return log_in(page, user)


@pytest.fixture
def grid(chinese_page) -> CustomerGrid:
    return CustomerGrid(chinese_page, SIMPLIFIED_CHINESE)


@pytest.fixture
def stages(live_server, transactional_db) -> dict[str, Stage]:
    """A pipeline named in Chinese, as a Chinese team would set it up, and one reason
    for losing a deal. What the database holds already (the English defaults a
    migration seeds) goes first, so only these columns are on the board."""
    Stage.objects.all().delete()
    ClosingReason.objects.all().delete()
    ClosingReason.objects.create(name="预算不足", position=1)
    pipeline = [("新线索", "open"), ("洽谈", "open"), ("赢单", "won"), ("丢单", "lost")]
    return {
        name: Stage.objects.create(name=name, position=position, outcome=outcome)
        for position, (name, outcome) in enumerate(pipeline, start=1)
    }


def make_deal(customer, title: str, stage: Stage) -> Deal:
    return deal_create(customer=customer, title=title, amount=Decimal("12000"), stage=stage)


def no_english(page, *user_data: str) -> None:
    assert_no_leftover_english(page, user_data=SHOWN_EVERYWHERE + user_data)


def test_inline_edit_with_a_bad_email_in_chinese(grid, make_customer):
    wang = make_customer("王伟", email="wang.wei@example.cn", company="伟业集团")
    grid.open()
    expect(grid.table.get_by_role("columnheader", name="邮箱")).to_be_visible()

    row = grid.edit(grid.row(wang))
    expect(row.save_button).to_be_visible()  # 保存
    expect(row.cancel_link).to_be_visible()  # 取消
    row.fill(name="王伟强", email="wang-wei-at-example")
    with grid.page.expect_response(lambda r: r.request.method == "POST") as response:
        row.save()

    assert response.value.status == 422
    expect(row.field("邮箱")).to_have_accessible_description(BAD_EMAIL)
    expect(row.errors("邮箱")).to_have_text(BAD_EMAIL)
    expect(row.field("邮箱")).to_have_value("wang-wei-at-example")
    expect(row.field("姓名")).to_have_value("王伟强")
    expect(row.field("公司")).to_have_value("伟业集团")
    no_english(grid.page, "wang-wei-at-example")

    row.fill(email="wang.weiqiang@example.cn")
    row.save()

    expect(grid.toast("客户“王伟强”已保存。")).to_be_visible()
    # A row is named by its customer's name: now the new one.
    expect(grid.row("王伟强")).not_to_have_class(EDITING)
    expect(grid.cell(grid.row("王伟强"), "邮箱")).to_have_text("wang.weiqiang@example.cn")
    wang.refresh_from_db()
    assert (wang.name, wang.email) == ("王伟强", "wang.weiqiang@example.cn")


def test_create_a_customer_in_chinese_after_a_bad_email(grid, make_customer):
    make_customer("王伟", email="wang.wei@example.cn")
    grid.open()

    dialog = grid.open_new_customer_dialog()
    expect(dialog.field("姓名")).to_be_focused()
    dialog.fill(name="李娜", email="li.na@", company="李娜贸易有限公司", status="潜在客户")
    dialog.save()

    expect(dialog.field("邮箱")).to_have_accessible_description(BAD_EMAIL)
    expect(dialog.field("邮箱")).to_have_value("li.na@")
    expect(dialog.field("姓名")).to_have_value("李娜")
    expect(dialog.field("公司")).to_have_value("李娜贸易有限公司")
    expect(dialog.cancel_link).to_be_visible()  # 取消
    no_english(grid.page, "li.na@")
    assert not Customer.objects.filter(name="李娜").exists()

    dialog.fill(email="li.na@example.cn")
    dialog.save()

    expect(dialog.dialog).to_have_count(0)
    expect(grid.toast("客户“李娜”已创建。")).to_be_visible()
    grid.expect_names(["李娜", "王伟"])
    expect(grid.count).to_have_text("2 位客户")
    li_na = Customer.objects.get(name="李娜")
    assert (li_na.email, li_na.status) == ("li.na@example.cn", Customer.Status.PROSPECT)


def test_delete_and_undo_in_chinese(grid, make_customer, stages):
    wang = make_customer("王伟", email="wang.wei@example.cn", company="伟业集团")
    contact_create(customer=wang, name="李娜", is_primary=True)
    make_deal(wang, "办公室装修", stages["新线索"])
    make_customer("张敏", email="zhang.min@example.cn")
    grid.open()
    grid.mark_page()

    dialog = grid.delete(grid.row(wang))  # named 删除 王伟？
    expect(dialog.dialog).to_contain_text("王伟（wang.wei@example.cn）将移到回收站，可从那里恢复。")
    expect(dialog.dialog).to_contain_text("一并移走：1 位联系人、1 个商机。")
    expect(dialog.along).to_have_text(["李娜（联系人）", "办公室装修（商机）"])
    expect(dialog.cancel_link).to_be_visible()  # 取消
    no_english(grid.page, "wang.wei@example.cn")
    dialog.confirm()  # 确认删除

    trashed = "“王伟”已移到回收站。"
    expect(grid.row(wang)).to_have_count(0)
    expect(grid.toast(trashed)).to_be_visible()
    no_english(grid.page)
    grid.undo(trashed)  # 撤销

    expect(grid.toast("已恢复 “王伟”。")).to_be_visible()
    expect(grid.toast(trashed)).to_have_count(0)
    grid.expect_names(["张敏", "王伟"])
    expect(grid.count).to_have_text("2 位客户")
    assert grid.is_same_page(), "undo reloaded the page"
    assert Customer.objects.get(pk=wang.pk).deals.get().title == "办公室装修"


def test_the_deal_board_in_chinese(chinese_page, make_customer, stages):
    wang = make_customer("王伟", email="wang.wei@example.cn")
    make_deal(wang, "办公室装修", stages["新线索"])
    make_deal(make_customer("李娜", email="li.na@example.cn"), "年度维护合同", stages["洽谈"])
    board = DealBoard(chinese_page, SIMPLIFIED_CHINESE).open()
    user_data = ("wang.wei@example.cn", "li.na@example.cn")

    expect(board.search_box).to_be_visible()
    for stage, count in {"新线索": "1 个商机", "洽谈": "1 个商机", "赢单": "0 个商机"}.items():
        expect(board.count(stage)).to_have_text(count)
    expect(board.column("丢单")).to_contain_text("暂无商机")
    expect(board.stage_select("办公室装修")).to_be_visible()  # 办公室装修 的阶段
    expect(board.move_button("办公室装修")).to_have_text("移动 办公室装修")
    no_english(board.page, *user_data)
    board.mark_page()

    board.move("年度维护合同", "赢单")

    expect(board.toast("已将“年度维护合同”移到 赢单。")).to_be_visible()
    expect(board.card("年度维护合同", stage="赢单")).to_be_visible()
    expect(board.count("洽谈")).to_have_text("0 个商机")

    board.move("办公室装修", "丢单")  # asks why first

    expect(board.reason_select("办公室装修")).to_be_visible()  # 丢单原因
    expect(board.card("办公室装修")).to_contain_text("请选择丢单原因。")
    expect(board.count("丢单")).to_have_text("0 个商机")
    no_english(board.page, *user_data)

    board.reason_select("办公室装修").select_option(label="预算不足")
    board.move_button("办公室装修").click()

    expect(board.card("办公室装修", stage="丢单")).to_be_visible()
    expect(board.count("丢单")).to_have_text("1 个商机")
    expect(board.count("新线索")).to_have_text("0 个商机")
    assert board.is_same_page(), "moving a deal reloaded the page"
    deal = Deal.objects.get(title="办公室装修")
    assert (deal.stage.name, deal.closing_reason.name) == ("丢单", "预算不足")


def test_the_record_page_has_no_english_left(chinese_page, user, make_customer, stages):
    wang = make_customer("王伟", email="wang.wei@example.cn", company="伟业集团")
    li_na = contact_create(customer=wang, name="李娜", title="采购经理", is_primary=True)
    deal = make_deal(wang, "办公室装修", stages["洽谈"])
    interaction_create(
        customer=wang,
        recorded_by=user,
        kind=Interaction.Kind.CALL,
        subject="询问报价",
        contact=li_na,
    )
    task_create(
        customer=wang,
        title="发送报价单",
        due_date=datetime.date.today() + datetime.timedelta(days=1),
        created_by=user,
        deal=deal,
    )

    record = RecordPage(chinese_page).open(wang)

    expect(record.header.get_by_role("link", name="编辑", exact=True)).to_be_visible()
    expect(chinese_page.get_by_role("region", name="联系人", exact=True)).to_contain_text("李娜")
    expect(chinese_page.get_by_text("询问报价")).to_be_visible()
    expect(chinese_page.get_by_text("发送报价单").first).to_be_visible()
    no_english(chinese_page, "wang.wei@example.cn")
