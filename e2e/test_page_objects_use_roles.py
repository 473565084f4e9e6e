"""The page objects find what a user finds: by role, label, text (or, where nothing
is read out, a test id), never by markup. A CSS or XPath selector slipped into
e2e/pages/ fails here, listed by file and line."""

import ast
from pathlib import Path

PAGES = Path(__file__).parent / "pages"


def markup_selectors(source: str) -> list[tuple[int, str]]:
    """Each `.locator(<string>)` call: a selector written against the markup."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "locator"
            and node.args
            and isinstance(node.args[0], ast.Constant | ast.JoinedStr)
        ):
            found.append((node.lineno, ast.unparse(node.args[0])))
    return found


def test_the_check_catches_a_css_selector():
    source = 'row = page.locator("tbody tr[id^=\'customer-\']")\nc = page.locator(f"#x-{pk}")'
    assert [line for line, _ in markup_selectors(source)] == [1, 2]
    assert markup_selectors('page.get_by_role("row", name="Ann")') == []


def test_page_objects_use_roles_and_labels_only():
    offenders = [
        f"{path.relative_to(PAGES.parent.parent)}:{line}: locator({selector})"
        for path in sorted(PAGES.glob("*.py"))
        for line, selector in markup_selectors(path.read_text())
    ]
    assert not offenders, "Page objects use markup selectors:\n" + "\n".join(offenders)
