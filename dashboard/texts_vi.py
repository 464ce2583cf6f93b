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
CATCHING_UP = "Số liệu đang được cập nhật theo thao tác vừa thực hiện, trang sẽ tự làm mới."

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
TOTAL_PLACEHOLDER = "Nam + nữ"
MATERIALS = "Số tài liệu, ấn phẩm"
EVIDENCE_URL = "Đường dẫn minh chứng"
EVIDENCE_HELP = "Địa chỉ http:// hoặc https:// của tin, bài, văn bản (nếu có)."
NOTE = "Ghi chú"
SUBMIT = "Ghi nhận"
LOGGED = "Đã ghi nhận hoạt động ngày {day}; xem, sửa hoặc rút ở trang «Hoạt động của đơn vị»."
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

# The overview's calendar, reporting and coverage sections.
CALENDAR = "Lịch kế hoạch"
TODAY = "Hôm nay: {day}"
UNDER_WAY = "Đang diễn ra"
NOTHING_UNDER_WAY = "Không có đợt nào"
NEXT_OCCASION = "Đợt tiếp theo"
NEXT_DEADLINE = "Hạn gửi báo cáo"
NONE_LEFT = "Không còn"
IN_DAYS = "còn {days} ngày ({day})"
TODAY_SHORT = "hôm nay ({day})"
REPORTING = "Báo cáo của các phòng, đơn vị: {period}"
COMPLETENESS = "Tỷ lệ đầy đủ"
TIMELINESS = "Tỷ lệ đúng hạn"
SUBMITTED_OF = "{submitted}/{expected} đã gửi"
ON_TIME_OF = "{on_time}/{submitted} đúng hạn"
STATUS = "Tình trạng"
SUBMITTED_ON = "Ngày gửi"
ON_TIME = "Đúng hạn"
YES, NO = "Có", "Không"
COVERAGE = "Phòng, đơn vị × đợt truyền thông (số hoạt động)"

# Sign-in, the header and the pages each role sees.
SIGN_IN = "Đăng nhập"
SIGN_IN_TITLE = "Đăng nhập PlanPulse"
SIGN_IN_INTRO = "Dùng tài khoản do quản trị hệ thống cấp."
USER_ID = "Tên đăng nhập"
PASSWORD = "Mật khẩu"
REQUIRED = "Vui lòng nhập {field}."
SIGN_OUT = "Đăng xuất"
SIGNED_OUT = "Bạn đã đăng xuất."
SESSION_EXPIRED = "Phiên đăng nhập đã hết hạn hoặc không còn hiệu lực. Vui lòng đăng nhập lại."
SIGNED_IN_AS = "**{name}** ({user_id})"
ROLES = {
    "unit_officer": "Cán bộ phòng, đơn vị",
    "office": "Văn phòng Sở",
    "leadership": "Lãnh đạo Sở",
    "admin": "Quản trị hệ thống",
}
NO_PAGES = "Tài khoản này chưa được phân quyền xem trang nào."
UNREAD = "Thông báo chưa đọc: {count}"
PAGE_MY_ACTIVITIES = "Hoạt động của đơn vị"
PAGE_MY_REPORTS = "Báo cáo của đơn vị"
PAGE_INBOX = "Hộp thư"
PAGE_REVIEW = "Xem xét báo cáo"
PAGE_DOCUMENTS = "Báo cáo tổng hợp"
PAGE_FAILED = "Thông báo gửi lỗi"
PAGE_AUDIT = "Nhật ký thao tác"
PAGE_ACCOUNTS = "Tài khoản"

# Shared words of the pages.
DONE = "Đã thực hiện."
NOT_DONE = "Chưa thực hiện được."
PERIOD = "Kỳ báo cáo"
NO_PERIODS = "Kế hoạch chưa có kỳ báo cáo nào."
REASON = "Lý do"
COMMENT = "Ý kiến"
WHEN = "Thời điểm"
WHO = "Người thực hiện"
WHAT = "Thao tác"
EVENT_NAMES = {  # the audit trail's event types, as the stream names them
    "planpulse.activity.logged.v1": "Ghi nhận hoạt động",
    "planpulse.activity.corrected.v1": "Sửa hoạt động",
    "planpulse.activity.withdrawn.v1": "Rút hoạt động",
    "planpulse.report.submitted.v1": "Gửi báo cáo",
    "planpulse.report.returned.v1": "Trả lại báo cáo",
    "planpulse.report.accepted.v1": "Tiếp nhận báo cáo",
    "planpulse.report.deadline_approaching.v1": "Sắp đến hạn gửi báo cáo",
    "planpulse.report.overdue.v1": "Quá hạn gửi báo cáo",
    "planpulse.consolidated.compiled.v1": "Tổng hợp báo cáo",
    "planpulse.account.created.v1": "Tạo tài khoản",
    "planpulse.account.disabled.v1": "Khóa tài khoản",
    "planpulse.account.password_set.v1": "Đặt mật khẩu",
    "planpulse.plan.published.v1": "Ban hành kế hoạch",
    "planpulse.unit.registered.v1": "Đăng ký phòng, đơn vị",
    "planpulse.occasion.scheduled.v1": "Lên lịch đợt truyền thông",
    "planpulse.occasion.approaching.v1": "Sắp đến đợt truyền thông",
    "planpulse.occasion.started.v1": "Bắt đầu đợt truyền thông",
    "planpulse.occasion.ended.v1": "Kết thúc đợt truyền thông",
    "planpulse.notification.sent.v1": "Gửi thông báo",
    "planpulse.notification.failed.v1": "Gửi thông báo không thành công",
    "planpulse.session.closed.v1": "Đăng xuất",
}

# "My unit's activities": filter, correct, withdraw, history.
MY_ACTIVITIES_TITLE = "Hoạt động của phòng, đơn vị"
SEARCH = "Tìm theo tên hoạt động"
FROM_DATE = "Từ ngày"
TO_DATE = "Đến ngày"
SHOW_WITHDRAWN = "Hiện cả hoạt động đã rút"
SEARCH_PLACEHOLDER = "Một vài chữ trong tên hoạt động"
FOUND = "Tìm thấy {total} hoạt động, đang xem từ {first} đến {last}."
PREVIOUS_PAGE = "← Trang trước"
NEXT_PAGE = "Trang sau →"
PAGE_OF = "Trang (trong {pages} trang)"
CORRECTED = "Đã lưu sửa đổi của hoạt động ngày {day}."
WITHDRAWN_DONE = "Đã rút hoạt động ngày {day}: hoạt động không còn được tính vào kết quả."
WITHDRAWN = "Đã rút"
CHOOSE_ACTIVITY = "Chọn hoạt động để sửa, rút hoặc xem lịch sử"
CORRECT = "Sửa hoạt động"
SAVE_CORRECTION = "Lưu thay đổi"
NO_CHANGE = "Chưa có thay đổi nào để lưu."
WITHDRAW = "Rút hoạt động"
WITHDRAW_CONFIRM = "Rút hoạt động này (không tính vào kết quả nữa)"
HISTORY = "Lịch sử"

# "My unit's reports".
MY_REPORTS_TITLE = "Báo cáo của phòng, đơn vị"
DUE_ON = "Hạn gửi: {day}"
REPORT_STATE = "Tình trạng: {status}"
RETURNED_COMMENT = "Văn phòng Sở trả lại báo cáo với ý kiến: {comment}"
FIGURES = "Số liệu từ các hoạt động đã ghi nhận trong kỳ"
RESULTS = "Kết quả thực hiện"
DIFFICULTIES = "Khó khăn, vướng mắc"
PROPOSALS = "Đề xuất, kiến nghị"
SUBMIT_REPORT = "Gửi báo cáo"
REPORT_SENT = "Đã gửi báo cáo."
REPORT_LOCKED = "Báo cáo đã được tiếp nhận, không gửi lại được."

# The inbox.
INBOX_TITLE = "Hộp thư thông báo"
UNREAD_ONLY = "Chỉ hiện thông báo chưa đọc"
MARK_READ = "Đánh dấu đã đọc"
MARK_ALL_READ = "Đánh dấu tất cả đã đọc"
NO_MESSAGES = "Không có thông báo nào."
NEW = "Mới"

# The Office's review queue.
REVIEW_TITLE = "Xem xét báo cáo của các phòng, đơn vị"
NOTHING_TO_REVIEW = "Không có báo cáo nào chờ xem xét."
RETURN = "Trả lại"
ACCEPT = "Tiếp nhận"
REVIEW_COMMENT_HELP = "Bắt buộc khi trả lại báo cáo (ít nhất 3 ký tự)."
REVISION = "lần gửi thứ {revision}"

# The consolidated report.
DOCUMENTS_TITLE = "Báo cáo tổng hợp của Sở"
COMPILE = "Tổng hợp báo cáo"
COMPILED = "Đã tổng hợp: {period}. Các tệp tải về ở dưới."
THIS_PERIOD = "kỳ báo cáo đã chọn"
COMPILED_LIST = "Các bản đã tổng hợp"
NOTHING_COMPILED = "Chưa có bản tổng hợp nào."
COMPILED_AT = "Tổng hợp lúc {time}, {reports} báo cáo đơn vị, {activities} hoạt động"
DOWNLOAD = "Tải {name}"

# Failed notifications.
FAILED_TITLE = "Thông báo gửi không thành công"
DEAD_LETTERS = "Sự kiện dịch vụ thông báo không xử lý được"
NO_FAILURES = "Không có thông báo nào gửi lỗi."
RECIPIENT = "Người nhận"
CHANNEL = "Kênh"
ATTEMPTS = "Số lần thử"
ERROR = "Lỗi"

# The audit trail.
AUDIT_TITLE = "Nhật ký thao tác"
AUDIT_INTRO = "Ai đã làm gì, khi nào: đọc thẳng từ dòng sự kiện."
AUDIT_KIND = "Loại đối tượng"
AUDIT_KINDS = {
    "activity": "Hoạt động",
    "report": "Báo cáo đơn vị",
    "consolidated": "Báo cáo tổng hợp",
    "unit": "Phòng, đơn vị",
    "occasion": "Đợt truyền thông",
    "plan": "Kế hoạch",
    "account": "Tài khoản",
}
AUDIT_ID = "Mã đối tượng"
SHOW = "Xem"
NO_EVENTS = "Không có thao tác nào với đối tượng này."

# Accounts (the administrator).
ACCOUNTS_TITLE = "Quản lý tài khoản"
NEW_ACCOUNT = "Tạo tài khoản"
FULL_NAME = "Họ và tên"
ROLE = "Vai trò"
EMAIL = "Thư điện tử"
CREATE = "Tạo"
DISABLE = "Khóa tài khoản"
DISABLED = "Đã khóa"
ACTIVE = "Đang dùng"
CHOOSE_ACCOUNT = "Tài khoản"
CHOOSE_ACCOUNT_TO_DISABLE = "Tài khoản cần khóa"
NEW_PASSWORD = "Đặt lại mật khẩu"
SET_PASSWORD = "Đặt mật khẩu mới"
PASSWORD_SET = "Đã đặt mật khẩu mới cho tài khoản «{user_id}»."
NO_REENABLE = (
    "Chưa mở khóa được tài khoản đã khóa và chưa sửa được tên, vai trò, thư điện tử của một "
    "tài khoản: khi cần, tạo tài khoản mới."
)
PASSWORD_RULE = "Từ 8 đến 128 ký tự."
EMAIL_RULE = "Dạng tên@tên-miền, ví dụ hoa@stp.example.gov.vn (không bắt buộc)."
ACCOUNT_CREATED = "Đã tạo tài khoản «{user_id}»."
ACCOUNT_DISABLED = "Đã khóa tài khoản «{user_id}»: các phiên đăng nhập của tài khoản này dừng ngay."
RETURNED_DONE = "Đã trả lại báo cáo của {unit} kèm ý kiến."
ACCEPTED_DONE = "Đã tiếp nhận báo cáo của {unit}."
MARKED_READ = "Đã đánh dấu đã đọc."
NOTHING_SUBMITTED = "Chưa có báo cáo nào được gửi"
PERIOD_DUE = "{name} (hạn {day})"
REPORT_STATUSES = {
    "submitted": "Đã gửi, chờ xem xét",
    "withdrawn": "Đơn vị đã rút lại để sửa",
    "returned": "Bị trả lại",
    "accepted": "Đã tiếp nhận",
    "missing": "Chưa gửi",
}
SEX = "Giới tính"
BY_SEX = "Người tham dự theo giới tính, theo nhiệm vụ"
NO_ACCOUNTS = "Chưa có tài khoản nào."
ACTION = "Thao tác với hoạt động đã chọn"
ACCOUNT_PLACEHOLDER = "Chọn tài khoản"
EVENT_SEQUENCE = "Số thứ tự sự kiện"
EVENT_SUBJECT = "Chủ đề sự kiện"
FEED = "Sự kiện mới nhất"

# Plans (the Office edits them; everyone reads the plans in force).
PAGE_PLANS = "Kế hoạch"
PAGE_PLAN_READ = "Kế hoạch năm"
PAGE_ROSTER = "Phòng, đơn vị"
PLANS_TITLE = "Kế hoạch theo năm"
PLAN_NEW = "Lập kế hoạch mới"
PLAN_YEAR = "Năm"
PLAN_CLONE_FROM = "Lập từ kế hoạch"
PLAN_BLANK = "(kế hoạch trống)"
PLAN_CLONE_HELP = (
    "Sao chép kế hoạch đã chọn sang năm mới: các ngày kỷ niệm, tháng hành động và kỳ báo cáo "
    "giữ nguyên ngày, tháng; số và ngày ban hành để trống cho Văn phòng điền."
)
PLAN_CREATE = "Lập dự thảo"
PLAN_NONE = "Chưa có kế hoạch nào."
PLAN_CHOOSE = "Kế hoạch"
LOG_PLAN_HELP = (
    "Hoạt động thuộc kế hoạch của năm có ngày thực hiện (từ 15/12 năm trước đến 14/12); "
    "những tuần cuối của năm cũ ghi vào kế hoạch năm cũ."
)
PLAN_NUMBER = "Số, ký hiệu"
PLAN_NO_NUMBER = "(chưa có số)"
PLAN_ISSUED_ON = "Ngày ban hành"
PLAN_TITLE = "Tên kế hoạch"
PLAN_STATUS = "Trạng thái"
PLAN_STATUSES = {"draft": "Dự thảo", "published": "Đang áp dụng", "closed": "Đã kết thúc"}
PLAN_BASIS = "Căn cứ"
PLAN_PURPOSES = "Mục đích, yêu cầu"
PLAN_RECIPIENTS = "Nơi nhận"
PLAN_ONE_A_LINE = "Mỗi dòng một mục."
PLAN_ISSUER = "Cơ quan ban hành"
PLAN_PROVINCE = "Tỉnh"
PLAN_PLACE = "Địa danh ghi trên văn bản"
PLAN_SIGNER_TITLE = "Chức vụ người ký"
PLAN_SIGNER_NAME = "Họ tên người ký"
PLAN_DRAFTER = "Ký hiệu người soạn thảo (Lưu: VT, VP...)"
PLAN_TASKS = "Nhiệm vụ"
PLAN_TASK_ID = "Số thứ tự nhiệm vụ"
PLAN_TASK_SHORT = "Tên ngắn"
PLAN_TASK_TITLE = "Nội dung nhiệm vụ"
PLAN_TASK_TIMING = "Thời gian thực hiện"
PLAN_TASK_TIMING_HELP = "Ví dụ: cả năm, hằng quý, Quý III, tháng 6."
PLAN_TARGETS = "Chỉ tiêu"
PLAN_TARGET_COUNT = "Tối thiểu"
PLAN_TARGET_WHAT = "Đơn vị tính (tin, bài; hội nghị...)"
PLAN_TARGET_PER = "Mỗi"
PLAN_PERS = {"year": "năm", "six_month": "6 tháng", "quarter": "quý", "month": "tháng"}
PLAN_TARGET_FORM = "Hình thức được tính"
PLAN_TARGET_FORM_HELP = "Để trống: mọi hoạt động của nhiệm vụ; ví dụ news_article, conference."
PLAN_OCCASIONS = "Sự kiện, ngày kỷ niệm, tháng hành động"
PLAN_OCCASION_ID = "Mã"
PLAN_OCCASION_NAME = "Tên"
PLAN_OCCASION_KIND = "Loại (ngày / tháng)"
PLAN_OCCASION_TASKS = "Phục vụ nhiệm vụ (số, cách nhau bằng dấu phẩy)"
PLAN_FROM = "Từ ngày"
PLAN_TO = "Đến ngày"
PLAN_DUE = "Hạn nộp"
PLAN_PERIODS = "Kỳ báo cáo"
PLAN_PERIOD_ID = "Mã kỳ"
PLAN_PERIOD_NAME = "Tên kỳ"
PLAN_PERIOD_KIND = "Loại (6 tháng / năm)"
PLAN_ROW = "dòng"
PLAN_SAVE = "Lưu dự thảo"
PLAN_PUBLISH = "Ban hành"
PLAN_PUBLISH_HELP = (
    "Kế hoạch đang áp dụng: đơn vị ghi nhận hoạt động và hệ thống nhắc việc theo nó."
)
PLAN_REASON = "Lý do điều chỉnh hoặc kết thúc"
PLAN_AMEND = "Điều chỉnh kế hoạch"
PLAN_AMEND_HELP = (
    "Ghi nhận nội dung mới cùng lý do; ngày kỷ niệm hoặc hạn nộp đổi thì lịch nhắc việc đổi "
    "theo, thông báo đã gửi không gửi lại."
)
PLAN_CLOSE = "Kết thúc kế hoạch"
PLAN_CLOSED_NOTE = "Kế hoạch đã kết thúc: chỉ còn để tra cứu."
PLAN_HISTORY = "Lịch sử kế hoạch"
PLAN_EVENTS = {
    "planpulse.plan.drafted.v1": "Lập dự thảo",
    "planpulse.plan.draft_changed.v1": "Sửa dự thảo",
    "planpulse.plan.published.v1": "Ban hành",
    "planpulse.plan.published.v2": "Ban hành",
    "planpulse.plan.amended.v1": "Điều chỉnh",
    "planpulse.plan.closed.v1": "Kết thúc",
}
COLUMN_WHEN = "Thời gian"
COLUMN_WHO = "Người thực hiện"
COLUMN_WHAT = "Thao tác"
COLUMN_WHY = "Lý do, ghi chú"
PLAN_IN_FORCE = "Kế hoạch đang áp dụng"
PLAN_NO_PLAN_TODAY = "Hôm nay chưa có kế hoạch nào đang áp dụng."
PLAN_DUE_NEXT = "Việc sắp tới"
PLAN_UNDER_WAY = "Đang diễn ra: {name}"
PLAN_NEXT_OCCASION = "Sắp tới: {name} ({day}), còn {days} ngày"
PLAN_NEXT_DEADLINE = "Hạn nộp {name}: {day}, còn {days} ngày"
PLAN_TARGET_PROGRESS = "Tiến độ chỉ tiêu"
PLAN_TARGET_LINE = "Nhiệm vụ {task}: tối thiểu {count} {what} mỗi {per}"
PLAN_TARGET_WINDOW = "{window}: {done}/{count}"
ROSTER_TITLE = "Danh sách phòng, đơn vị"
ROSTER_NAME = "Tên"
ROSTER_SHORT = "Tên viết tắt"
ROSTER_FROM = "Áp dụng từ ngày"
ROSTER_RETIRED = "Giải thể, sáp nhập từ ngày"
ROSTER_MERGED = "Sáp nhập vào"
ROSTER_RENAME = "Đổi tên"
ROSTER_RETIRE = "Giải thể hoặc sáp nhập"
ROSTER_REGISTER = "Thêm phòng, đơn vị"
ROSTER_UNIT_ID = "Mã (chữ thường không dấu, ví dụ: phong-moi)"
ROSTER_REASON = "Lý do (quyết định, văn bản)"
ROSTER_CHOOSE = "Phòng, đơn vị"
ROSTER_NOT_MERGED = "(giải thể, không sáp nhập)"
TOUCHED = "Đối tượng"
NO_UNITS = "Kế hoạch chưa có phòng, đơn vị nào."
LOGGED_AT = "Ghi nhận lúc"
DETAILS = "Chi tiết"
AN_ACTIVITY = "Một hoạt động"
SYSTEM = "Hệ thống"
LOADING = "Đang lấy số liệu từ máy chủ…"
LAST_KNOWN = "Đang hiện số liệu nhận được lúc {time}."
SET_ASIDE = "Văn phòng Sở đề nghị sửa"
SET_ASIDE_BY_OFFICE = (
    "Văn phòng Sở tạm để riêng hoạt động này khỏi số liệu, với lý do dưới đây. Sửa lại "
    "(mục «Sửa hoạt động») để hoạt động được tính trở lại."
)
