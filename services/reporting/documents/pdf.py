"""A PDF of the .docx through LibreOffice (headless), when it is installed."""

import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_SECONDS = 180  # a first start of LibreOffice in a fresh profile takes a few seconds
UNAVAILABLE = "Máy chủ chưa cài LibreOffice nên chưa có bản PDF; tải bản .docx để in."


def libreoffice() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


def docx_to_pdf(docx: bytes) -> bytes | None:
    """The document as PDF; None when LibreOffice is not installed. Each conversion has a
    profile of its own: two at once in one profile fail."""
    program = libreoffice()
    if program is None:
        return None
    with tempfile.TemporaryDirectory(prefix="planpulse-pdf-") as folder:
        work = Path(folder)
        source = work / "report.docx"
        source.write_bytes(docx)
        command = [program, f"-env:UserInstallation={(work / 'profile').as_uri()}"]
        command += ["--headless", "--convert-to", "pdf", "--outdir", str(work), str(source)]
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        result = work / "report.pdf"
        if done.returncode != 0 or not result.exists():
            stderr = done.stderr.decode("utf-8", "replace")[-500:]
            raise RuntimeError(f"LibreOffice could not convert the report: {stderr}")
        return result.read_bytes()
