"""The files themselves: what a spreadsheet makes of odd cells, and Excel's row limit."""

import datetime
import io
from decimal import Decimal

from django.utils import timezone
from openpyxl import load_workbook

from ui.spreadsheets import Sheet, csv_lines, xlsx_response


def workbook(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)


def test_rows_beyond_a_sheets_limit_go_on_in_the_next_sheet_under_the_header():
    rows = [(n, f"Customer {n}") for n in range(7)]

    book = workbook(
        xlsx_response(
            [Sheet("Customers", ["ID", "Name"], iter(rows))], filename="x.xlsx", rows_per_sheet=3
        )
    )

    assert book.sheetnames == ["Customers", "Customers (2)", "Customers (3)"]
    sheets = [list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets]
    assert [sheet[0] for sheet in sheets] == [("ID", "Name")] * 3
    assert [row for sheet in sheets for row in sheet[1:]] == rows


def test_xlsx_cells_keep_their_type_and_lose_what_xml_cannot_hold():
    moment = timezone.make_aware(datetime.datetime(2026, 3, 14, 9, 30))
    row = (Decimal("12.50"), 3, datetime.date(2026, 1, 2), moment, "bell\x07 and =1+1", None)

    book = workbook(xlsx_response([Sheet("S", list("abcdef"), [row])], filename="x.xlsx"))

    (cells,) = list(book.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert cells[:3] == (12.5, 3, datetime.datetime(2026, 1, 2))
    assert cells[3] == timezone.localtime(moment).replace(tzinfo=None)
    assert cells[4] == "bell and =1+1"
    assert cells[5] is None


def test_csv_pieces_start_with_the_header_before_any_row_is_read():
    def rows():
        raise AssertionError("read before the header left")
        yield

    first = next(csv_lines(Sheet("S", ["Name"], rows())))

    assert first == "\ufeffName\r\n".encode()
