"""``SmtpNotifier``: an e-mail sent by Borda's control plane through an SMTP connection.

The connection (``smtp_conn_id``) gives the host, port, login and password; the control
plane reads it when it delivers, and no worker needs it. The mail's body is Borda's
summary of the event (DAG, run, task, try, error and a link); ``subject`` is used when it
is written without templates (docs/notifications.md).
"""

from typing import Any

from airflow._borda.subset import NotInSubsetError
from airflow._borda.user_code import user_site
from airflow.notifications.basenotifier import BaseNotifier


class SmtpNotifier(BaseNotifier):
    template_fields = ("from_email", "to", "subject", "html_content")

    def __init__(
        self,
        from_email: str | None = None,
        to: str | list[str] = "",
        subject: str | None = None,
        html_content: str | None = None,
        files: Any = None,
        cc: Any = None,
        bcc: Any = None,
        mime_subtype: str = "mixed",
        mime_charset: str = "utf-8",
        custom_headers: Any = None,
        smtp_conn_id: str = "smtp_default",
        **_ignored: Any,
    ) -> None:
        site = user_site()
        recipients = [to] if isinstance(to, str) else list(to)
        recipients = [r.strip() for item in recipients for r in item.split(",") if r.strip()]
        if not recipients:
            raise NotInSubsetError("SmtpNotifier without to=", "name who gets the mail", site)
        if files or cc or bcc:
            raise NotInSubsetError(
                "The arguments files=, cc= and bcc= of SmtpNotifier",
                "list every recipient in to=",
                site,
            )
        self.from_email = from_email
        self.to = recipients
        self.subject = subject
        self.html_content = html_content
        self.smtp_conn_id = smtp_conn_id

    def borda_notifier(self) -> dict[str, Any]:
        spec: dict[str, Any] = {"kind": "smtp", "connId": self.smtp_conn_id, "to": self.to}
        if self.from_email:
            spec["from"] = self.from_email
        if self.subject and "{{" not in self.subject and "{%" not in self.subject:
            spec["subject"] = self.subject
        return spec


send_smtp_notification = SmtpNotifier
