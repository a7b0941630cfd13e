import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zorgvuldig.conf.settings")
application = get_wsgi_application()

# gunicorn runs no system checks: refuse to serve with a missing key file or as a database role that row-
# level security does not bind (core/startcontrole.py).
from zorgvuldig.core.startcontrole import weiger_bij_fouten  # noqa: E402

weiger_bij_fouten()
