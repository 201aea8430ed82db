"""Carts handed over by partner sites."""
import pickle

from .feeds import decode_partner_cart


def restore_cart(blob):
    return pickle.loads(blob)


def partner_items(blob):
    cart = decode_partner_cart(blob)
    return cart.get("items", [])
