"""Files a spreadsheet opens: CSV streamed as it is written, XLSX built in a temp file.

A sheet is its header row and an iterator of rows (tuples of plain values: text,
numbers, dates). Every text cell goes through `as_text`, so a cell that a user typed
as `=HYPERLINK(...)` is shown, never run (CSV injection).
"""

import csv
import datetime
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ui.spreadsheet_cells import as_text, text_cell

# Excel reads a CSV file without a byte order mark in the machine's legacy code page
# (Windows-1252, GBK...), which garbles "Zoë" and "客户". The UTF-8 BOM tells it the
# file is UTF-8; every other reader we know skips it.
BOM = "\ufeff"
# Rows joined into one piece of the response: one write per row would cost a system
# call per row, one per file would hold the whole file in memory.
ROWS_PER_PIECE = 500


@dataclass
class Sheet:
    title: str
    headers: list[str]
    rows: Iterable[tuple]


def csv_cell(value, tz) -> str:
    # Most cells are text, and most of the rest empty: those are asked first (a million
    # rows, ten cells each).
    if type(value) is str:
        return text_cell(value)
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        # To the minute, on the site's clock; isoformat() is several times strftime()'s speed.
        local = value.astimezone(tz).replace(tzinfo=None)
        return local.isoformat(" ", "minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)  # an amount is a number, not text a formula could hide in
    return as_text(value)


def csv_lines(sheet: Sheet) -> Iterator[bytes]:
    """The sheet as CSV, in pieces of a few hundred rows: the header row comes first,
    before the rows are even read, so the download starts at once."""

    class Line:
        def write(self, text):
            return text

    writer = csv.writer(Line())
    yield (BOM + writer.writerow(sheet.headers)).encode()
    tz = timezone.get_current_timezone()  # once: each ask is a context-local lookup
    piece = []
    for row in sheet.rows:
        piece.append(writer.writerow([csv_cell(value, tz) for value in row]))
        if len(piece) >= ROWS_PER_PIECE:
            yield "".join(piece).encode()
            piece = []
    if piece:
        yield "".join(piece).encode()


def csv_response(sheet: Sheet, *, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(sheet), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_cell(value):
    if isinstance(value, datetime.datetime):
        # Excel has no time zones: the user's wall-clock time, as on screen.
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, datetime.date | int | float | Decimal) and not isinstance(value, bool):
        return value
    # Control characters XML cannot hold would stop the whole file (openpyxl refuses them).
    return ILLEGAL_CHARACTERS_RE.sub("", as_text(value))


# A worksheet holds at most 1,048,576 rows (Excel's limit, the header's included):
# more rows go on in a sheet of the same name and number, under the header again.
ROWS_PER_SHEET = 1_048_576 - 1


def xlsx_response(
    sheets: list[Sheet], *, filename: str, rows_per_sheet: int = ROWS_PER_SHEET
) -> FileResponse:
    """The sheets as one XLSX workbook, a sheet each.

    XLSX cannot send its first byte before its last row is written: it is a zip whose
    parts (and the directory at its end) are complete only once every row is in. So
    the workbook is written to a temporary file, in openpyxl's write-only mode, which
    keeps a row in memory only until it is written out, and then sent from that file.
    The file has no name on disk and goes when the response closes it.
    """
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        part, written = 1, 0
        worksheet = _worksheet(workbook, sheet, part)
        for row in sheet.rows:
            if written == rows_per_sheet:
                part, written = part + 1, 0
                worksheet = _worksheet(workbook, sheet, part)
            worksheet.append([xlsx_cell(value) for value in row])
            written += 1
    file = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (the response closes it)
    try:
        workbook.save(file)
    except BaseException:
        file.close()
        raise
    file.seek(0)
    return FileResponse(
        file,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _worksheet(workbook, sheet: Sheet, part: int):
    title = sheet.title if part == 1 else f"{sheet.title} ({part})"
    worksheet = workbook.create_sheet(title=title[:31])  # Excel's limit on a sheet's name
    worksheet.append(sheet.headers)
    return worksheet
