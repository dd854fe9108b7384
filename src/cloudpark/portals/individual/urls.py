from django.urls import path

from cloudpark.portals.individual import events, views

app_name = "individual"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("events/", events.RegistrationListView.as_view(), name="registration_list"),
    path("events/agenda.ics", events.AgendaCalendarView.as_view(), name="agenda_calendar"),
    path("events/<int:pk>/", events.RegistrationDetailView.as_view(), name="registration_detail"),
    path(
        "events/<int:pk>/cancel/",
        events.RegistrationCancelView.as_view(),
        name="registration_cancel",
    ),
    path("notifications/", views.NotificationListView.as_view(), name="notifications"),
]
