from django.urls import path

from cloudpark.portals.base import Portal
from cloudpark.portals.park import bases, directory, figures, views
from cloudpark.portals.park import benefits as park_benefits
from cloudpark.portals.park import jobs as park_jobs
from cloudpark.portals.shared import benefits as shared_benefits
from cloudpark.portals.shared import dashboards, events, news, programs, reviews
from cloudpark.portals.shared import directory as shared_directory
from cloudpark.portals.shared import jobs as shared_jobs
from cloudpark.portals.shared import market as shared_market

app_name = "park"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("profile/edit/", views.ProfileEditView.as_view(), name="profile_edit"),
    *shared_directory.urlpatterns_for(Portal.PARK),
    *directory.urlpatterns,
    *events.urlpatterns_for(Portal.PARK),
    *bases.urlpatterns,
    *programs.urlpatterns_for(Portal.PARK),
    *reviews.urlpatterns_for(Portal.PARK),
    *park_jobs.urlpatterns,
    *shared_jobs.urlpatterns_for(Portal.PARK),
    *news.urlpatterns_for(Portal.PARK),
    *figures.urlpatterns,
    *dashboards.urlpatterns_for(Portal.PARK),
    *park_benefits.urlpatterns,
    *shared_benefits.urlpatterns_for(Portal.PARK),
    *shared_market.urlpatterns_for(Portal.PARK),
]
