"""Partner integrations: product feeds and carts shared by partner sites."""
import base64
import json

import requests


def fetch_feed(url):
    response = requests.get(url, timeout=10)
    return response.json()


def decode_partner_cart(blob):
    return json.loads(base64.b64decode(blob))
