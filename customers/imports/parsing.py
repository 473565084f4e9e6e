"""Reading a spreadsheet someone uploaded: what it is, its encoding, its rows.

Only CSV (`,` `;` or tab, in UTF-8, UTF-16, Windows-1252 or GB18030) and XLSX are
read, whatever the file's name says. Everything here works on a file on disk and
streams it: a million rows never sit in memory. Anything wrong with the file as a
whole is a `BadFile` whose message is meant for the user.
"""

import codecs
import csv
import datetime
import unicodedata
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from charset_normalizer import from_bytes
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SAMPLE_BYTES = 256 * 1024  # what encoding and delimiter are guessed from
PREVIEW_ROWS = 10
DELIMITERS = ",;\t"
# (codec, what a user calls it). "utf-8" is read as utf-8-sig, so a BOM is dropped.
ENCODINGS = [
    ("utf-8", "UTF-8"),
    ("utf-16", "UTF-16"),
    ("cp1252", gettext_lazy("Windows-1252 (Western European)")),
    ("gb18030", gettext_lazy("GB18030 / GBK (Chinese)")),
]
ENCODING_NAMES = dict(ENCODINGS)
CODECS = {"utf-8": "utf-8-sig", "utf-16": "utf-16", "cp1252": "cp1252", "gb18030": "gb18030"}
# Signatures of files people upload by mistake, so the error can name them.
KNOWN_OTHERS = {
    b"\xd0\xcf\x11\xe0": gettext_lazy("an old Excel (.xls) or Word file: save it as XLSX or CSV"),
    b"%PDF": gettext_lazy("a PDF"),
    b"\x89PNG": gettext_lazy("a picture"),
    b"\xff\xd8\xff": gettext_lazy("a picture"),
}
XLSX_XML_SUFFIXES = (".xml", ".rels", ".vml")
# Zip parts that unpack to more than this many times their packed size, and to more
# than a megabyte, are refused: Excel's own parts stay far below it.
MAX_PACKING_RATIO = 200


class BadFile(Exception):
    """The file cannot be imported; str() says why, for the user."""


@dataclass
class FileShape:
    """What a file turned out to be, and its first rows (for the mapping's preview)."""

    kind: str  # "csv" or "xlsx"
    headers: list[str]
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)
    sample: list[tuple[int, list[str]]] = field(default_factory=list)


def inspect_file(path: Path | str, *, encoding: str = "", sheet: str = "") -> FileShape:
    """Tell what the file at `path` is and read its header and first rows.

    `encoding` (a key of ENCODINGS) overrides the guess for a CSV; `sheet` picks an
    XLSX's sheet (the first by default).
    """
    path = Path(path)
    with path.open("rb") as file:
        head = file.read(SAMPLE_BYTES)
    if not head.strip():
        raise BadFile(_("The file is empty."))
    if head.startswith(b"PK\x03\x04"):
        shape = FileShape(kind="xlsx", headers=[])
        shape.sheets = _check_xlsx(path)
        if sheet and sheet not in shape.sheets:
            raise BadFile(_("The workbook has no sheet “{sheet}”.").format(sheet=sheet))
        shape.sheet = sheet or shape.sheets[0]
    else:
        for signature, what in KNOWN_OTHERS.items():
            if head.startswith(signature):
                raise BadFile(
                    _("This is not a CSV or XLSX file: it looks like {what}.").format(what=what)
                )
        shape = FileShape(kind="csv", headers=[])
        shape.encoding = encoding or detect_encoding(head, whole=len(head) < SAMPLE_BYTES)
        text = _decode_sample(head, shape.encoding, whole=len(head) < SAMPLE_BYTES)
        shape.delimiter = detect_delimiter(text)
    rows = read_rows(path, shape)
    try:
        shape.headers = next(rows)[1]
        for _row in range(PREVIEW_ROWS):
            shape.sample.append(next(rows))
    except StopIteration:
        pass
    finally:
        rows.close()
    if not shape.headers:
        raise BadFile(_("The file has no rows."))
    if not shape.sample:
        raise BadFile(_("The file has a header row but no rows of data under it."))
    return shape


def detect_encoding(head: bytes, *, whole: bool) -> str:
    """The ENCODINGS key that reads `head` (the start of a file, all of it if `whole`)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        # The sample may end inside a character; that is still UTF-8.
        if not whole and error.start >= len(head) - 3:
            return "utf-8"
    best = from_bytes(head, cp_isolation=["cp1252", "gb18030"]).best()
    return "gb18030" if best and best.encoding == "gb18030" else "cp1252"


def _decode_sample(head: bytes, encoding: str, *, whole: bool) -> str:
    decoder = codecs.getincrementaldecoder(CODECS[encoding])()
    try:
        text = decoder.decode(head, final=whole)
    except UnicodeDecodeError:
        raise BadFile(
            _("The file cannot be read as {encoding}: choose its encoding.").format(
                encoding=ENCODING_NAMES[encoding]
            )
        ) from None
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\r\n")
    if "\x00" in text or controls > len(text) / 100:
        raise BadFile(
            _(
                "This is not a CSV or XLSX file (it holds binary data), or it is not "
                "{encoding}: choose its encoding."
            ).format(encoding=ENCODING_NAMES[encoding])
        )
    return text


def detect_delimiter(text: str) -> str:
    """`,` `;` or tab: what csv.Sniffer finds in the first lines, else the one the header
    line holds most of."""
    lines = text.splitlines(keepends=True)[:50]
    if len(lines) > 1 and not text.endswith(("\n", "\r")):
        lines = lines[:-1]  # the sample may end mid-line
    sample = "".join(lines)
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        header = lines[0] if lines else ""
        counts = {d: header.count(d) for d in DELIMITERS}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


def read_rows(path: Path | str, shape: FileShape) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) for every row that is not blank, the header first.

    Row numbers count records as a spreadsheet shows them (a quoted cell with line
    breaks is one row), from 1.
    """
    if shape.kind == "xlsx":
        yield from _xlsx_rows(Path(path), shape.sheet)
        return
    with open(path, encoding=CODECS[shape.encoding], newline="") as file:
        reader = csv.reader(file, delimiter=shape.delimiter)
        try:
            for number, cells in enumerate(reader, start=1):
                cells = [cell.strip() for cell in cells]
                if any(cells):
                    yield number, cells
        except UnicodeDecodeError:
            raise BadFile(
                _("Row {row} cannot be read as {encoding}: choose the file's encoding.").format(
                    row=reader.line_num + 1, encoding=ENCODING_NAMES[shape.encoding]
                )
            ) from None
        except csv.Error as error:
            raise BadFile(
                _("Row {row} cannot be read: {error}.").format(row=reader.line_num, error=error)
            ) from None


def data_rows(path: Path | str, shape: FileShape) -> Iterator[tuple[int, list[str]]]:
    """The rows under the header, each as long as the header."""
    width = len(shape.headers)
    rows = read_rows(path, shape)
    next(rows, None)
    for number, cells in rows:
        yield number, (cells + [""] * width)[:width]


def count_data_rows(path: Path | str, shape: FileShape) -> int:
    return sum(1 for _ in data_rows(path, shape))


# --- XLSX -----------------------------------------------------------------------


def _check_xlsx(path: Path) -> list[str]:
    """Refuse a zip that is not a workbook, a zip bomb, or XML with a DTD (the road
    to a billion laughs), before openpyxl reads a byte; return the sheet names."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise BadFile(_("This is not a CSV or XLSX file: it is a damaged zip file.")) from None
    with archive:
        members = archive.infolist()
        names = {member.filename for member in members}
        if "xl/workbook.xml" not in names:
            raise BadFile(
                _("This is not a CSV or XLSX file: it is a zip file, but not an Excel workbook.")
            )
        unpacked = sum(member.file_size for member in members)
        limit = settings.IMPORT_MAX_UNPACKED_BYTES
        if unpacked > limit:
            raise BadFile(
                _(
                    "The workbook unpacks to {size}, more than the {limit} an import may "
                    "take. Save it as CSV, or split it."
                ).format(size=filesizeformat(unpacked), limit=filesizeformat(limit))
            )
        for member in members:
            packed = max(member.compress_size, 1)
            if member.file_size > 1024 * 1024 and member.file_size / packed > MAX_PACKING_RATIO:
                raise BadFile(
                    _(
                        "The workbook is packed suspiciously tightly (a zip bomb?), so it is "
                        "not opened. Save it as CSV and import that."
                    )
                )
            if member.filename.endswith(XLSX_XML_SUFFIXES):
                with archive.open(member) as part:
                    start = part.read(64 * 1024)
                if b"<!DOCTYPE" in start or b"<!ENTITY" in start:
                    raise BadFile(
                        _(
                            "The workbook's XML declares entities (Excel never writes them; "
                            "they can be a billion-laughs attack), so it is not opened."
                        )
                    )
    with _workbook(path) as workbook:
        return workbook.sheetnames


@contextmanager
def _workbook(path: Path):
    """The workbook, opened from a file object: openpyxl would judge a path by its
    extension, and an XLSX is one whatever its name says."""
    import openpyxl  # heavy; only XLSX imports need it

    with path.open("rb") as file:
        try:
            # data_only=False: a formula comes back as its text, never evaluated.
            workbook = openpyxl.load_workbook(file, read_only=True, data_only=False)
        except Exception as error:  # openpyxl raises many kinds for a broken workbook
            raise BadFile(_("The workbook cannot be read: {error}.").format(error=error)) from None
        try:
            yield workbook
        finally:
            workbook.close()


def _xlsx_rows(path: Path, sheet: str) -> Iterator[tuple[int, list[str]]]:
    with _workbook(path) as workbook:
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            cells = [cell_text(value) for value in values]
            if any(cells):
                yield number, cells


def cell_text(value) -> str:
    """A workbook cell as the text a CSV would hold: dates in ISO, whole numbers without
    ".0", formulas as written."""
    match value:
        case None:
            return ""
        case bool():
            return "TRUE" if value else "FALSE"
        case datetime.datetime():
            if value.time() == datetime.time(0):
                return value.date().isoformat()
            return value.isoformat(sep=" ")
        case datetime.date() | datetime.time():
            return value.isoformat()
        case float() if value.is_integer():
            return str(int(value))
        case int() | float() | Decimal():
            return str(value)
        case str():
            return value.strip()
    # An array formula and the like: their text.
    return str(getattr(value, "text", value)).strip()
