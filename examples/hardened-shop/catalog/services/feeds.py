"""Partner integrations: product feeds and carts shared by partner sites."""
import base64
import json

import requests
from django.conf import settings


def fetch_feed(partner):
    # Partners are configured server-side; the request only names one of them.
    url = settings.PARTNER_FEEDS[partner]
    response = requests.get(url, timeout=10)
    return response.json()


def decode_partner_cart(blob):
    return json.loads(base64.b64decode(blob))
