"""How allauth's account e-mails leave the platform: links on the public address, sent
through the task queue like every other notice."""

from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings

from cloudpark.accounts.tasks import send_account_email
from cloudpark.core.links import absolute_url
from cloudpark.core.services import enqueue_after_commit


def public_site():
    """What allauth's templates call ``current_site``, named after the public address rather
    than the host a request happened to use."""
    return SimpleNamespace(name=str(settings.SITE_NAME), domain=urlsplit(settings.SITE_URL).netloc)


def on_site(url):
    """The same page on ``settings.SITE_URL``, whichever host allauth built ``url`` on."""
    parts = urlsplit(url)
    return absolute_url(parts.path + (f"?{parts.query}" if parts.query else ""))


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Render now, in the reader's language, and send after commit from the task queue:
        a mail server that cannot be reached must not fail the sign-up that asked for it."""
        request = allauth_context.request
        links = {
            key: on_site(value)
            for key, value in context.items()
            if key.endswith("_url") and isinstance(value, str)
        }
        message = self.render_mail(
            template_prefix,
            email,
            {
                "request": request,
                "email": email,
                "current_site": public_site(),
                **context,
                **links,
            },
        )
        payload = {
            "template": template_prefix,
            "subject": message.subject,
            "body": message.body,
            "from_email": message.from_email,
            "to": message.to,
            "headers": message.extra_headers,
            "alternatives": [
                [alternative.content, alternative.mimetype]
                for alternative in getattr(message, "alternatives", [])
            ],
        }
        enqueue_after_commit(send_account_email, payload)
