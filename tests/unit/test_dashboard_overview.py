"""The overview through an outage, and its feed naming people and what they touched."""

import json

from dashboard import client
from dashboard import texts_vi as T
from tests.unit.dashboard_fakes import COVERAGE, OFFICE, page


def activities_shown(at) -> str:
    return {m.label: m.value for m in at.metric}[T.ACTIVITIES]


def test_in_an_outage_the_last_figures_stay_with_the_time_they_were_seen(services):
    fake = services()
    at = page("overview", OFFICE).run()
    assert activities_shown(at) == "1.234"
    fake.replies["progress"] = client.ServiceUnavailable(T.OFFLINE)
    at.run()
    assert [w.value for w in at.warning] == [f"{T.OFFLINE} {T.SELF_HEALING}"]
    assert activities_shown(at) == "1.234"  # not vanished
    [seen] = [c.value for c in at.caption if c.value.startswith("Đang hiện số liệu")]
    assert seen == T.LAST_KNOWN.format(time=seen.split("lúc ")[1].rstrip("."))


def test_the_feed_names_the_person_and_the_activity(services):
    accounts = {
        "ok": True,
        "accounts": [{"user_id": "canbo.pbgdpl", "name": "Nguyễn Thị Hoa", "role": "unit_officer"}],
    }
    fake = services(accounts=accounts)
    at = page("overview", OFFICE).run()
    feed = at.dataframe[-1].value.values.tolist()
    assert [row[2:4] for row in feed] == [
        ["Hội nghị nhân ngày 8/3 · Phòng PBGDPL", "Nguyễn Thị Hoa"],
        ["Hội nghị nhân ngày 8/3 · Phòng PBGDPL", "Nguyễn Thị Hoa"],
    ]
    titles = {"activity_ids": ["a1"], "include_withdrawn": True, "page_size": 1}
    assert ("planpulse.query.activities", titles) in fake.sent


def test_the_heatmap_counts_whole_activities_names_units_and_stays_readable(services):
    empty = {"ok": True, **{k: v for k, v in COVERAGE.items() if k != "ok"}, "cells": []}
    services(coverage=empty)
    at = page("overview", OFFICE).run()
    spec = json.loads(at.get("vega_lite_chart")[-1].proto.spec)
    cells, labels = spec["layer"]
    color = cells["encoding"]["color"]
    assert color["legend"]["format"] == ",d" and color["legend"]["tickMinStep"] == 1
    assert spec["config"]["locale"]["number"]["thousands"] == "."  # 10.000, not 10000
    assert color["scale"]["domain"] == [0, 1]  # nothing yet: 0 to 1, never 0.000000
    assert labels["encoding"]["color"]["condition"]["value"] == "white"  # on dark cells
    assert {t["field"] for t in cells["encoding"]["tooltip"]} >= {T.UNIT, T.OCCASION_SHORT}
    assert "PBGDPL: Phòng PBGDPL" in [c.value for c in at.caption]  # the key to the columns
