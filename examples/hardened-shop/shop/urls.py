"""URL configuration for the shop project."""
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("api/", include("catalog.api")),
    path("", include("catalog.urls")),
]

# In production the web server serves MEDIA_ROOT (with nosniff and Content-Disposition
# headers); Django only serves uploads in development, where static() adds a pattern.
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
