"""``SlackWebhookNotifier``: a Slack incoming-webhook message, sent by Borda's control plane.

The connection (``slack_webhook_conn_id``) holds the webhook URL in its password, or the
host and the token path; the control plane reads it when it delivers, and no worker needs
it. ``text`` is sent as written: a templated text, blocks or attachments are outside
Borda's subset (docs/notifications.md).
"""

from typing import Any

from airflow._borda.subset import NotInSubsetError
from airflow._borda.user_code import user_site
from airflow.notifications.basenotifier import BaseNotifier

_TEMPLATED = "the control plane sends the text as written: write it without Jinja templates"


class SlackWebhookNotifier(BaseNotifier):
    template_fields = ("text",)

    def __init__(
        self,
        *,
        slack_webhook_conn_id: str = "slack_default",
        text: str = "This is a default message",
        blocks: Any = None,
        unfurl_links: Any = None,
        unfurl_media: Any = None,
        timeout: Any = None,
        proxy: Any = None,
        attachments: Any = None,
        retry_handlers: Any = None,
    ) -> None:
        site = user_site()
        if blocks or attachments:
            raise NotInSubsetError(
                "The argument blocks= (or attachments=) of SlackWebhookNotifier",
                "Borda's Slack notifier sends a text message",
                site,
            )
        if "{{" in text or "{%" in text:
            raise NotInSubsetError("A templated text= of SlackWebhookNotifier", _TEMPLATED, site)
        self.slack_webhook_conn_id = slack_webhook_conn_id
        self.text = text

    def borda_notifier(self) -> dict[str, Any]:
        return {"kind": "slack", "connId": self.slack_webhook_conn_id, "text": self.text}


send_slack_webhook_notification = SlackWebhookNotifier
