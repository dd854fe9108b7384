"""A person's notifications."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from cloudpark.notifications import selectors as notification_selectors
from cloudpark.notifications import services as notification_services
from cloudpark.portals.base import IndividualMixin, ListMixin, PortalPage


class NotificationListView(IndividualMixin, ListMixin, PortalPage):
    """The person's notifications, newest first; opening the page marks them read."""

    template_name = "notifications/individual/notification_list.html"
    rows_template_name = "notifications/individual/notification_list.html"
    title = _("Notifications")

    def get_queryset(self):
        return notification_selectors.notifications_of(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Shown now, so read now: the rows keep their "new" mark for this one view.
        context["unread_ids"] = {n.pk for n in context["rows"] if not n.is_read}
        notification_services.mark_all_read(self.request.user)
        return context


urlpatterns = [
    path("notifications/", NotificationListView.as_view(), name="notifications"),
]
