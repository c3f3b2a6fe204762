"""URL configuration; the pages come with the web application."""

from django.http import JsonResponse
from django.urls import path


def health(request):
    """A liveness probe for `dangbo serve`."""
    return JsonResponse({"ok": True})


urlpatterns = [path("health", health, name="health")]
