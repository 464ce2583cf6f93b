"""The reply contract of commands and queries: {"ok": true, ...} or {"ok": false, "error": ...}."""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Problem(BaseModel):
    """An error as a value: a stable English code and a message a person can act on."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=r"^[a-z_]+$")
    message: str
    fields: dict[str, str] = Field(default_factory=dict)


class ProblemError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(f"{problem.code}: {problem.message}")
        self.problem = problem


def ok(**data: Any) -> dict[str, Any]:
    return {"ok": True, **data}


def failure(problem: Problem) -> dict[str, Any]:
    return {"ok": False, "error": problem.model_dump()}


def refuse(code: str, message: str, **fields: str) -> ProblemError:
    return ProblemError(Problem(code=code, message=message, fields=fields))


def invalid_json() -> ProblemError:
    return refuse("invalid_json", "Yêu cầu không đúng định dạng JSON.")


def internal_error() -> ProblemError:
    return refuse("internal_error", "Hệ thống gặp sự cố khi xử lý yêu cầu. Vui lòng thử lại sau.")
