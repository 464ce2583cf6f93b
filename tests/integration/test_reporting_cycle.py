"""The reporting cycle against the real server: unit reports, the Office's review, the
completeness and timeliness figures, and the consolidated report's documents."""

import base64
import csv
import hashlib
import io
import json
import shutil
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import pytest
from docx import Document
from nats.aio.client import Client
from openpyxl import load_workbook

from services.campaigns.app import build as build_campaigns
from services.reporting.app import build as build_reporting
from services.reporting.compile import BUCKET
from shared.actor import Actor
from shared.settings import Settings
from shared.subjects import REBUILD_READ_MODELS, STREAM
from tests.conftest import ADMIN, OFFICE, Asker, ManualClock, eventually

PERIOD = "2024-6-thang"  # cut-off 15/12/2023 – 14/06/2024, due 20/06/2024


def officer(unit: str) -> Actor:
    return Actor(user_id=f"cb-{unit}", unit_id=unit, role="unit_officer")


@pytest.fixture
async def clock(settings: Settings) -> AsyncIterator[ManualClock]:
    manual = ManualClock(date(2024, 6, 18))
    quiet = settings.model_copy(update={"clock_tick_seconds": 3600})  # triggers: another test
    apps = [build_campaigns(quiet, manual), build_reporting(quiet, manual)]
    for app in apps:
        await app.start()
    yield manual
    for app in apps:
        await app.stop()


async def send(ask: Asker, subject: str, body: dict[str, Any], actor: Actor) -> dict[str, Any]:
    return await ask(subject, body, timeout=30, as_=actor)


async def stream_count(nc: Client) -> int:
    return (await nc.jetstream().stream_info(STREAM)).state.messages


async def caught_up(ask: Asker) -> None:
    last = (await ask.nc.jetstream().stream_info(STREAM)).state.last_seq

    async def done() -> bool:
        return (await ask("planpulse.query.progress", {}))["position"] >= last

    await eventually(done)


ACTIVITIES = [  # unit, task, occasion, date, men, women, form
    ("tgpl", "3", None, "2024-01-15", 3, 9, "legal_aid"),
    ("tgpl", "5", "2024-quoc-te-phu-nu", "2024-03-08", 10, 25, "conference"),
    ("pbgdpl", "1", None, "2024-02-20", 40, 60, "training"),
    ("pbgdpl", "2", None, "2024-04-02", 0, 0, "news_article"),
    ("pbgdpl", "4", "2024-thang-phong-chong-bao-luc-gia-dinh", "2024-06-05", 15, 30, "print"),
    ("hctp", "5", "2024-quoc-te-phu-nu", "2024-03-07", 5, 12, "social_media"),
    ("btp", "6", None, "2024-05-10", 20, 22, "training"),
    ("cc1", "5", "2024-quoc-te-hanh-phuc", "2024-03-20", 2, 6, "contest"),
    ("tgpl", "5", "2024-phong-chong-mua-ban-nguoi", "2024-07-30", 7, 7, "conference"),  # after
]


async def log_activities(ask: Asker, which: slice) -> None:
    for n, (unit, task, occasion, day, men, women, form) in list(enumerate(ACTIVITIES))[which]:
        body = {
            "unit_id": unit,
            "task_id": task,
            "occasion_id": occasion,
            "date": day,
            "title": f"Hoạt động số {n + 1} của {unit}",
            "form": form,
            "participants": {"men": men, "women": women},
            "materials": n,
        }
        reply = await send(ask, "planpulse.cmd.activity.log", body, officer(unit))
        assert reply["ok"], reply


def submission(unit: str) -> dict[str, Any]:
    return {
        "period_id": PERIOD,
        "unit_id": unit,
        "results": f"Kết quả của {unit}.",
        "difficulties": f"Khó khăn của {unit}.",
        "proposals": f"Đề xuất của {unit}.",
    }


async def run_the_period(ask: Asker, clock: ManualClock) -> None:
    await log_activities(ask, slice(0, -1))
    for unit in ("tgpl", "pbgdpl"):  # on time
        assert (await send(ask, "planpulse.cmd.report.submit", submission(unit), officer(unit)))[
            "ok"
        ]
    clock.day = date(2024, 6, 19)
    assert (await send(ask, "planpulse.cmd.report.submit", submission("btp"), officer("btp")))["ok"]
    returned = await send(
        ask,
        "planpulse.cmd.report.return",
        {"report_id": f"{PERIOD}_btp", "comment": "Đề nghị bổ sung số liệu."},
        OFFICE,
    )
    assert returned["ok"], returned
    clock.day = date(2024, 6, 25)  # after the due date
    late = await send(ask, "planpulse.cmd.report.submit", submission("hctp"), officer("hctp"))
    assert late["ok"]
    again = await send(ask, "planpulse.cmd.report.submit", submission("btp"), officer("btp"))
    assert again["ok"] and again["version"] == 3
    accepted = await send(
        ask, "planpulse.cmd.report.accept", {"report_id": f"{PERIOD}_tgpl"}, OFFICE
    )
    assert accepted["ok"]
    clock.day = date(2024, 8, 1)
    await log_activities(ask, slice(-1, None))  # after the cut-off: in the annual period only
    await caught_up(ask)


async def test_completeness_and_timeliness_follow_the_dhis2_definitions(
    ask: Asker, nc: Client, clock: ManualClock
):
    await run_the_period(ask, clock)
    status = await ask("planpulse.query.report_status", {"period_id": PERIOD})
    by_unit = {row["unit_id"]: row for row in status["units"]}
    # computed here from what the test did: 11 reporting units (the Office compiles);
    # tgpl, pbgdpl on time; btp first sent on time, returned, resent; hctp late; 7 missing
    assert status["expected"] == 11
    assert status["submitted"] == 4 and status["on_time"] == 3
    assert status["completeness_rate"] == pytest.approx(4 / 11)
    assert status["timeliness_rate"] == pytest.approx(3 / 4)
    assert [by_unit[u]["status"] for u in ("tgpl", "pbgdpl", "btp", "hctp", "cc1")] == [
        "accepted",
        "submitted",
        "submitted",
        "submitted",
        "missing",
    ]
    assert (by_unit["btp"]["revision"], by_unit["btp"]["first_submitted_on"]) == (2, "2024-06-19")
    assert by_unit["hctp"]["late"] is True and by_unit["hctp"]["on_time"] is False
    assert by_unit["tgpl"]["activities"] == 2  # the 30/07 one is outside the 6-month cut-off
    draft = await ask("planpulse.query.report_draft", {"period_id": PERIOD, "unit_id": "pbgdpl"})
    assert draft["totals"]["activities"] == 3 and draft["articles"] == 1
    assert draft["report"]["status"] == "submitted"
    # both say which stream position they reflect: a client waits for its own last command
    last = (await nc.jetstream().stream_info(STREAM)).state.last_seq
    assert status["position"] == draft["position"] == last


async def test_a_unit_cannot_act_for_another_nor_change_an_accepted_report(
    ask: Asker, nc: Client, clock: ManualClock
):
    await run_the_period(ask, clock)
    before = await stream_count(nc)
    for_other = await send(ask, "planpulse.cmd.report.submit", submission("cc1"), officer("tgpl"))
    locked = await send(ask, "planpulse.cmd.report.submit", submission("tgpl"), officer("tgpl"))
    self_accept = await send(
        ask, "planpulse.cmd.report.accept", {"report_id": f"{PERIOD}_pbgdpl"}, officer("pbgdpl")
    )
    assert [r["error"]["code"] for r in (for_other, locked, self_accept)] == [
        "forbidden",
        "report_locked",
        "forbidden",
    ]
    assert all(r["error"]["message"] for r in (for_other, locked, self_accept))
    assert await stream_count(nc) == before


async def test_a_unit_withdraws_its_report_before_review_and_sends_it_again(
    ask: Asker, nc: Client, clock: ManualClock
):
    await run_the_period(ask, clock)
    report = f"{PERIOD}_pbgdpl"  # submitted, waiting for the Office
    by_other = await send(
        ask, "planpulse.cmd.report.withdraw", {"report_id": report}, officer("tgpl")
    )
    assert by_other["error"]["code"] == "report_not_found"
    taken = await send(
        ask,
        "planpulse.cmd.report.withdraw",
        {"report_id": report, "reason": "Thiếu số liệu tháng 6."},
        officer("pbgdpl"),
    )
    assert taken["ok"], taken
    await caught_up(ask)
    status = await ask("planpulse.query.report_status", {"period_id": PERIOD})
    row = next(u for u in status["units"] if u["unit_id"] == "pbgdpl")
    assert (row["status"], row["status_vi"]) == ("withdrawn", "Đơn vị đã rút lại để sửa")
    assert status["submitted"] == 3  # no longer with the Office
    accept = await send(ask, "planpulse.cmd.report.accept", {"report_id": report}, OFFICE)
    assert accept["error"]["code"] == "report_not_submitted"
    again = await send(ask, "planpulse.cmd.report.submit", submission("pbgdpl"), officer("pbgdpl"))
    assert again["ok"], again
    await caught_up(ask)
    status = await ask("planpulse.query.report_status", {"period_id": PERIOD})
    row = next(u for u in status["units"] if u["unit_id"] == "pbgdpl")
    assert (row["status"], row["revision"], status["submitted"]) == ("submitted", 2, 4)


def num(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def unsorted(figures: dict[str, Any]) -> int:
    return int(figures["participants"] - figures["men"] - figures["women"])


def sentence(figures: dict[str, Any]) -> str:
    rest = f", chưa tách nam/nữ: {num(unsorted(figures))}" if unsorted(figures) else ""
    return (
        f"Tổ chức {num(figures['activities'])} hoạt động với {num(figures['participants'])} "
        f"lượt người tham dự (nam: {num(figures['men'])}, nữ: {num(figures['women'])}{rest}); "
        f"phát hành {num(figures['materials'])} tài liệu, ấn phẩm."
    )


def counts(figures: dict[str, Any]) -> list[str]:
    keys = ("activities", "participants", "men", "women")
    return [*(num(figures[k]) for k in keys), num(unsorted(figures)), num(figures["materials"])]


def check_documents(
    files: dict[str, bytes],
    progress: dict[str, Any],
    status: dict[str, Any],
    coverage: dict[str, Any],
) -> None:
    """Every number in the two documents equals the read models'."""

    def units_of(occasion: dict[str, Any]) -> int:
        return sum(1 for c in coverage["cells"] if c["occasion_id"] == occasion["occasion_id"])

    document = Document(io.BytesIO(files[f"bao-cao-tong-hop-{PERIOD}.docx"]))
    texts = [p.text for p in document.paragraphs]
    assert f"Kết quả chung: {sentence(progress['totals'])}" in texts
    for task in progress["by_task"]:
        assert sentence(task) in texts, task["task_id"]
    header, occasions, _totals, units, closing = document.tables
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.rows[0].cells[1].text
    # only the occasions begun by the cut-off (14/06): the June month says where it stops
    in_period = [o for o in progress["by_occasion"] if o["starts_on"] <= "2024-06-14"]
    assert len(in_period) == 3
    assert [[c.text for c in row.cells] for row in occasions.rows[1:]] == [
        [
            o["name"],
            *(row_span(o)),
            num(o["activities"]),
            num(units_of(o)),
            num(o["participants"]),
            num(o["men"]),
            num(o["women"]),
            num(unsorted(o)),
        ]
        for o in in_period
    ]
    # every unit, the Office included, and a total row equal to the period's totals
    assert [[c.text for c in row.cells] for row in units.rows[1:]] == [
        [u["name"], *counts(u)] for u in progress["by_unit"]
    ] + [["Tổng cộng", *counts(progress["totals"])]]
    rates = (
        f"tỷ lệ đầy đủ {status['completeness_rate'] * 100:.1f}%".replace(".", ","),
        f"tỷ lệ đúng hạn {status['timeliness_rate'] * 100:.1f}%".replace(".", ","),
    )
    assert any(rates[0] in t and rates[1] in t for t in texts)
    assert "Sở LĐ-TBXH" in closing.rows[0].cells[0].text
    assert document.sections[0].page_width.mm == pytest.approx(210, abs=0.5)
    assert document.styles["Normal"].font.name == "Times New Roman"

    book = load_workbook(io.BytesIO(files[f"bao-cao-tong-hop-{PERIOD}.xlsx"]))
    rows = list(book["Hoạt động"].iter_rows(min_row=2, values_only=True))
    totals = progress["totals"]
    assert len(rows) == totals["activities"]
    assert (
        sum(r[7] for r in rows),
        sum(r[8] for r in rows),
        sum(r[9] for r in rows),
        sum(r[10] for r in rows),
    ) == (totals["men"], totals["women"], totals["participants"], totals["materials"])
    assert book["Hoạt động"].auto_filter.ref.startswith("A1:L")
    summary = {r[0]: r[1:] for r in book["Tổng hợp"].iter_rows(values_only=True) if r}
    assert summary["Tổng cộng"][:6] == (
        totals["activities"],
        totals["participants"],
        totals["men"],
        totals["women"],
        unsorted(totals),
        totals["materials"],
    )
    for task in progress["by_task"]:
        assert summary[f"Nhiệm vụ {task['task_id']}: {task['short_title']}"][:6] == (
            task["activities"],
            task["participants"],
            task["men"],
            task["women"],
            unsorted(task),
            task["materials"],
        )
    assert summary["Số báo cáo đã gửi"][0] == status["submitted"]
    assert summary["Tỷ lệ đúng hạn"][0] == pytest.approx(status["timeliness_rate"])


def row_span(occasion: dict[str, Any]) -> list[str]:
    start, end = (date.fromisoformat(occasion[k]) for k in ("starts_on", "ends_on"))
    cut = "\n(số liệu đến 14/06/2024)" if end > date(2024, 6, 14) else ""
    return [f"{start:%d/%m/%Y}" if start == end else f"{start:%d/%m/%Y} - {end:%d/%m/%Y}{cut}"]


async def compile_period(ask: Asker) -> tuple[dict[str, Any], dict[str, bytes]]:
    reply = await send(ask, "planpulse.cmd.consolidated.compile", {"period_id": PERIOD}, OFFICE)
    assert reply["ok"], reply
    store = await ask.nc.jetstream().object_store(BUCKET)
    files = {}
    for file in reply["files"]:
        data = (await store.get(file["object"])).data
        assert hashlib.sha256(data).hexdigest() == file["sha256"]
        served = await ask("planpulse.query.consolidated_file", {"object": file["object"]}, OFFICE)
        assert base64.b64decode(served["content_base64"]) == data  # the dashboard's download
        files[file["name"]] = data
    return reply, files


async def test_the_consolidated_report_matches_the_read_models_and_survives_a_rebuild(
    ask: Asker, nc: Client, clock: ManualClock
):
    await run_the_period(ask, clock)
    refused = await send(
        ask, "planpulse.cmd.consolidated.compile", {"period_id": PERIOD}, officer("tgpl")
    )
    assert refused["error"]["code"] == "forbidden"
    reply, files = await compile_period(ask)
    absent = {"object": f"{'0' * 64}/bao-cao.docx"}
    missing = await ask("planpulse.query.consolidated_file", absent, as_=OFFICE)
    assert missing["error"]["code"] == "not_found"
    refused = await ask("planpulse.query.consolidated_file", absent)  # a unit officer
    assert refused["error"]["code"] == "forbidden"
    progress = await ask("planpulse.query.progress", {"period_id": PERIOD})
    status = await ask("planpulse.query.report_status", {"period_id": PERIOD})
    assert reply["figures"] == {
        **progress["totals"],
        "expected": status["expected"],
        "submitted": status["submitted"],
        "on_time": status["on_time"],
    }
    assert reply["report_ids"] == [f"{PERIOD}_tgpl"]  # the narratives of accepted reports only
    waiting = {(p["unit_id"], p["status"]) for p in reply["pending"]}
    assert {("pbgdpl", "submitted"), ("btp", "submitted"), ("cc1", "missing")} <= waiting
    assert len(waiting) == 10  # eleven reporting units, one accepted
    stem = f"bao-cao-tong-hop-{PERIOD}"
    assert {f["name"] for f in reply["files"]} == {f"{stem}.docx", f"{stem}.xlsx"}
    with_pdf = shutil.which("libreoffice") is not None
    assert ("pdf_unavailable" in reply) is not with_pdf
    if with_pdf:  # made after the reply; listed with the compilation once stored
        docx = next(f for f in reply["files"] if f["name"].endswith(".docx"))
        assert reply["pdf"]["object"] == f"{docx['sha256']}/{stem}.pdf"

        async def pdf_listed() -> bool:
            listed = await ask("planpulse.query.consolidated", {"period_id": PERIOD})
            return any(f["name"] == f"{stem}.pdf" for f in listed["compiled"][0]["files"])

        await eventually(pdf_listed, timeout=90)
        pdf_object = {"object": reply["pdf"]["object"]}
        served = await ask("planpulse.query.consolidated_file", pdf_object, as_=OFFICE)
        pdf = base64.b64decode(served["content_base64"])
        assert pdf.startswith(b"%PDF")
        listed = await ask("planpulse.query.consolidated", {"period_id": PERIOD})
        [entry] = [f for f in listed["compiled"][0]["files"] if f["name"] == f"{stem}.pdf"]
        assert entry["sha256"] == hashlib.sha256(pdf).hexdigest() and entry["size"] == len(pdf)
    coverage = await ask("planpulse.query.coverage", {"period_id": PERIOD})
    check_documents(files, progress, status, coverage)

    # the event records the inputs and the files' hashes
    js = nc.jetstream()
    event = json.loads((await js.get_msg(STREAM, seq=reply["sequence"])).data)
    assert event["type"] == "planpulse.consolidated.compiled.v1"
    assert event["actor"] == "vp-chuyenvien@van-phong"
    assert {f["sha256"] for f in event["data"]["files"]} == {f["sha256"] for f in reply["files"]}
    assert event["data"]["stream_sequence"] == reply["stream_sequence"]

    rebuilt = await ask(REBUILD_READ_MODELS, {}, timeout=60, as_=ADMIN)
    assert rebuilt["ok"], rebuilt
    again, files_again = await compile_period(ask)
    assert again["figures"] == reply["figures"]

    def same_bytes(compiled: dict[str, Any]) -> list[str]:  # the PDF carries its time
        return [f["sha256"] for f in compiled["files"] if not f["name"].endswith(".pdf")]

    assert same_bytes(again) == same_bytes(reply)
    await caught_up(ask)
    listed = await ask("planpulse.query.consolidated", {"period_id": PERIOD})
    assert [c["sequence"] for c in listed["compiled"]] == [again["sequence"], reply["sequence"]]


async def test_views_filter_by_period_unit_task_and_export_as_csv(
    ask: Asker, nc: Client, clock: ManualClock
):
    await run_the_period(ask, clock)
    coverage = await ask("planpulse.query.coverage", {"period_id": PERIOD})
    cells = {(c["unit_id"], c["occasion_id"]): c["activities"] for c in coverage["cells"]}
    assert cells == {
        ("tgpl", "2024-quoc-te-phu-nu"): 1,
        ("hctp", "2024-quoc-te-phu-nu"): 1,
        ("pbgdpl", "2024-thang-phong-chong-bao-luc-gia-dinh"): 1,
        ("cc1", "2024-quoc-te-hanh-phuc"): 1,
    }
    task5 = await ask("planpulse.query.progress", {"period_id": PERIOD, "task_id": "5"})
    assert task5["totals"]["activities"] == 3  # the 30/07 one is in the annual period only
    annual = await ask("planpulse.query.progress", {"period_id": "2024-nam"})
    listing = await ask("planpulse.query.activities", {"period_id": "2024-nam"})
    assert annual["totals"]["activities"] == len(ACTIVITIES), listing
    for view, rows in (("activities", 8), ("by_task", 6), ("report_status", 11), ("coverage", 12)):
        exported = await ask("planpulse.query.export", {"view": view, "period_id": PERIOD})
        assert exported["ok"], exported
        lines = list(csv.reader(io.StringIO(exported["csv"].lstrip("\ufeff"))))
        assert len(lines) == rows + 1, (view, lines[:3])
    listing = await ask(
        "planpulse.query.export",
        {"view": "activities", "period_id": PERIOD, "unit_id": "pbgdpl"},
    )
    body = list(csv.reader(io.StringIO(listing["csv"].lstrip("\ufeff"))))
    assert body[0][:3] == ["Ngày", "Mã đơn vị", "Nhiệm vụ"] and len(body) == 4
    assert sum(int(row[7]) for row in body[1:]) == 55  # men of pbgdpl in the period
