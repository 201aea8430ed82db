"""Sales exports written by the nightly job and downloaded by partners."""
import os
import subprocess

from django.conf import settings
from django.db import connection

EXPORT_DIR = os.path.join(settings.BASE_DIR, "exports")


def export_path(name):
    return os.path.join(EXPORT_DIR, name)


def open_export(name):
    return open(export_path(name), "rb")


def compress_export(name):
    subprocess.run(f"gzip --keep {export_path(name)}", shell=True, check=True)


def sales_rows(order):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT product_id, SUM(quantity) AS total FROM catalog_sale GROUP BY product_id ORDER BY {order}")
        return cursor.fetchall()
