"""Security headers that Django 3.2 does not set by itself."""
from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Add Content-Security-Policy and Permissions-Policy headers unless a view set its own."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.policy)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        return response
