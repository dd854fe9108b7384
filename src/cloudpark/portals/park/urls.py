from django.urls import path

from cloudpark.portals import events
from cloudpark.portals.base import Portal
from cloudpark.portals.park import bases, programs, views

app_name = "park"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("profile/edit/", views.ProfileEditView.as_view(), name="profile_edit"),
    path("enterprises/", views.EnterpriseListView.as_view(), name="enterprise_list"),
    path("enterprises/admit/", views.AdmitEnterpriseView.as_view(), name="enterprise_admit"),
    path("enterprises/<int:pk>/", views.EnterpriseDetailView.as_view(), name="enterprise_detail"),
    path(
        "enterprises/<int:pk>/release/",
        views.ReleaseEnterpriseView.as_view(),
        name="enterprise_release",
    ),
    path("imports/", views.ImportListView.as_view(), name="import_list"),
    path("imports/template.xlsx", views.ImportTemplateView.as_view(), name="import_template"),
    path("imports/<int:pk>/", views.ImportDetailView.as_view(), name="import_detail"),
    path("members/", views.MembersView.as_view(), name="members"),
    *events.portal_urls(Portal.PARK),
    *bases.urlpatterns,
    *programs.urlpatterns,
    path("reviews/", views.ReviewListView.as_view(), name="review_list"),
    path("reviews/<int:pk>/", views.ReviewCaseView.as_view(), name="review_detail"),
]
