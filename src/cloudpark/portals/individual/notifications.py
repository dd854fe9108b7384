"""A person's notifications."""

from django.shortcuts import redirect
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View

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


class NotificationOpenView(IndividualMixin, View):
    """Follows one notification's link, marking that notification read on the way."""

    def get(self, request, pk):
        notification = notification_selectors.get_notification_for(request.user, pk)
        notification_services.mark_read(notification, actor=request.user)
        # The link is written by the platform's own services; a stray host still goes home.
        if notification.url and url_has_allowed_host_and_scheme(
            notification.url, allowed_hosts={request.get_host()}
        ):
            return redirect(notification.url)
        return redirect("individual:notifications")


urlpatterns = [
    path("notifications/", NotificationListView.as_view(), name="notifications"),
    path("notifications/<int:pk>/", NotificationOpenView.as_view(), name="notification_open"),
]
