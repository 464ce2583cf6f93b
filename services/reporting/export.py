"""Any view as CSV (UTF-8 with a BOM, so Excel reads Vietnamese as it is)."""

import csv
import io
from typing import Any, Literal

from sqlalchemy import Engine, select

from services.reporting import report_queries
from services.reporting.queries import A, ProgressQuery, Scope, progress, scope
from shared.replies import refuse
from shared.textrules import spreadsheet_cell

View = Literal["by_task", "by_unit", "by_occasion", "activities", "report_status", "coverage"]
HEADERS = {
    "task_id": "Nhiệm vụ",
    "short_title": "Nội dung",
    "unit_id": "Mã đơn vị",
    "name": "Tên",
    "short_name": "Tên viết tắt",
    "occasion_id": "Mã đợt",
    "kind": "Loại",
    "starts_on": "Từ ngày",
    "ends_on": "Đến ngày",
    "activities": "Số hoạt động",
    "men": "Nam",
    "women": "Nữ",
    "participants": "Tổng người tham dự",
    "materials": "Tài liệu",
    "date": "Ngày",
    "title": "Tên hoạt động",
    "form": "Hình thức",
    "audience": "Đối tượng",
    "total": "Tổng",
    "evidence_url": "Minh chứng",
    "status_vi": "Tình trạng",
    "first_submitted_on": "Gửi lần đầu",
    "submitted_on": "Gửi lần cuối",
    "on_time": "Đúng hạn",
    "review_comment": "Ý kiến Văn phòng",
}
ACTIVITY_COLUMNS = [
    "date",
    "unit_id",
    "task_id",
    "occasion_id",
    "title",
    "form",
    "audience",
    "men",
    "women",
    "total",
    "materials",
    "evidence_url",
]


class ExportQuery(Scope):
    view: View


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    return spreadsheet_cell(value) if isinstance(value, str) else value


def _csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([_cell(HEADERS.get(column, column)) for column in columns])
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def export(engine: Engine, query: ExportQuery, grace_days: int) -> dict[str, Any]:
    filters = query.model_dump(exclude={"view"})
    if query.view in ("by_task", "by_unit", "by_occasion"):
        rows = progress(engine, ProgressQuery(**filters))[query.view]
    elif query.view == "activities":
        _, condition = scope(engine, Scope(**filters))
        with engine.connect() as conn:
            rows = [
                dict(r._mapping)
                for r in conn.execute(
                    select(*(A.c[c] for c in ACTIVITY_COLUMNS))
                    .where(condition)
                    .order_by(A.c.date, A.c.activity_id)
                )
            ]
    elif query.view == "report_status":
        if query.period_id is None:
            raise refuse("invalid_query", "Cần chọn kỳ báo cáo.", period_id="Cần chọn kỳ báo cáo.")
        status = report_queries.ReportStatusQuery(period_id=query.period_id, unit_id=query.unit_id)
        rows = report_queries.report_status(engine, status, grace_days)["units"]
    else:
        matrix = report_queries.coverage(engine, report_queries.CoverageQuery(**filters))
        counts = {(c["unit_id"], c["occasion_id"]): c["activities"] for c in matrix["cells"]}
        rows = [
            {
                "name": u["short_name"],
                **{
                    o["name"]: counts.get((u["unit_id"], o["occasion_id"]), 0)
                    for o in matrix["occasions"]
                },
            }
            for u in matrix["units"]
        ]
        columns = ["name", *(o["name"] for o in matrix["occasions"])]
        return {"filename": "coverage.csv", "csv": _csv(rows, columns)}
    columns = list(rows[0]) if rows else []
    if query.view == "activities":
        columns = ACTIVITY_COLUMNS
    elif query.view == "report_status":
        columns = [
            "unit_id",
            "name",
            "status_vi",
            "first_submitted_on",
            "submitted_on",
            "on_time",
            "activities",
            "review_comment",
        ]
    return {"filename": f"{query.view}.csv", "csv": _csv(rows, columns)}
