from django.urls import path

from cloudpark.portals.public import awards, bases, directory, events, programs, views

app_name = "public"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    *directory.urlpatterns,
    *bases.urlpatterns,
    *programs.urlpatterns,
    *events.urlpatterns,
    *awards.urlpatterns,
]
