from django.urls import path

from cloudpark.portals.public import (
    awards,
    bases,
    copyright,
    directory,
    events,
    filings,
    finance,
    jobs,
    market,
    news,
    news_feeds,
    programs,
    search,
    views,
)
from cloudpark.portals.public import benefits as public_benefits

app_name = "public"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    *directory.urlpatterns,
    *bases.urlpatterns,
    *programs.urlpatterns,
    *events.urlpatterns,
    *jobs.urlpatterns,
    *news.urlpatterns,
    *news_feeds.urlpatterns,
    *filings.urlpatterns,
    *awards.urlpatterns,
    *finance.urlpatterns,
    *public_benefits.urlpatterns,
    *search.urlpatterns,
    *market.urlpatterns,
    *copyright.urlpatterns,
]
