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


def activity_not_found(activity_id: str) -> ProblemError:
    message = f"Không tìm thấy hoạt động «{activity_id}»."
    return refuse("activity_not_found", message, activity_id=message)


def activity_exists(activity_id: str) -> ProblemError:
    message = f"Hoạt động «{activity_id}» đã được ghi nhận trước đó."
    return refuse("activity_exists", message, activity_id=message)


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


def busy() -> ProblemError:
    return refuse("conflict", "Hoạt động đang được cập nhật đồng thời. Vui lòng thử lại.")
