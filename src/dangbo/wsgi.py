"""WSGI entry point used by gunicorn (`dangbo serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangbo.settings")
application = get_wsgi_application()
