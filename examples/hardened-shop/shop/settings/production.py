"""
Production settings, used by shop.wsgi and shop.asgi.

TLS is terminated by the load balancer in front of the app servers. Every
secret comes from the environment; a missing variable stops the app at start.
"""
import os

from .base import *  # noqa: F401,F403

DEBUG = False

ALLOWED_HOSTS = [host.strip() for host in os.environ["DJANGO_ALLOWED_HOSTS"].split(",") if host.strip()]

DATABASES["default"]["NAME"] = os.environ.get("DJANGO_DB_PATH", "/var/lib/ponyshop/db.sqlite3")

# Shared by every app server, so DRF throttles and sessions agree (create it with createcachetable).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "ponyshop_cache",
    }
}

# The load balancer sets X-Forwarded-Proto and X-Real-IP and drops any copy sent by clients.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
AXES_META_PRECEDENCE_ORDER = ["HTTP_X_REAL_IP", "REMOTE_ADDR"]

SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "smtp.mailgun.org"
EMAIL_PORT = 587
EMAIL_USE_TLS = True
EMAIL_HOST_USER = os.environ["DJANGO_EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = os.environ["DJANGO_EMAIL_HOST_PASSWORD"]

# The nightly media backup job authenticates with the server's IAM role: no keys here.

STATIC_ROOT = "/srv/ponyshop/static"
