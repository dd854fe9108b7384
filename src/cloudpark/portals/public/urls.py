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
    news,
    news_feeds,
    programs,
    views,
)

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
    *copyright.urlpatterns,
]
