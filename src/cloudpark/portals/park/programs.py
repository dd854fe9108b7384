"""The park portal's programme pages: the applications of its enterprises. The park's first
opinion is given in the shared review room (``park:review_detail``)."""

from django.urls import path

from cloudpark.portals import programs as shared
from cloudpark.portals.base import Portal, PortalMixin


class ParkMixin(PortalMixin):
    portal = Portal.PARK


class ApplicationListView(ParkMixin, shared.ApplicationListView):
    pass


class ApplicationDetailView(ParkMixin, shared.ApplicationDetailView):
    pass


class MaterialDownloadView(ParkMixin, shared.MaterialDownloadView):
    pass


urlpatterns = [
    path("applications/", ApplicationListView.as_view(), name="application_list"),
    path("applications/<int:pk>/", ApplicationDetailView.as_view(), name="application_detail"),
    path(
        "applications/<int:pk>/materials/<int:material>/",
        MaterialDownloadView.as_view(),
        name="application_material",
    ),
]
