"""The names of the controls, in the language the user reads the CRM in.

Page objects find controls by their accessible names, and those are translated. So a
page object takes `words` (ENGLISH unless told) and asks it for each name by the
English source text: `words("Save")`, `words("Delete {name}?", name="王伟")`. The same
page object then drives the app for a user who reads it in Simplified Chinese.

The Chinese names are written out here, copied from the catalogue
(locale/zh_Hans/LC_MESSAGES/django.po), rather than looked up in it: a name the
catalogue lost or never had then fails the test instead of quietly becoming English.
"""


class Words:
    def __init__(self, language: str, names: dict[str, str] | None = None):
        self.language = language
        self.names = names  # None: the English source text is the name

    def __call__(self, english: str, **values: str) -> str:
        if self.names is None:
            name = english
        elif english in self.names:
            name = self.names[english]
        else:
            raise KeyError(f"No {self.language} name for {english!r} in e2e/pages/words.py")
        return name.format(**values)


ENGLISH = Words("en")

SIMPLIFIED_CHINESE = Words(
    "zh-hans",
    {
        # The customer grid
        "Customers": "客户",
        "Search customers": "搜索客户",
        "New customer": "新建客户",
        "Results": "结果",
        "Pages": "分页",
        "No customers found": "未找到客户",
        "Name": "姓名",
        "Email": "邮箱",
        "Phone": "电话",
        "Company": "公司",
        "Status": "状态",
        "Edit": "编辑",
        "Delete": "删除",
        "Save": "保存",
        "Cancel": "取消",
        "Undo": "撤销",
        "Number of customers": "客户数量",
        "Notifications": "通知",
        # The delete dialog: "Delete {object}" and "%(title)s?"
        "Delete {name}?": "删除 {name}？",
        "What goes along": "一并移走的内容",
        "Confirm delete": "确认删除",
        # The deal board
        "Deals": "商机",
        "Search deals": "搜索商机",
        "Owner": "负责人",
        "My deals": "我的商机",
        "New deal": "新建商机",
        "Stage of {title}": "{title} 的阶段",
        "Reason lost": "丢单原因",
        "Move": "移动",
        # The card's button: "Move" and the title, hidden but read out.
        "Move {title}": "移动 {title}",
    },
)
