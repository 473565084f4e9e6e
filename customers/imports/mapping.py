"""Which column of a file goes to which field, guessed from its header, for each kind of
import (customers, contacts, activity).

Headers are compared folded: case, accents, spaces and punctuation do not count, so
"E-mail", "e mail" and "Émail" are one. The mapping a user last chose for the same
headers wins over any guess.
"""

import hashlib
import unicodedata
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from customers.models import ImportRun

# (field, label) in the order the mapping page offers them; "" is "skip this column".
FIELDS = [
    ("name", gettext_lazy("Name")),
    ("email", gettext_lazy("Email")),
    ("phone", gettext_lazy("Phone")),
    ("company", gettext_lazy("Company")),
    ("status", gettext_lazy("Status")),
    ("owner", gettext_lazy("Owner (username or email)")),
    ("tags", gettext_lazy("Tags (a list)")),
    ("created", gettext_lazy("Created date")),
]
FIELD_LABELS = dict(FIELDS)
# A required field as a sentence names it: "the column that holds the email".
REQUIRED_NOUNS = {"name": gettext_lazy("name"), "email": gettext_lazy("email")}
# The labels without their hint: "Only one column can be the Owner."
SHORT_LABELS = {**FIELD_LABELS, "owner": gettext_lazy("Owner"), "tags": gettext_lazy("Tags")}
REQUIRED = ("name", "email")
SKIP = ""

# Folded headers that mean a field, from spreadsheets and other CRMs' exports.
SYNONYMS = {
    "name": [
        "name",
        "fullname",
        "customer",
        "customername",
        "client",
        "clientname",
        "contactname",
        "nom",
        "nombre",
        "kunde",
        "kundenname",
        "客户名称",
        "客户",
        "名称",
        "姓名",
        "名字",
    ],
    "email": [
        "email",
        "emailaddress",
        "mail",
        "courriel",
        "correo",
        "correoelectronico",
        "emailadresse",
        "电子邮件",
        "电子邮箱",
        "邮箱",
        "邮件",
    ],
    "phone": [
        "phone",
        "phonenumber",
        "telephone",
        "tel",
        "mobile",
        "mobilephone",
        "cell",
        "cellphone",
        "telefon",
        "telefono",
        "telefone",
        "电话",
        "手机",
        "电话号码",
        "联系电话",
    ],
    "company": [
        "company",
        "companyname",
        "organisation",
        "organization",
        "org",
        "account",
        "accountname",
        "business",
        "employer",
        "firma",
        "societe",
        "entreprise",
        "empresa",
        "unternehmen",
        "公司",
        "公司名称",
        "单位",
    ],
    "status": ["status", "state", "stage", "lifecyclestage", "leadstatus", "状态"],
    "owner": [
        "owner",
        "accountowner",
        "assignedto",
        "salesrep",
        "rep",
        "responsible",
        "负责人",
        "所有者",
    ],
    "tags": ["tags", "tag", "labels", "label", "categories", "category", "标签"],
    "created": [
        "created",
        "createdat",
        "createdon",
        "createddate",
        "datecreated",
        "creationdate",
        "since",
        "customersince",
        "创建时间",
        "创建日期",
    ],
}
WORD_IN_HEADER = {
    "email": "email",
    "mail": "email",
    "phone": "phone",
    "company": "company",
    "organi": "company",
    "status": "status",
    "owner": "owner",
    "tag": "tags",
    "created": "created",
    "name": "name",
}

# Contacts and activity name their customer by its email or its id.
CUSTOMER_FIELDS = [
    ("customer_email", gettext_lazy("Customer email")),
    ("customer_id", gettext_lazy("Customer ID")),
]
CUSTOMER_SYNONYMS = {
    "customer_email": [
        "customeremail",
        "customeremailaddress",
        "clientemail",
        "companyemail",
        "accountemail",
        "客户邮箱",
        "客户电子邮件",
        "客户电子邮箱",
        "客户邮件",
        "公司邮箱",
    ],
    "customer_id": [
        "customerid",
        "customerno",
        "customernumber",
        "clientid",
        "accountid",
        "companyid",
        "客户id",
        "客户编号",
        "客户号",
    ],
}
# (words that must all be in the folded header, field), tried in order.
CUSTOMER_WORDS = [
    (("customer", "mail"), "customer_email"),
    (("client", "mail"), "customer_email"),
    (("account", "mail"), "customer_email"),
    (("客户", "邮"), "customer_email"),
    (("customer", "id"), "customer_id"),
    (("client", "id"), "customer_id"),
    (("account", "id"), "customer_id"),
]
CONTACT_FIELDS = [
    ("name", gettext_lazy("Contact name")),
    ("email", gettext_lazy("Email")),
    ("phone", gettext_lazy("Phone")),
    ("title", gettext_lazy("Role")),
    *CUSTOMER_FIELDS,
]
CONTACT_SYNONYMS = {
    "name": [
        "name",
        "fullname",
        "contact",
        "contactname",
        "contactperson",
        "person",
        "联系人",
        "联系人姓名",
        "联系人名称",
        "姓名",
        "名字",
    ],
    "email": [
        "email",
        "emailaddress",
        "mail",
        "contactemail",
        "电子邮件",
        "电子邮箱",
        "邮箱",
        "联系人邮箱",
    ],
    "phone": [*SYNONYMS["phone"], "contactphone", "联系人电话"],
    "title": [
        "title",
        "jobtitle",
        "role",
        "position",
        "function",
        "职位",
        "职务",
        "角色",
        "头衔",
    ],
    **CUSTOMER_SYNONYMS,
}
CONTACT_WORDS = [
    *CUSTOMER_WORDS,
    (("mail",), "email"),
    (("phone",), "phone"),
    (("mobile",), "phone"),
    (("title",), "title"),
    (("role",), "title"),
    (("name",), "name"),
]
ACTIVITY_FIELDS = [
    ("kind", gettext_lazy("Type (note, call, email…)")),
    ("subject", gettext_lazy("Subject")),
    ("body", gettext_lazy("Notes")),
    ("happened_at", gettext_lazy("Date")),
    ("contact", gettext_lazy("Contact (name or email)")),
    *CUSTOMER_FIELDS,
]
ACTIVITY_SYNONYMS = {
    "kind": ["type", "kind", "activitytype", "activity", "category", "类型", "活动类型", "种类"],
    "subject": ["subject", "title", "summary", "topic", "主题", "标题", "摘要"],
    "body": [
        "body",
        "notes",
        "note",
        "description",
        "details",
        "content",
        "comments",
        "comment",
        "text",
        "内容",
        "备注",
        "详情",
        "说明",
        "描述",
    ],
    "happened_at": [
        "date",
        "datetime",
        "when",
        "time",
        "happenedat",
        "occurredat",
        "activitydate",
        "dateandtime",
        "日期",
        "时间",
        "日期时间",
        "发生时间",
    ],
    "contact": [
        "contact",
        "contactname",
        "contactemail",
        "contactperson",
        "with",
        "person",
        "联系人",
        "联系人姓名",
    ],
    **CUSTOMER_SYNONYMS,
}
ACTIVITY_WORDS = [
    *CUSTOMER_WORDS,
    (("contact",), "contact"),
    (("date",), "happened_at"),
    (("type",), "kind"),
    (("subject",), "subject"),
    (("note",), "body"),
]


@dataclass(frozen=True)
class Target:
    """What an import of one kind maps columns to."""

    fields: list
    synonyms: dict
    words: list
    # Groups of fields of which the mapping needs one, and how a sentence names them.
    required: list


TARGETS = {
    ImportRun.Target.CUSTOMERS: Target(
        fields=FIELDS,
        synonyms=SYNONYMS,
        words=[((word,), field) for word, field in WORD_IN_HEADER.items()],
        required=[(("name",), REQUIRED_NOUNS["name"]), (("email",), REQUIRED_NOUNS["email"])],
    ),
    ImportRun.Target.CONTACTS: Target(
        fields=CONTACT_FIELDS,
        synonyms=CONTACT_SYNONYMS,
        words=CONTACT_WORDS,
        required=[
            (("name",), gettext_lazy("contact's name")),
            (("customer_email", "customer_id"), gettext_lazy("customer's email or ID")),
        ],
    ),
    ImportRun.Target.ACTIVITY: Target(
        fields=ACTIVITY_FIELDS,
        synonyms=ACTIVITY_SYNONYMS,
        words=ACTIVITY_WORDS,
        required=[
            (("subject", "body"), gettext_lazy("subject or the notes")),
            (("happened_at",), gettext_lazy("date")),
            (("customer_email", "customer_id"), gettext_lazy("customer's email or ID")),
        ],
    ),
}


def field_labels(target: str = ImportRun.Target.CUSTOMERS) -> dict:
    return dict(TARGETS[target].fields)


def fold(header: str) -> str:
    """ "E-Mail Adresse " -> "emailadresse": accents, case, spaces and punctuation gone."""
    decomposed = unicodedata.normalize("NFKD", header)
    return "".join(
        ch for ch in decomposed.casefold() if ch.isalnum() and not unicodedata.combining(ch)
    )


def headers_key(headers: list[str]) -> str:
    """One key for a set of headers (in their order), however they are written."""
    return hashlib.sha256("\x1f".join(fold(h) for h in headers).encode()).hexdigest()


def guess_mapping(
    headers: list[str],
    *,
    allowed: set[str] | None = None,
    target: str = ImportRun.Target.CUSTOMERS,
) -> list[str]:
    """A field (or SKIP) per column: exact synonyms first, then telling words in the
    header ("Work email" is the email); each field goes to one column only."""
    spec = TARGETS[target]
    allowed = allowed if allowed is not None else {f for f, _label in spec.fields}
    exact = {synonym: field for field, synonyms in spec.synonyms.items() for synonym in synonyms}
    folded = [fold(h) for h in headers]
    mapping = [SKIP] * len(headers)
    taken: set[str] = set()
    for index, header in enumerate(folded):
        field = exact.get(header)
        if field in allowed and field not in taken:
            mapping[index] = field
            taken.add(field)
    for index, header in enumerate(folded):
        if mapping[index]:
            continue
        for words, field in spec.words:
            if all(w in header for w in words) and field in allowed and field not in taken:
                mapping[index] = field
                taken.add(field)
                break
    return mapping


def remembered_mapping(
    *, user, headers: list[str], target: str = ImportRun.Target.CUSTOMERS
) -> list[str] | None:
    """The mapping `user` last ran an import of this kind with, for these same headers."""
    earlier: QuerySet[ImportRun] = (
        ImportRun.objects.filter(user=user, headers_key=headers_key(headers), target=target)
        .exclude(status=ImportRun.Status.UPLOADED)
        .order_by("-id")
        .values_list("mapping", flat=True)
    )
    mapping = earlier.first()
    if mapping and len(mapping) == len(headers):
        return mapping
    return None


def mapping_problems(mapping: list[str], target: str = ImportRun.Target.CUSTOMERS) -> list[str]:
    """What is wrong with a mapping as a whole, in sentences."""
    spec = TARGETS[target]
    problems = []
    for fields, noun in spec.required:
        if not any(field in mapping for field in fields):
            problems.append(_("Choose the column that holds the {field}.").format(field=noun))
    chosen = [f for f in mapping if f]
    labels = {**dict(spec.fields), **SHORT_LABELS} if target == "customers" else dict(spec.fields)
    for field in dict.fromkeys(f for f in chosen if chosen.count(f) > 1):
        problems.append(_("Only one column can be the {field}.").format(field=labels[field]))
    return problems
