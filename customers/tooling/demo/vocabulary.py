"""What demo data is made of, shared by the small load (through the services) and the
bulk load: locales, weights, tags, subjects, and how an email or a phone number is made.
"""

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

import phonenumbers

from customers.core.pinyin import syllables
from customers.core.search import fold
from customers.models import Currency, Customer, Interaction

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo"
SALES_REP_ROLE = "Sales rep"
# One login per role, so each can be tried (made only while DEBUG is on, with
# DEMO_PASSWORD). The sales reps are REPS below, who own most demo customers.
ROLE_LOGINS = [
    ("avery", "Avery", "Quinn", "Admin"),
    ("morgan", "Morgan", "Reyes", "Manager"),
    ("riley", "Riley", "Chen", "Support agent"),
]

# Faker locale -> phone region, so names, companies and numbers belong together.
LOCALES = {"en_US": "US", "en_GB": "GB", "de_DE": "DE", "fr_FR": "FR", "es_ES": "ES"}
STATUS_WEIGHTS = {
    Customer.Status.LEAD: 35,
    Customer.Status.PROSPECT: 25,
    Customer.Status.ACTIVE: 30,
    Customer.Status.INACTIVE: 10,
}
# Shares of customers: with a company, a phone number, an owner (who owns their deals).
COMPANY_SHARE, PHONE_SHARE, OWNED_SHARE = 0.85, 0.8, 0.85
REPS = [("alex", "Alex", "Morgan"), ("sam", "Sam", "Okafor"), ("jordan", "Jordan", "Lindqvist")]
# The bulk demo's Sales rep with an ordinary day of tasks (bulk_rows.TASK_REP_TASKS), who
# owns no customers: the REPS each hold tens of thousands of tasks in a million-customer
# demo. The benchmark opens "My work" as this rep.
TASK_REP = ("casey", "Casey", "Brooks")
TAGS = ["VIP", "Newsletter", "Enterprise", "Small business", "Partner", "Churn risk", "Renewal due"]
TAG_COUNT_WEIGHTS = {0: 50, 1: 35, 2: 15}  # tags per customer
CONTACT_COUNT_WEIGHTS = {0: 35, 1: 35, 2: 20, 3: 10}  # contacts per customer
CONTACT_EMAIL_SHARE, CONTACT_PHONE_SHARE = 0.8, 0.5
ROLES = ["CEO", "CTO", "Head of Purchasing", "Office manager", "Accountant", "IT lead", ""]
# Most customers have no history yet; some have a little; a few a lot.
INTERACTION_COUNT_WEIGHTS = {0: 55, 1: 20, 2: 12, 4: 9, 8: 4}
SUBJECTS = {
    Interaction.Kind.NOTE: ["Prefers email to calls", "Budget review in Q3", "Met at trade fair"],
    Interaction.Kind.CALL: ["Intro call", "Follow-up on quote", "Renewal call", "Price query"],
    Interaction.Kind.EMAIL: ["Sent brochure", "Quote sent", "Contract draft", "Thank-you note"],
    Interaction.Kind.MEETING: ["Demo on site", "Quarterly review", "Kick-off meeting"],
    Interaction.Kind.SUPPORT: ["Cannot log in", "Invoice is wrong", "Export fails", "Slow reports"],
}
BODIES = {
    Interaction.Kind.NOTE: ["Decision maker is the CFO.", "Call back after the holidays."],
    Interaction.Kind.CALL: ["Asked for a revised quote.", "Happy with the service so far."],
    Interaction.Kind.EMAIL: ["Attached the PDF.", "Waiting for their reply."],
    Interaction.Kind.MEETING: ["Agenda:\n- pricing\n- rollout plan", "Went well."],
    Interaction.Kind.SUPPORT: ["Steps to reproduce:\n1. Log in\n2. Open reports", ""],
}
KIND_WEIGHTS = [30, 25, 20, 10, 15]  # in the order of Interaction.Kind
RESOLVED_SHARE = 0.6  # of support requests
CONTACT_SHARE = 0.6  # of interactions are with one of the customer's contacts
DEAL_SHARE = 0.3  # of customers that are not inactive have a deal
DEAL_TITLES = ["Annual licence", "Pilot project", "Support plan", "Upgrade", "Rollout"]
CURRENCIES = [Currency.USD, Currency.EUR, Currency.GBP]
STAGE_WEIGHTS = [25, 20, 18, 12, 15, 10]
TASK_SHARE = 0.35  # of owned customers have an open task: 300,000 in a million-customer demo
TASK_TITLES = [
    "Call back",
    "Send the quote",
    "Follow up on the proposal",
    "Book a demo",
    "Check in after onboarding",
    "Renewal call",
]
TASK_DAYS = (-6, 14)  # due from this many days ago to this many ahead: some overdue
EMAIL_TEMPLATES = [
    (
        "Follow-up after a call",
        "Good talking to you, {{ first_name }}",
        "Hello {{ first_name }},\n\nThank you for your time today. As promised, here is a "
        "summary of what we discussed.\n\nBest regards,\n{{ my_name }}",
    ),
    (
        "Quote",
        "Your quote for {{ company }}",
        "Hello {{ first_name }},\n\nPlease find our quote attached. I am happy to go "
        "through it with you.\n\n{{ my_name }}\n{{ my_email }}",
    ),
]


def email_local(first: str, last: str) -> str:
    """`José`, `Álvarez` -> `jose.alvarez`: the part of an email before the @."""
    return f"{email_part(first)}.{email_part(last)}"


def email_part(name: str) -> str:
    """`Álvarez` -> `alvarez`: a name as it is written in an email address."""
    return re.sub(r"[^a-z0-9.]", "", fold(name))


def demo_body(kind, rng, bodies=BODIES) -> str:
    return rng.choice(bodies[kind])


def demo_phone(region: str, rng: random.Random) -> str:
    """A valid-looking number of `region`: its example number with new last digits."""
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    national = str(example.national_number)
    while True:
        digits = national[:-4] + f"{rng.randrange(10_000):04d}"
        number = phonenumbers.parse(f"+{example.country_code}{digits}")
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def pinyin_email_local(first: str, last: str) -> str:
    """`伟`, `王` -> `wang.wei`: a Chinese name as its email addresses usually spell it."""
    return f"{''.join(syllables(last))}.{''.join(syllables(first))}"


@dataclass(frozen=True)
class DemoLanguage:
    """What the small demo's records are written in: people and companies from Faker's
    `locales` (each with its phone region), and the words of tags, titles and activity."""

    locales: dict[str, str]
    tags: list[str]
    roles: list[str]
    subjects: dict
    bodies: dict
    deal_titles: list[str]
    full_name: Callable[[str, str], str]
    email_local: Callable[[str, str], str]


ENGLISH = DemoLanguage(
    LOCALES,
    TAGS,
    ROLES,
    SUBJECTS,
    BODIES,
    DEAL_TITLES,
    full_name=lambda first, last: f"{first} {last}",
    email_local=email_local,
)
# For a Chinese team (`manage.py demo --locale zh_CN`): surname first and no space
# (王伟), companies and +86 numbers from Faker's zh_CN.
CHINESE = DemoLanguage(
    {"zh_CN": "CN"},
    ["重要客户", "订阅简报", "大客户", "小微企业", "合作伙伴", "流失风险", "待续约"],
    ["总经理", "技术总监", "采购经理", "行政主管", "财务", "IT 负责人", ""],
    {
        Interaction.Kind.NOTE: ["更喜欢邮件沟通", "第三季度预算评审", "展会上认识"],
        Interaction.Kind.CALL: ["初次通话", "跟进报价", "续约电话", "询价"],
        Interaction.Kind.EMAIL: ["已发送产品手册", "已发送报价", "合同草稿", "感谢信"],
        Interaction.Kind.MEETING: ["上门演示", "季度回顾", "项目启动会"],
        Interaction.Kind.SUPPORT: ["无法登录", "发票有误", "导出失败", "报表很慢"],
    },
    {
        Interaction.Kind.NOTE: ["决策人是财务总监。", "节后再联系。"],
        Interaction.Kind.CALL: ["要求重新报价。", "目前对服务很满意。"],
        Interaction.Kind.EMAIL: ["附上了 PDF。", "等待对方回复。"],
        Interaction.Kind.MEETING: ["议程：\n- 价格\n- 上线计划", "会谈顺利。"],
        Interaction.Kind.SUPPORT: ["复现步骤：\n1. 登录\n2. 打开报表", ""],
    },
    ["年度许可", "试点项目", "技术支持套餐", "升级", "全面推广"],
    full_name=lambda first, last: f"{last}{first}",
    email_local=pinyin_email_local,
)
DEMO_LANGUAGES = {"en": ENGLISH, "zh_CN": CHINESE}
