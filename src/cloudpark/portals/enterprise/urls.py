from django.urls import path

from cloudpark.portals.base import Portal
from cloudpark.portals.enterprise import (
    awards,
    copyright,
    events,
    figures,
    filings,
    finance,
    jobs,
    market,
    programs,
    views,
)
from cloudpark.portals.shared import directory

app_name = "enterprise"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("profile/edit/", views.ProfileEditView.as_view(), name="profile_edit"),
    *directory.member_urlpatterns_for(Portal.ENTERPRISE),
    *programs.urlpatterns,
    *events.urlpatterns,
    *jobs.urlpatterns,
    *filings.urlpatterns,
    *awards.urlpatterns,
    *figures.urlpatterns,
    *finance.urlpatterns,
    *market.urlpatterns,
    *copyright.urlpatterns,
]
