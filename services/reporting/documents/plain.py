"""What the documents write is plain text, whatever the stream holds: an activity logged before
the edge refused such text, or appended by other means, never breaks a compile nor becomes a
formula, a link to an unknown scheme or a disguised line in the Department's report."""

from typing import Any

from openpyxl import Workbook

from services.reporting.documents.model import ConsolidatedReport
from shared.textrules import printable

LINK_SCHEMES = ("http://", "https://")


def _plain(value: Any) -> Any:
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {_plain(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def plain_report(report: ConsolidatedReport) -> ConsolidatedReport:
    """The same report with every text printable (XML-illegal characters and bidirectional
    controls dropped)."""
    return ConsolidatedReport.model_validate(_plain(report.model_dump()))


def cells_as_text(workbook: Workbook) -> None:
    """Every string cell typed as text, never a formula (a title may start with '='); a link
    only to http(s)."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
                if cell.hyperlink is not None:
                    target = cell.hyperlink.target or ""
                    if not target.lower().startswith(LINK_SCHEMES):
                        cell.hyperlink = None
