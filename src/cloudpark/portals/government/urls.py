from django.urls import path

from cloudpark.portals.base import Portal
from cloudpark.portals.government import awards, bases, directory, filings, programs, views
from cloudpark.portals.government import copyright as copyright_pages
from cloudpark.portals.shared import benefits as shared_benefits
from cloudpark.portals.shared import dashboards, events, news, reviews
from cloudpark.portals.shared import directory as shared_directory
from cloudpark.portals.shared import jobs as shared_jobs
from cloudpark.portals.shared import market as shared_market
from cloudpark.portals.shared import programs as shared_programs

app_name = "government"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    *directory.urlpatterns,
    *shared_directory.urlpatterns_for(Portal.GOVERNMENT),
    *events.urlpatterns_for(Portal.GOVERNMENT),
    *bases.urlpatterns,
    *programs.urlpatterns,
    *filings.urlpatterns,
    *shared_programs.urlpatterns_for(Portal.GOVERNMENT),
    *reviews.urlpatterns_for(Portal.GOVERNMENT),
    *shared_jobs.urlpatterns_for(Portal.GOVERNMENT),
    *news.urlpatterns_for(Portal.GOVERNMENT),
    *awards.urlpatterns,
    *dashboards.urlpatterns_for(Portal.GOVERNMENT),
    *shared_benefits.urlpatterns_for(Portal.GOVERNMENT),
    *shared_market.urlpatterns_for(Portal.GOVERNMENT),
    *copyright_pages.urlpatterns,
]
