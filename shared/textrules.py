"""Text people type: the rules it meets at the edge, and the plain form every output writes.

At the edge (pydantic types for the command models): Unicode NFC; outer whitespace trimmed; no
control characters (a multi-line field keeps newline and tab; CR LF becomes LF); no bidirectional
controls, which make text read differently from what it holds; in names and titles no invisible
(format) characters either, nor a second line; never a title blank once trimmed.

At every output (`printable`), for whatever the stream already holds: the characters XML 1.0
cannot hold and the bidirectional controls are dropped, so one activity's text never breaks a
document nor disguises itself in it.
"""

import unicodedata
from enum import Enum

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

# marks, embeddings, overrides and isolates (Unicode's bidirectional algorithm)
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e") | frozenset(
    "\u2066\u2067\u2068\u2069"
)
LINE_BREAKS = frozenset("\n\u2028\u2029\x85")
KEPT_IN_TEXT = frozenset("\n\t")
ERROR = "text_rule"  # the pydantic error type; `shared.validation` words it per field


class Kind(Enum):
    NAME = "name"  # titles, people's names: one line, nothing invisible
    LINE = "line"  # one line of text (an audience)
    TEXT = "text"  # several lines (a note, a report's narrative, a comment)


def _code(char: str) -> str:
    return f"U+{ord(char):04X}"


def _unusable(char: str) -> bool:
    """Surrogates and noncharacters: no text may hold them (XML and UTF-8 refuse them)."""
    point = ord(char)
    return 0xD800 <= point <= 0xDFFF or 0xFDD0 <= point <= 0xFDEF or (point & 0xFFFE) == 0xFFFE


def _refusal(char: str, kind: Kind) -> str | None:
    """Why `char` may not be in a field of this kind (Vietnamese, after the field's name)."""
    if char in LINE_BREAKS and kind is not Kind.TEXT:
        return "chỉ được viết trên một dòng."
    if char in KEPT_IN_TEXT and kind is Kind.TEXT:
        return None
    category = unicodedata.category(char)
    if category == "Cc":
        return f"chứa ký tự điều khiển không được phép (mã {_code(char)})."
    if char in BIDI_CONTROLS:
        return f"chứa ký tự đảo chiều văn bản (mã {_code(char)}), có thể làm chữ hiển thị sai."
    if _unusable(char):
        return f"chứa ký tự không hợp lệ (mã {_code(char)})."
    if kind is Kind.NAME and category in {"Cf", "Zl", "Zp"}:
        return f"chứa ký tự vô hình (mã {_code(char)})."
    return None


def checked(text: str, kind: Kind, min_length: int = 0) -> str:
    """The text as it is kept, or a `text_rule` validation error saying why not."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    if kind is Kind.TEXT:
        text = text.replace("\r", "\n")
    for char in text:
        reason = _refusal(char, kind)
        if reason is not None:
            raise PydanticCustomError(ERROR, "{reason}", {"reason": reason})
    text = text.strip()
    if len(text) < min_length:
        reason = "không được để trống." if not text else f"phải có ít nhất {min_length} ký tự."
        raise PydanticCustomError(ERROR, "{reason}", {"reason": reason})
    return text


def kept_as(kind: Kind, min_length: int = 0) -> AfterValidator:
    """The check, for a pydantic type: `Annotated[str, Field(max_length=300), kept_as(...)]`."""
    return AfterValidator(lambda text: checked(text, kind, min_length))


def printable(text: str) -> str:
    """`text` without what XML cannot hold (control characters but newline, tab and CR;
    surrogates, noncharacters) and without bidirectional controls: safe in .docx, .xlsx, CSV."""
    return "".join(
        char
        for char in text
        if not (
            (unicodedata.category(char) == "Cc" and char not in "\n\t\r")
            or char in BIDI_CONTROLS
            or _unusable(char)
        )
    )


# what makes a spreadsheet read a cell as a formula (with the full-width forms some read too)
FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


def spreadsheet_cell(text: str) -> str:
    """A CSV cell no spreadsheet runs (OWASP's rule: one that starts, even after spaces, with
    = + - @, TAB or CR gets a leading quote), printable."""
    text = printable(text)
    if text[:1] in FORMULA_STARTS or text.lstrip(" ")[:1] in FORMULA_STARTS:
        return "'" + text
    return text
