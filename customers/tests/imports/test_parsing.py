"""Reading files: every encoding and delimiter, quoted line breaks, XLSX, bad files."""

import zipfile

import pytest

from customers.imports.parsing import BadFile, data_rows, inspect_file
from customers.tests.imports.helpers import csv_bytes, xlsx_bytes

ROWS = [
    ["Name", "E-mail", "Company"],
    ["Zoë Müller", "zoe@example.com", "Café Crème"],
    ["Renée O'Hara", "renee@example.com", "Straße & Söhne"],
]
CHINESE = [["客户名称", "电子邮件"], ["张三", "zhang@example.com"], ["李四", "li@example.com"]]


def read_all(path, shape):
    return [cells for _, cells in data_rows(path, shape)]


@pytest.mark.parametrize(
    ("rows", "encoding", "prefix", "expected"),
    [
        (ROWS, "utf-8", b"", "utf-8"),
        (ROWS, "utf-8", b"\xef\xbb\xbf", "utf-8"),
        (ROWS, "utf-16", b"", "utf-16"),  # Python writes the BOM
        (ROWS, "cp1252", b"", "cp1252"),
        (CHINESE, "gb18030", b"", "gb18030"),
        (CHINESE, "gbk", b"", "gb18030"),
    ],
)
def test_each_encoding_is_detected_and_read(write_file, rows, encoding, prefix, expected):
    path = write_file(prefix + csv_bytes(rows, encoding=encoding))
    shape = inspect_file(path)
    assert shape.kind == "csv"
    assert shape.encoding == expected
    assert shape.headers == rows[0]
    assert read_all(path, shape) == rows[1:]


def test_a_chosen_encoding_overrides_the_guess(write_file):
    path = write_file(csv_bytes(ROWS, encoding="cp1252"))
    shape = inspect_file(path, encoding="cp1252")
    assert read_all(path, shape)[0][0] == "Zoë Müller"


def test_a_file_that_is_not_in_the_chosen_encoding_says_so(write_file):
    path = write_file(csv_bytes(ROWS, encoding="cp1252"))
    with pytest.raises(BadFile, match="cannot be read as UTF-8"):
        inspect_file(path, encoding="utf-8")


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_each_delimiter_is_detected(write_file, delimiter):
    rows = [["Name", "Email", "Phone"], ["Ann, Jr.", "ann@example.com", "+1 (415) 555-0100"]]
    path = write_file(csv_bytes(rows, delimiter=delimiter))
    shape = inspect_file(path)
    assert shape.delimiter == delimiter
    assert read_all(path, shape) == rows[1:]


def test_a_quoted_field_may_hold_line_breaks_and_counts_as_one_row(write_file):
    rows = [["Name", "Email", "Company"], ["Ann", "ann@example.com", "Line one\nLine two"]]
    rows.append(["Bob", "bob@example.com", "Plain"])
    path = write_file(csv_bytes(rows, delimiter=";"))
    shape = inspect_file(path)
    assert list(data_rows(path, shape)) == [
        (2, ["Ann", "ann@example.com", "Line one\nLine two"]),
        (3, ["Bob", "bob@example.com", "Plain"]),
    ]


def test_short_rows_are_padded_and_blank_rows_left_out(write_file):
    path = write_file(
        b"Name,Email,Phone\r\nAnn,ann@example.com\r\n,,\r\n\r\nBob,b@example.com,1\r\n"
    )
    shape = inspect_file(path)
    assert read_all(path, shape) == [["Ann", "ann@example.com", ""], ["Bob", "b@example.com", "1"]]


def test_xlsx_first_sheet_or_a_chosen_one(write_file):
    other = [["Name", "Email"], ["Other", "other@example.com"]]
    path = write_file(xlsx_bytes(ROWS, sheets={"Archive": other}), "book.xlsx")
    shape = inspect_file(path)
    assert (shape.kind, shape.sheet, shape.sheets) == (
        "xlsx",
        "Customers",
        ["Customers", "Archive"],
    )
    assert read_all(path, shape) == ROWS[1:]
    assert read_all(path, inspect_file(path, sheet="Archive")) == other[1:]
    with pytest.raises(BadFile, match="no sheet “Nope”"):
        inspect_file(path, sheet="Nope")


def test_xlsx_formulas_numbers_and_dates_come_as_text(write_file):
    import datetime

    rows = [["Name", "Email", "Phone", "Created"]]
    rows.append(
        ['=HYPERLINK("http://evil")', "a@example.com", 4155550100, datetime.date(2024, 3, 14)]
    )
    path = write_file(xlsx_bytes(rows), "book.xlsx")
    shape = inspect_file(path)
    assert read_all(path, shape) == [
        ['=HYPERLINK("http://evil")', "a@example.com", "4155550100", "2024-03-14"]
    ]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.csv", "The file is empty."),
        (b"   \r\n\r\n", "blank.csv", "The file is empty."),
        (b"Name,Email\r\n", "header.csv", "header row but no rows"),
        (b"%PDF-1.7 binary", "report.csv", "looks like a PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.xls", "old Excel"),
        (b"\x00\x01\x02\x03binary\x00stuff" * 20, "data.csv", "not a CSV or XLSX"),
    ],
)
def test_bad_files_say_what_is_wrong(write_file, data, name, message):
    with pytest.raises(BadFile, match=message):
        inspect_file(write_file(data, name))


def test_a_zip_that_is_not_a_workbook_is_refused(write_file, tmp_path):
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(BadFile, match="not an Excel workbook"):
        inspect_file(path)


def test_a_zip_bomb_is_refused_before_it_is_opened(write_file, tmp_path, settings):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b"a" * 50_000_000 + b"/>")
    with pytest.raises(BadFile, match="zip bomb"):
        inspect_file(path)
    settings.IMPORT_MAX_UNPACKED_BYTES = 1_000_000
    with pytest.raises(BadFile, match="unpacks to 47.7"):
        inspect_file(path)


def test_a_billion_laughs_workbook_is_refused(write_file, tmp_path):
    source = write_file(xlsx_bytes(ROWS), "good.xlsx")
    path = tmp_path / "laughs.xlsx"
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        'uniqueCount="1"><si><t>&lol2;</t></si></sst>'
    )
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as archive:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "xl/sharedStrings.xml":
                data = laughs.encode()
            archive.writestr(item, data)
        if "xl/sharedStrings.xml" not in original.namelist():
            archive.writestr("xl/sharedStrings.xml", laughs)
    with pytest.raises(BadFile, match="billion-laughs"):
        inspect_file(path)


def test_the_content_decides_not_the_name(write_file):
    workbook = write_file(xlsx_bytes(ROWS), "looks-like.csv")
    assert inspect_file(workbook).kind == "xlsx"
    text = write_file(csv_bytes(ROWS), "looks-like.xlsx")
    assert inspect_file(text).kind == "csv"
