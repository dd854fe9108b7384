from django.urls import path

from cloudpark.portals.enterprise import events, programs, views

app_name = "enterprise"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("profile/edit/", views.ProfileEditView.as_view(), name="profile_edit"),
    path("members/", views.MembersView.as_view(), name="members"),
    *programs.urlpatterns,
    path("exhibitions/", events.ExhibitionListView.as_view(), name="exhibition_list"),
    path("exhibitions/<int:pk>/apply/", events.ExhibitApplyView.as_view(), name="exhibition_apply"),
]
