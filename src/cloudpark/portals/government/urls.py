from django.urls import path

from cloudpark.portals import events
from cloudpark.portals.base import Portal
from cloudpark.portals.government import bases, programs, views

app_name = "government"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("parks/", views.ParkListView.as_view(), name="park_list"),
    path("parks/<int:pk>/", views.ParkDetailView.as_view(), name="park_detail"),
    path("enterprises/", views.EnterpriseListView.as_view(), name="enterprise_list"),
    path("enterprises/<int:pk>/", views.EnterpriseDetailView.as_view(), name="enterprise_detail"),
    path("imports/", views.ImportListView.as_view(), name="import_list"),
    path("imports/template.xlsx", views.ImportTemplateView.as_view(), name="import_template"),
    path("imports/<int:pk>/", views.ImportDetailView.as_view(), name="import_detail"),
    path("members/", views.MembersView.as_view(), name="members"),
    *events.portal_urls(Portal.GOVERNMENT),
    *bases.urlpatterns,
    *programs.urlpatterns,
    path("reviews/", views.ReviewListView.as_view(), name="review_list"),
    path("reviews/<int:pk>/", views.ReviewCaseView.as_view(), name="review_detail"),
]
