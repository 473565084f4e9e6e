"""Reading what an export sent, as a spreadsheet would."""

import csv
import io
import re

from openpyxl import load_workbook

ROW_ID = re.compile(r'<tr[^>]* id="customer-(\d+)"')


def csv_rows(response) -> list[list[str]]:
    """The rows of a streamed CSV download, header first (the BOM read and dropped)."""
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def xlsx_sheets(response) -> dict[str, list[list]]:
    body = b"".join(response.streaming_content)
    workbook = load_workbook(io.BytesIO(body), read_only=True)
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in workbook.worksheets
    }


def grid_ids(client, query: str) -> list[int]:
    """The customers' ids in the order the grid shows them, page after page."""
    ids, page = [], 1
    while True:
        response = client.get(f"/customers/?{query}&page={page}")
        assert response.status_code == 200
        shown = [int(pk) for pk in ROW_ID.findall(response.content.decode())]
        ids += shown
        if len(shown) < 25:
            return ids
        page += 1
