"""Which column of a file goes to which customer field, guessed from its header.

Headers are compared folded: case, accents, spaces and punctuation do not count, so
"E-mail", "e mail" and "Émail" are one. The mapping a user last chose for the same
headers wins over any guess.
"""

import hashlib
import unicodedata

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
_EXACT = {synonym: field for field, synonyms in SYNONYMS.items() for synonym in synonyms}


def fold(header: str) -> str:
    """ "E-Mail Adresse " -> "emailadresse": accents, case, spaces and punctuation gone."""
    decomposed = unicodedata.normalize("NFKD", header)
    return "".join(
        ch for ch in decomposed.casefold() if ch.isalnum() and not unicodedata.combining(ch)
    )


def headers_key(headers: list[str]) -> str:
    """One key for a set of headers (in their order), however they are written."""
    return hashlib.sha256("\x1f".join(fold(h) for h in headers).encode()).hexdigest()


def guess_mapping(headers: list[str], *, allowed: set[str] | None = None) -> list[str]:
    """A field (or SKIP) per column: exact synonyms first, then a telling word in the
    header ("Work email" is the email); each field goes to one column only."""
    allowed = allowed if allowed is not None else set(FIELD_LABELS)
    folded = [fold(h) for h in headers]
    mapping = [SKIP] * len(headers)
    taken: set[str] = set()
    for index, header in enumerate(folded):
        field = _EXACT.get(header)
        if field in allowed and field not in taken:
            mapping[index] = field
            taken.add(field)
    for index, header in enumerate(folded):
        if mapping[index]:
            continue
        for word, field in WORD_IN_HEADER.items():
            if word in header and field in allowed and field not in taken:
                mapping[index] = field
                taken.add(field)
                break
    return mapping


def remembered_mapping(*, user, headers: list[str]) -> list[str] | None:
    """The mapping `user` last ran an import with, for these same headers."""
    earlier: QuerySet[ImportRun] = (
        ImportRun.objects.filter(user=user, headers_key=headers_key(headers))
        .exclude(status=ImportRun.Status.UPLOADED)
        .order_by("-id")
        .values_list("mapping", flat=True)
    )
    mapping = earlier.first()
    if mapping and len(mapping) == len(headers):
        return mapping
    return None


def mapping_problems(mapping: list[str]) -> list[str]:
    """What is wrong with a mapping as a whole, in sentences."""
    problems = []
    for field in REQUIRED:
        if field not in mapping:
            problems.append(
                _("Choose the column that holds the {field}.").format(field=REQUIRED_NOUNS[field])
            )
    chosen = [f for f in mapping if f]
    for field in dict.fromkeys(f for f in chosen if chosen.count(f) > 1):
        problems.append(_("Only one column can be the {field}.").format(field=SHORT_LABELS[field]))
    return problems
