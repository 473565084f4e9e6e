import pytest

from ui.spreadsheet_cells import as_text


@pytest.mark.parametrize(
    "typed",
    ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"],
)
def test_a_cell_that_a_spreadsheet_would_evaluate_is_written_as_text(typed):
    assert as_text(typed) == "'" + typed


@pytest.mark.parametrize("plain", ["Ann Lee", "ann@example.com", "", "Acme = fine"])
def test_plain_text_is_written_as_typed(plain):
    assert as_text(plain) == plain


def test_numbers_stay_numbers_and_nothing_is_empty():
    assert as_text(-12.5) == "-12.5"
    assert as_text(3) == "3"
    assert as_text(None) == ""
