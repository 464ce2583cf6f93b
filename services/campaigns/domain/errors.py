"""Every refusal of the campaigns service: a stable code and a Vietnamese message."""

from shared.replies import ProblemError, refuse

FIELD_LABELS: dict[str, str] = {
    "activity_id": "Mã hoạt động",
    "plan_id": "Kế hoạch",
    "unit_id": "Phòng, đơn vị",
    "task_id": "Nhiệm vụ",
    "occasion_id": "Đợt truyền thông, ngày kỷ niệm",
    "date": "Ngày thực hiện",
    "title": "Tên hoạt động",
    "form": "Hình thức",
    "audience": "Đối tượng",
    "participants": "Số người tham dự",
    "participants.men": "Số người tham dự nam",
    "participants.women": "Số người tham dự nữ",
    "participants.total": "Tổng số người tham dự",
    "materials": "Số tài liệu, ấn phẩm",
    "evidence_url": "Đường dẫn minh chứng",
    "note": "Ghi chú",
    "reason": "Lý do",
    "expected_version": "Phiên bản",
    "period_id": "Kỳ báo cáo",
    "report_id": "Mã báo cáo",
    "results": "Kết quả thực hiện",
    "difficulties": "Khó khăn, vướng mắc",
    "proposals": "Đề xuất, kiến nghị",
    "comment": "Ý kiến của Văn phòng",
    "user_id": "Tên đăng nhập",
    "name": "Họ và tên",
    "role": "Vai trò",
    "email": "Thư điện tử",
    "password": "Mật khẩu",
    "notification_id": "Mã thông báo",
    "recipient": "Người nhận",
    "channel": "Kênh gửi",
    "day": "Ngày",
    "content": "Nội dung kế hoạch",
}


def label(field: str) -> str:
    return FIELD_LABELS.get(field, field)


def unknown_reference(field: str, value: str) -> ProblemError:
    message = f"{label(field)} «{value}» không có trong kế hoạch."
    return refuse(f"unknown_{field.removesuffix('_id')}", message, **{field: message})


def future_date(value: str) -> ProblemError:
    message = f"{label('date')} ({value}) chưa đến: chỉ ghi nhận hoạt động đã thực hiện."
    return refuse("future_date", message, date=message)


def date_outside_plan(value: str, start: str, end: str) -> ProblemError:
    message = f"{label('date')} ({value}) nằm ngoài thời gian của kế hoạch ({start} – {end})."
    return refuse("date_outside_plan", message, date=message)


def participants_mismatch() -> ProblemError:
    message = "Tổng số người tham dự không được nhỏ hơn số nam cộng số nữ."
    return refuse("invalid_participants", message, **{"participants.total": message})


def not_your_activity(activity_id: str) -> ProblemError:
    """One answer for an activity that does not exist and one the caller may not act on: it
    learns nothing about it, not even that it exists."""
    message = f"Không có hoạt động «{activity_id}» trong các hoạt động của phòng, đơn vị bạn."
    return refuse("forbidden", message, activity_id=message)


def activity_exists(activity_id: str) -> ProblemError:
    message = f"Hoạt động «{activity_id}» đã được ghi nhận trước đó."
    return refuse("activity_exists", message, activity_id=message)


def activity_not_found(activity_id: str) -> ProblemError:
    """For the Office, who may act on every unit's activities: it does not exist."""
    message = f"Không có hoạt động «{activity_id}»."
    return refuse("activity_not_found", message, activity_id=message)


def activity_withdrawn(activity_id: str) -> ProblemError:
    message = f"Hoạt động «{activity_id}» đã bị rút, không thể sửa hoặc rút lại."
    return refuse("activity_withdrawn", message, activity_id=message)


def nothing_to_correct() -> ProblemError:
    return refuse("nothing_to_correct", "Không có nội dung nào thay đổi so với bản đã ghi nhận.")


def stale_version(expected: int, actual: int) -> ProblemError:
    message = (
        f"Hoạt động đã được người khác cập nhật (phiên bản {actual}, bạn đang sửa phiên bản "
        f"{expected}). Vui lòng tải lại và thực hiện lại."
    )
    return refuse("conflict", message, expected_version=message)


def no_plan_on(day: str) -> ProblemError:
    message = (
        f"Chưa có kế hoạch nào đang áp dụng cho ngày {day}. Văn phòng Sở cần lập và ban hành "
        "kế hoạch của năm này trước khi ghi nhận hoạt động."
    )
    return refuse("no_plan", message, date=message)


def busy() -> ProblemError:
    return refuse("conflict", "Hoạt động đang được cập nhật đồng thời. Vui lòng thử lại.")


def forbidden(message: str) -> ProblemError:
    return refuse("forbidden", message)


def unknown_period(period_id: str) -> ProblemError:
    message = f"Kỳ báo cáo «{period_id}» không có trong kế hoạch."
    return refuse("unknown_period", message, period_id=message)


def not_reporting_unit(unit_id: str) -> ProblemError:
    message = f"«{unit_id}» là đơn vị tổng hợp báo cáo, không gửi báo cáo cho chính mình."
    return refuse("not_a_reporting_unit", message, unit_id=message)


def period_not_started(start: str) -> ProblemError:
    return refuse("period_not_started", f"Kỳ báo cáo bắt đầu từ ngày {start}, chưa thể gửi.")


def report_not_found(report_id: str) -> ProblemError:
    message = f"Không tìm thấy báo cáo «{report_id}»."
    return refuse("report_not_found", message, report_id=message)


def report_locked() -> ProblemError:
    return refuse(
        "report_locked", "Báo cáo đã được Văn phòng tiếp nhận nên không thể sửa hay gửi lại."
    )


def report_awaiting_review() -> ProblemError:
    return refuse(
        "report_awaiting_review",
        "Báo cáo đã được gửi và đang chờ Văn phòng xem xét; chỉ gửi lại khi bị trả lại.",
    )


def report_not_submitted() -> ProblemError:
    return refuse(
        "report_not_submitted", "Báo cáo chưa được gửi (hoặc đã bị trả lại), chưa thể xử lý."
    )


def own_unit_only() -> ProblemError:
    return forbidden("Bạn chỉ được ghi nhận, sửa hoặc rút hoạt động của phòng, đơn vị mình.")


def account_exists(user_id: str) -> ProblemError:
    message = f"Tài khoản «{user_id}» đã có."
    return refuse("account_exists", message, user_id=message)


def account_not_found(user_id: str) -> ProblemError:
    message = f"Không tìm thấy tài khoản «{user_id}»."
    return refuse("account_not_found", message, user_id=message)


def account_disabled(user_id: str) -> ProblemError:
    return refuse("account_disabled", f"Tài khoản «{user_id}» đã bị vô hiệu hóa.")


def unit_required() -> ProblemError:
    message = "Tài khoản cán bộ phòng, đơn vị phải gắn với một phòng, đơn vị."
    return refuse("unit_required", message, unit_id=message)


def own_account() -> ProblemError:
    return refuse("own_account", "Không thể tự vô hiệu hóa tài khoản mình đang dùng.")
