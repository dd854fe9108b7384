from django.urls import path

from cloudpark.portals.individual import views

app_name = "individual"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("notifications/", views.NotificationListView.as_view(), name="notifications"),
]
