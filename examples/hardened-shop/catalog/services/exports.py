"""Sales exports written by the nightly job and downloaded by partners."""
import os
import subprocess

from django.conf import settings
from django.db import connection
from django.utils._os import safe_join

EXPORT_DIR = os.path.join(settings.BASE_DIR, "exports")
SALES_QUERY = "SELECT product_id, SUM(quantity) AS total FROM catalog_sale GROUP BY product_id ORDER BY "
# Whole statements, chosen by key: no request text ever reaches the SQL.
SALES_QUERIES = {"total": SALES_QUERY + "total DESC", "product": SALES_QUERY + "product_id"}


def export_path(name):
    # safe_join raises SuspiciousFileOperation for anything outside EXPORT_DIR.
    return safe_join(EXPORT_DIR, name)


def open_export(name):
    return open(export_path(name), "rb")


def compress_export(name):
    subprocess.run(["/usr/bin/gzip", "--keep", "--", export_path(name)], check=True)


def sales_rows(order):
    query = SALES_QUERIES.get(order, SALES_QUERIES["total"])
    with connection.cursor() as cursor:
        cursor.execute(query)
        return cursor.fetchall()
