from django.urls import path

from cloudpark.portals.public import bases, events, programs, views

app_name = "public"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("parks/", views.ParkListView.as_view(), name="park_list"),
    path("parks/<int:pk>/", views.ParkDetailView.as_view(), name="park_detail"),
    path("enterprises/", views.EnterpriseListView.as_view(), name="enterprise_list"),
    path("enterprises/<int:pk>/", views.EnterpriseDetailView.as_view(), name="enterprise_detail"),
    *bases.urlpatterns,
    *programs.urlpatterns,
    path("events/", events.EventListView.as_view(), name="event_list"),
    path("events/<int:pk>/", events.EventDetailView.as_view(), name="event_detail"),
    path("events/<int:pk>/agenda/", events.AgendaView.as_view(), name="event_agenda"),
    path("events/<int:pk>/register/", events.RegisterView.as_view(), name="event_register"),
    path("events/<int:pk>/calendar.ics", events.CalendarView.as_view(), name="event_calendar"),
    path("events/<int:pk>/cover/", events.CoverView.as_view(), name="event_cover"),
]
