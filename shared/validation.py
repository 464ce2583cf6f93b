"""Turn raw request bytes into a model, or a Vietnamese explanation of what is wrong."""

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from shared.replies import invalid_json, refuse
from shared.textrules import ERROR as TEXT_RULE

MAX_REQUEST_BYTES = 64 * 1024

C = TypeVar("C", bound=BaseModel)


def _message(error: dict[str, Any], labels: dict[str, str]) -> str:
    field = ".".join(str(part) for part in error["loc"])
    name = labels.get(field, field)
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == TEXT_RULE:
        return f"{name} {ctx.get('reason')}"
    if kind == "missing":
        return f"Chưa nhập {name}."
    if kind == "extra_forbidden":
        return f"Trường «{field}» không thuộc mẫu này."
    if kind == "string_too_short" or (kind == "too_short" and ctx.get("field_type") == "Value"):
        return f"{name} phải có ít nhất {ctx.get('min_length')} ký tự."  # a secret is a Value
    if kind == "string_too_long":
        return f"{name} dài quá {ctx.get('max_length')} ký tự."
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"{name} phải là số nguyên."
    if kind == "greater_than_equal":
        return f"{name} không được nhỏ hơn {ctx.get('ge')}."
    if kind == "less_than_equal":
        return f"{name} quá lớn (tối đa {ctx.get('le'):,}).".replace(",", ".")
    if kind.startswith("date"):
        return f"{name} phải là một ngày hợp lệ (năm-tháng-ngày)."
    if kind.startswith("url"):
        return f"{name} phải là một địa chỉ http:// hoặc https:// hợp lệ."
    if kind == "literal_error":
        return f"{name} không nằm trong danh sách cho phép."
    if kind == "string_pattern_mismatch" and "@" in str(ctx.get("pattern")):
        return f"{name} phải có dạng tên@tên-miền, ví dụ hoa@stp.example.gov.vn."
    if kind == "string_pattern_mismatch":
        return f"{name} chỉ gồm chữ thường không dấu, chữ số và dấu gạch."
    if kind in {"string_type", "model_type", "dict_type", "bool_type", "model_attributes_type"}:
        return f"{name} không đúng kiểu dữ liệu."
    return f"{name} không hợp lệ."


def parse_request(model: type[C], raw: bytes, labels: dict[str, str], code: str) -> C:
    if len(raw) > MAX_REQUEST_BYTES:
        raise refuse(
            "payload_too_large",
            f"Nội dung gửi lên quá lớn (tối đa {MAX_REQUEST_BYTES // 1024} KB).",
        )
    try:
        return model.model_validate_json(raw)
    except ValidationError as error:
        if any(item["type"] == "json_invalid" for item in error.errors()):
            raise invalid_json() from None
        fields: dict[str, str] = {}
        for item in error.errors():
            key = ".".join(str(part) for part in item["loc"]) or "body"
            fields.setdefault(key, _message(dict(item), labels))
        names = ", ".join(labels.get(key, key) for key in fields)
        raise refuse(
            code, f"Thông tin chưa hợp lệ ở: {names}. Xem chi tiết từng mục.", **fields
        ) from None
