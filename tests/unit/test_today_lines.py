"""What `planpulse up` prints about today, from the calendar query's answer."""

from planpulse_cli.today import describe


def test_under_way_next_occasion_and_deadline_with_their_countdowns():
    calendar = {
        "today": "2026-11-27",
        "under_way": [
            {"name": "Tháng hành động", "starts_on": "2026-11-15", "ends_on": "2026-12-15"}
        ],
        "next_occasion": {"name": "Ngày Quốc tế Phụ nữ", "starts_on": "2027-03-08", "days": 101},
        "next_deadline": {"name": "Báo cáo năm 2026", "due_on": "2026-12-20", "days": 23},
    }
    assert describe(calendar) == [
        "Hôm nay 27/11/2026:",
        "  Đang diễn ra: Tháng hành động (đến hết 15/12/2026)",
        "  Sắp tới: Ngày Quốc tế Phụ nữ, ngày 08/03/2027, còn 101 ngày",
        "  Hạn nộp báo cáo gần nhất: Báo cáo năm 2026, ngày 20/12/2026, còn 23 ngày",
    ]


def test_a_deadline_today_and_nothing_ahead():
    due_today = {"name": "Báo cáo năm 2026", "due_on": "2026-12-20", "days": 0}
    calendar = {"today": "2026-12-20", "under_way": [], "next_occasion": None}
    assert describe({**calendar, "next_deadline": due_today})[1].endswith("20/12/2026, hôm nay")
    assert describe({**calendar, "next_deadline": None}) == [
        "Hôm nay 20/12/2026:",
        "  Không có đợt truyền thông hay hạn nộp báo cáo nào sắp tới.",
    ]
