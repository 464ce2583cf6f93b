"""Every word the dashboard shows, in Vietnamese, in one place."""

APP_TITLE = "PlanPulse — Kế hoạch truyền thông"
PAGE_LOG = "Ghi nhận hoạt động"
PAGE_OVERVIEW = "Tổng quan"

# Connection problems: the services or NATS cannot be reached.
OFFLINE = (
    "Không kết nối được máy chủ PlanPulse. Vui lòng kiểm tra kết nối mạng hoặc thử lại sau ít phút."
)
NO_ANSWER = (
    "Không kết nối được máy chủ: dịch vụ chưa trả lời (có thể đang khởi động lại). "
    "Vui lòng thử lại sau ít phút."
)
BAD_REPLY = "Máy chủ trả lời không đúng định dạng. Vui lòng báo cho quản trị hệ thống."
SELF_HEALING = "Trang sẽ tự cập nhật khi máy chủ hoạt động trở lại."

# The log page.
LOG_TITLE = "Ghi nhận hoạt động truyền thông"
LOG_INTRO = "Nhập một hoạt động phòng, đơn vị đã thực hiện theo kế hoạch."
NO_PLAN = "Chưa có kế hoạch nào trong hệ thống."
UNIT = "Phòng, đơn vị"
UNIT_PLACEHOLDER = "Chọn phòng, đơn vị"
TASK = "Nhiệm vụ"
TASK_PLACEHOLDER = "Chọn nhiệm vụ của kế hoạch"
OCCASION = "Đợt truyền thông, ngày kỷ niệm (nếu có)"
NO_OCCASION = "— Không gắn với đợt truyền thông nào —"
DATE = "Ngày thực hiện"
DATE_HELP = "Trong thời gian của kế hoạch: {start} – {end}."
TITLE = "Tên hoạt động"
TITLE_HELP = "Từ 3 đến 300 ký tự."
FORM = "Hình thức"
FORM_PLACEHOLDER = "Chọn hình thức"
AUDIENCE = "Đối tượng"
PARTICIPANTS = "Số người tham dự"
MEN = "Nam"
WOMEN = "Nữ"
TOTAL = "Tổng số"
TOTAL_HELP = "Để trống nếu tổng số bằng số nam cộng số nữ."
MATERIALS = "Số tài liệu, ấn phẩm"
EVIDENCE_URL = "Đường dẫn minh chứng"
EVIDENCE_HELP = "Địa chỉ http:// hoặc https:// của tin, bài, văn bản (nếu có)."
NOTE = "Ghi chú"
SUBMIT = "Ghi nhận"
LOGGED = "Đã ghi nhận hoạt động. Mã hoạt động: {id}"
NOT_LOGGED = "Chưa ghi nhận được hoạt động."

# The overview page.
OVERVIEW_TITLE = "Tổng quan thực hiện kế hoạch"
UPDATED_AT = "Cập nhật lúc {time}. Tự động làm mới sau mỗi {seconds} giây."
ACTIVITIES = "Số hoạt động"
PARTICIPANTS_TOTAL = "Người tham dự"
MATERIALS_SHORT = "Tài liệu, ấn phẩm"
BY_TASK = "Theo nhiệm vụ"
BY_UNIT = "Theo phòng, đơn vị"
BY_OCCASION = "Theo đợt truyền thông, ngày kỷ niệm"
OCCASION_SHORT = "Đợt truyền thông"
SHORT_NAME = "Viết tắt"
TIME = "Thời gian"
KIND = "Loại"
KINDS = {"day": "Ngày kỷ niệm", "month": "Tháng hành động"}
LATEST = "Hoạt động mới nhất"
NO_ACTIVITIES = "Chưa có hoạt động nào được ghi nhận."
QUERY_FAILED = "Không lấy được số liệu: {message}"
