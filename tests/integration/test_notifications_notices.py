"""A report changing hands is told at once, by inbox and e-mail (a real SMTP server): sent
(to the Office), returned with the comment (to the unit), accepted (to the unit); the e-mails
reach the unit's accounts' addresses as well as the contacts file's."""

from collections.abc import AsyncIterator
from datetime import date

import pytest
from nats.aio.client import Client

from shared.actor import Actor
from shared.settings import Settings
from tests.conftest import ADMIN, OFFICE, Asker, ManualClock, eventually
from tests.integration.notify_kit import Mailbox

PBGDPL = Actor(user_id="cb-pbgdpl", unit_id="pbgdpl", role="unit_officer")
REPORT = "2024-6-thang_pbgdpl"
COMMENT = "Đề nghị bổ sung số người tham dự nam/nữ của cuộc thi tháng 6."
SIX_MONTH = "Báo cáo 6 tháng đầu năm 2024"


@pytest.fixture
async def running(notify_settings: Settings, nc: Client) -> AsyncIterator[ManualClock]:
    from services.campaigns.app import build as campaigns
    from services.notifications.app import build as notifications

    # 18/06/2024: no reminder is due that day, so every message here is a notice
    settings = notify_settings.model_copy(update={"trigger_horizon_days": 0})
    clock = ManualClock(date(2024, 6, 18))
    apps = [campaigns(settings, clock), notifications(settings, clock)]
    for app in apps:
        await app.start()
    yield clock
    for app in reversed(apps):
        await app.stop()


async def mails(mailbox: Mailbox, count: int) -> list[tuple[str, str, str]]:
    """(to, subject, body) of the first `count` messages, once they are in."""

    async def arrived() -> bool:
        return len(mailbox.messages) >= count

    await eventually(arrived, timeout=20)
    return [(str(m["To"]), str(m["Subject"]), m.get_content()) for m in mailbox.messages]


@pytest.mark.timeout(90)
async def test_submitted_returned_resubmitted_accepted_each_tell_the_other_side_at_once(
    ask: Asker, running: ManualClock, mailbox: Mailbox
):
    # a second officer of the unit, with an address of their own: the unit's e-mails reach it
    officer = {"user_id": "cb2-pbgdpl", "name": "Nguyễn Văn A", "role": "unit_officer"}
    officer |= {"unit_id": "pbgdpl", "email": "Nguyen.Van.A@stp.example.gov.vn"}
    created = await ask(
        "planpulse.cmd.account.create", {**officer, "password": "mat-khau-2024"}, as_=ADMIN
    )
    assert created["ok"], created
    body = {"period_id": "2024-6-thang", "unit_id": "pbgdpl", "results": "Đã tổ chức cuộc thi."}
    assert (await ask("planpulse.cmd.report.submit", body, as_=PBGDPL))["ok"]
    [sent] = await mails(mailbox, 1)
    assert sent[0] == "vanphong@stp.example.gov.vn"
    assert sent[1] == f"[PlanPulse] Phòng Phổ biến, giáo dục pháp luật đã gửi {SIX_MONTH} (lần 1)"
    assert sent[2].startswith("Kính gửi: Văn phòng Sở.")
    assert "chờ Văn phòng Sở xem xét" in sent[2]

    returned = {"report_id": REPORT, "comment": COMMENT}
    assert (await ask("planpulse.cmd.report.return", returned, as_=OFFICE))["ok"]
    to, subject, text = (await mails(mailbox, 2))[1]
    assert to == "nguyen.van.a@stp.example.gov.vn, pbgdpl@stp.example.gov.vn"
    assert subject == f"[PlanPulse] Văn phòng Sở đã trả lại {SIX_MONTH} của đơn vị"
    assert f"Ý kiến của Văn phòng Sở: «{COMMENT}»" in text
    assert text.startswith("Kính gửi: Phòng Phổ biến, giáo dục pháp luật.")

    # the same day again: a notice is its own message, not held for tomorrow's digest
    assert (await ask("planpulse.cmd.report.submit", body, as_=PBGDPL))["ok"]
    assert (await mails(mailbox, 3))[2][1].endswith(f"đã gửi {SIX_MONTH} (lần 2)")
    gone = await ask("planpulse.cmd.account.disable", {"user_id": "cb2-pbgdpl"}, as_=ADMIN)
    assert gone["ok"], gone  # a disabled account reads nothing more
    accepted = {"report_id": REPORT, "comment": "Báo cáo đầy đủ."}
    assert (await ask("planpulse.cmd.report.accept", accepted, as_=OFFICE))["ok"]
    to, subject, text = (await mails(mailbox, 4))[3]
    assert (to, subject) == (
        "pbgdpl@stp.example.gov.vn",
        f"[PlanPulse] Văn phòng Sở đã tiếp nhận {SIX_MONTH} của đơn vị",
    )
    assert "Ý kiến của Văn phòng Sở: «Báo cáo đầy đủ.»" in text

    # the same notices in each side's inbox, newest first
    async def inbox(actor: Actor, count: int) -> list[dict[str, str]]:
        found: list[dict[str, str]] = []

        async def listed() -> bool:
            found[:] = (await ask("planpulse.query.inbox", {}, as_=actor))["items"]
            return len(found) >= count

        await eventually(listed, timeout=10)
        return found

    unit = await inbox(PBGDPL, 2)
    assert sorted(i["title"] for i in unit) == [
        f"[PlanPulse] Văn phòng Sở đã tiếp nhận {SIX_MONTH} của đơn vị",
        f"[PlanPulse] Văn phòng Sở đã trả lại {SIX_MONTH} của đơn vị",
    ]
    assert any(COMMENT in i["body"] for i in unit)
    office = await inbox(OFFICE, 2)
    assert sorted(i["title"][-7:] for i in office) == ["(lần 1)", "(lần 2)"]
    await running_still_quiet(mailbox)


async def running_still_quiet(mailbox: Mailbox) -> None:
    """Nothing else went out: four notices, no duplicate."""
    import asyncio

    await asyncio.sleep(0.5)
    assert len(mailbox.messages) == 4
    assert len({m["Message-ID"] for m in mailbox.messages}) == 4
