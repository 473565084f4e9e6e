"""The check that a page shown in another language has no English left on it."""

import re

from playwright.sync_api import Page

# Runs of ASCII letters that are not English words of the app's UI (see the docstring).
ALLOWED = frozenset(
    {
        "CRM",  # the product's name, a brand
        "CSV",  # file formats, as Chinese software writes them: 导出 CSV
        "XLSX",
        "PDF",
        "ID",  # "ID 123" in the search box's hint; ID is how Chinese UIs write it
        "English",  # the language switcher names each language in that language
    }
)
# Not words at all: email addresses (users' data, and the "name@example.com" the email
# error gives as the pattern to follow) and US$, the CLDR symbol of the dollar in
# Chinese (US$1,000.00).
NOT_WORDS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+|US\$")
ASCII_WORD = re.compile(r"[A-Za-z]+")

# What a user sees or hears besides the page's text: the names, hints and tooltips
# set in attributes, on the elements that are shown (a closed dialog's are not).
ATTRIBUTE_TEXTS = """() => {
  // Visually hidden text (clipped to a pixel) counts as shown: it is read out.
  const shown = (el) => el.checkVisibility({visibilityProperty: true});
  const texts = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (!shown(el)) continue;
    for (const attribute of ['aria-label', 'aria-description', 'aria-roledescription',
                             'aria-valuetext', 'title', 'placeholder', 'alt']) {
      const value = el.getAttribute(attribute);
      if (value) texts.push([`${el.tagName.toLowerCase()}[${attribute}]`, value]);
    }
    if (el.matches('input[type=submit], input[type=button], input[type=reset]') && el.value)
      texts.push([`${el.tagName.toLowerCase()}[value]`, el.value]);
  }
  return texts;
}"""


def leftover_english(page: Page, *, user_data: tuple[str, ...] = ()) -> list[str]:
    """Every run of ASCII letters on `page` that is not allowed, with where it was."""
    texts = [("title", page.title()), ("text", page.locator("body").inner_text())]
    texts += [(where, value) for where, value in page.evaluate(ATTRIBUTE_TEXTS)]
    # Longest first, so "Ann Smith" goes before an "Ann" inside it.
    data = sorted((d for d in user_data if d), key=len, reverse=True)
    found = []
    for where, text in texts:
        for line in text.splitlines():
            rest = line
            for datum in data:
                rest = rest.replace(datum, " ")
            rest = NOT_WORDS.sub(" ", rest)
            words = [w for w in ASCII_WORD.findall(rest) if w not in ALLOWED]
            if words:
                found.append(f"{where}: {', '.join(words)}  in  {line.strip()!r}")
    return found


def assert_no_leftover_english(page: Page, *, user_data: tuple[str, ...] = ()) -> None:
    """Fail if `page`, shown in a language other than English, still says something in
    English: any run of ASCII letters, not only the words of the English UI.

    Looked at, as the page is when called (wait for what the test expects first):
      - the visible text of the page (`inner_text` of the body: what is shown, plus the
        visually hidden text a screen reader reads; options of selects included), and
        the page's title;
      - on the elements shown, the texts set in attributes: aria-label,
        aria-description, aria-roledescription, aria-valuetext, title, placeholder, alt
        and the value of input buttons. The accessible names made of text (labels,
        buttons, links, aria-labelledby headings) are in the visible text already.
    Not looked at: hidden elements (a closed dialog, display:none), the URLs of links,
    what a screen reader is told by aria-describedby alone if it points at hidden text.

    Allowed, and nothing else:
      - `user_data`: what the test itself put in (customer names, emails, companies,
        deal titles, the username shown in the header): data is shown as typed;
      - email addresses anywhere, and US$ (the Chinese symbol of the US dollar);
      - ALLOWED: the brand (CRM), file formats (CSV, XLSX, PDF), "ID", and "English" in
        the language switcher.
    English the app itself shows is a missing translation: fix it at its source
    (mark the string, translate the catalogue), never by adding it here.
    """
    found = leftover_english(page, user_data=user_data)
    lang = page.locator("html").get_attribute("lang") or ""
    assert not lang.startswith("en"), f"the page is in English (lang={lang!r}): nothing to check"
    assert not found, f"English left on {page.url}:\n" + "\n".join(found)
