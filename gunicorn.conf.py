"""Gunicorn settings for production (README, "Production serving"); each value can be overridden
from the environment so that more hosts are more copies of the same process, never state.

Sync workers: each request is short and mostly PostgreSQL time; connections are kept between
requests by CONN_MAX_AGE (production settings). Sessions and the shared cache live in Redis
(REDIS_URL) or in the database, never in a worker, so any worker on any host can answer any
request. WeasyPrint is imported by the WSGI module when a worker starts, not on a user's first
PDF.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests, which bounds the memory of a long-lived process.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
wsgi_app = "zhanakorgan_aid.wsgi:application"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
