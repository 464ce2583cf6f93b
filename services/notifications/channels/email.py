"""E-mail over SMTP (aiosmtplib): one message per digest, to every address of the recipient."""

from dataclasses import dataclass
from email.header import Header
from email.mime.text import MIMEText
from email.utils import formataddr, formatdate, parseaddr
from typing import cast

import aiosmtplib

from services.notifications.channels import ChannelDown, MessageRefused
from services.notifications.digest import Message
from shared.settings import Settings


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    starttls: bool
    username: str | None
    password: str | None
    timeout: float
    sender: str

    @classmethod
    def from_settings(cls, settings: Settings) -> "Smtp | None":
        if not settings.smtp_host:
            return None
        return cls(
            settings.smtp_host,
            settings.smtp_port,
            settings.smtp_starttls,
            settings.smtp_username,
            settings.smtp_password,
            settings.smtp_timeout_seconds,
            settings.notification_sender,
        )


def build_email(smtp: Smtp, to: list[str], message: Message, message_id: str) -> MIMEText:
    """The e-mail, its Vietnamese headers as RFC 2047 words that keep their spaces: the
    `email.policy` folder of Python 3.11 drops the space where it breaks a long subject
    ("trả lạiBáo cáo"), `Header` keeps it inside the encoded words."""
    email = MIMEText(message.body, "plain", "utf-8")
    name, address = parseaddr(smtp.sender)
    email["From"] = formataddr((name, address), charset="utf-8")
    email["To"] = ", ".join(to)
    email["Subject"] = cast(str, Header(message.title, "utf-8"))  # compat32 takes a Header
    # Stable per digest: a copy re-sent after a crash can be recognised by the receiving side.
    email["Message-ID"] = f"<{message_id}@planpulse>"
    email["Date"] = formatdate(localtime=False)
    return email


async def send_email(smtp: Smtp, to: list[str], message: Message, message_id: str) -> None:
    try:
        await aiosmtplib.send(
            build_email(smtp, to, message, message_id),
            hostname=smtp.host,
            port=smtp.port,
            start_tls=smtp.starttls,
            username=smtp.username,
            password=smtp.password,
            timeout=smtp.timeout,
        )
    except (ConnectionError, TimeoutError, OSError) as error:
        raise ChannelDown(f"SMTP {smtp.host}:{smtp.port}: {error}") from error
    except aiosmtplib.SMTPException as error:
        raise MessageRefused(f"SMTP: {error}") from error
