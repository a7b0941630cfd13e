"""Background work (DESIGN §1, API §3.2): `django.tasks` with the django-tasks-db backend.

* `worker` runs queued tasks, `scheduler` (or cron + `tick`) queues the periodic jobs of `periodiek`;
  both write a heartbeat (`Hartslag`) that `/health` and `/metrics` report.
* Task arguments are stored in the database and shown to operators: pass ids, never personal data.
  A failed task keeps only its error type and location, never the message or traceback (which can
  hold personal data), the same rule as the logs (`core/logging.py`).
"""
