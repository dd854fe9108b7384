from django.urls import include, path

from cloudpark.portals import views

portal_urls = (
    [
        path("", views.home, name="home"),
        path("switch/<int:membership_id>/", views.switch, name="switch"),
    ],
    "portals",
)

urlpatterns = [
    path("portal/", include(portal_urls)),
    path("me/", include("cloudpark.portals.individual.urls")),
    path("enterprise/", include("cloudpark.portals.enterprise.urls")),
    path("park/", include("cloudpark.portals.park.urls")),
    path("gov/", include("cloudpark.portals.government.urls")),
    path("", include("cloudpark.portals.public.urls")),
]
