from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from cloudpark.accounts.views import admin_login
from cloudpark.core.views import health

urlpatterns = [
    # The admin signs in through the site's sign-in page, second factor included.
    path("admin/login/", admin_login),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/v1/", include("cloudpark.api.urls")),
    path("", include("cloudpark.portals.urls")),
    path("health/", health, name="health"),
]
