"""The ConcertMaster reference application: the smallest real API, Celery worker and migrations that
honour the image contract the charts assume (see ../README.md)."""
