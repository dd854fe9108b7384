from django.urls import path

from cloudpark.portals.public import views

app_name = "public"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("parks/", views.ParkListView.as_view(), name="park_list"),
    path("parks/<int:pk>/", views.ParkDetailView.as_view(), name="park_detail"),
    path("enterprises/", views.EnterpriseListView.as_view(), name="enterprise_list"),
    path("enterprises/<int:pk>/", views.EnterpriseDetailView.as_view(), name="enterprise_detail"),
]
