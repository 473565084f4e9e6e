"""The pipeline's stages, the lead sources, the reasons a deal is lost and the email
templates, as a Chinese team has them.

They are data each team edits in the admin, not words the app translates as it shows
them: migration 0004 makes them in English, and a fresh install whose site language
(`LANGUAGE_CODE`) is Chinese renames those defaults at once (customers/apps.py), as a
Chinese demo (`manage.py demo --locale zh_CN`) does. The rows stay the same, so each stage keeps its
outcome (won, lost) and probability, by which the app tells stages apart; nothing looks
one up by its name.
"""

from dataclasses import dataclass

from customers.models import ClosingReason, EmailTemplate, LeadSource, Stage


@dataclass(frozen=True)
class SeededLists:
    stages: dict[str, str]  # the default (English) name -> this team's
    closing_reasons: dict[str, str]
    lead_sources: dict[str, str]
    email_templates: list[tuple[str, str, str]]  # (name, subject, body)


CHINESE_LISTS = SeededLists(
    stages={
        "New": "新商机",
        "Qualified": "需求确认",
        "Proposal": "方案报价",
        "Negotiation": "商务谈判",
        "Won": "赢单",
        "Lost": "丢单",
    },
    closing_reasons={
        "Price too high": "价格太高",
        "Chose a competitor": "选择了竞争对手",
        "No budget": "没有预算",
        "No decision made": "迟迟未决策",
        "Timing not right": "时机不对",
        "Product not a fit": "产品不合适",
        "Other": "其他",
    },
    lead_sources={
        "Website": "官网",
        "Referral": "客户推荐",
        "Event": "展会活动",
        "Cold outreach": "电话陌拜",
        "Partner": "合作伙伴",
        "Advertising": "广告",
        "Other": "其他",
    },
    email_templates=[
        (
            "通话后跟进",
            "{{ first_name }}，感谢今天的沟通",
            "{{ first_name }}，你好：\n\n感谢你今天抽出时间。按约定，附上我们讨论内容的"
            "小结。\n\n祝好！\n{{ my_name }}",
        ),
        (
            "报价",
            "{{ company }} 的报价",
            "{{ first_name }}，你好：\n\n附件是我们的报价，欢迎随时和我一起过一遍。"
            "\n\n{{ my_name }}\n{{ my_email }}",
        ),
    ],
)
# By the demo's --locale; a locale missing here keeps the defaults as they are.
SEEDED_LISTS = {"zh_CN": CHINESE_LISTS}
# By the site's LANGUAGE_CODE, for a fresh install.
SITE_LISTS = {"zh-hans": CHINESE_LISTS}


def rename_defaults(lists: SeededLists, using: str = "default") -> None:
    """Give the default stages, reasons and sources `lists`' names. A default an admin
    has renamed is left as it is, and so is one whose new name is already taken."""
    for model, names in (
        (Stage, lists.stages),
        (ClosingReason, lists.closing_reasons),
        (LeadSource, lists.lead_sources),
    ):
        rows = model.objects.using(using)
        taken = set(rows.values_list("name", flat=True))
        for default, name in names.items():
            if name not in taken:
                rows.filter(name=default).update(name=name)


def add_email_templates(templates: list[tuple[str, str, str]]) -> None:
    for name, subject, body in templates:
        EmailTemplate.objects.get_or_create(name=name, defaults={"subject": subject, "body": body})
