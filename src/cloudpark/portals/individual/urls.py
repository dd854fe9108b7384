from django.urls import path

from cloudpark.portals.individual import events, views

app_name = "individual"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    *events.urlpatterns,
    path("notifications/", views.NotificationListView.as_view(), name="notifications"),
]
