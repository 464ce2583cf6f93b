"""The refusal of a bad account names the rule that was broken, not another one."""

import json

import pytest

from services.campaigns.domain import errors
from services.campaigns.domain.commands import CreateAccount
from shared.replies import ProblemError
from shared.validation import parse_request


def refusal(**fields: str) -> dict[str, str]:
    body = {"user_id": "hoa", "name": "Hoa", "role": "office", "password": "mat-khau-du-dai"}
    with pytest.raises(ProblemError) as refused:
        parse_request(
            CreateAccount, json.dumps(body | fields).encode(), errors.FIELD_LABELS, "invalid"
        )
    return dict(refused.value.problem.fields)


def test_a_short_password_is_told_its_minimum_length():
    assert refusal(password="ngan") == {"password": "Mật khẩu phải có ít nhất 8 ký tự."}


def test_an_email_without_a_domain_is_told_the_email_rule():
    message = refusal(email="hoa@stp")["email"]
    assert message == "Thư điện tử phải có dạng tên@tên-miền, ví dụ hoa@stp.example.gov.vn."


def test_an_identifier_is_still_told_its_own_rule():
    assert refusal(user_id="Hoa Nguyễn")["user_id"].endswith(
        "chỉ gồm chữ thường không dấu, chữ số và dấu gạch."
    )
