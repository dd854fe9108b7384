from django.urls import path

from cloudpark.portals.individual import (
    awards,
    copyright,
    events,
    exports,
    finance,
    jobs,
    notifications,
    partner_benefits,
    tokens,
    views,
)
from cloudpark.portals.individual import benefits as individual_benefits
from cloudpark.portals.shared.directory import invitation_urlpatterns

app_name = "individual"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("sign-out-everywhere/", views.SignOutEverywhereView.as_view(), name="sign-out-everywhere"),
    *tokens.urlpatterns,
    *exports.urlpatterns,
    *events.urlpatterns,
    *notifications.urlpatterns,
    *invitation_urlpatterns,
    *jobs.urlpatterns,
    *awards.urlpatterns,
    *finance.urlpatterns,
    *individual_benefits.urlpatterns,
    *partner_benefits.urlpatterns,
    *copyright.urlpatterns,
]
