from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.throttling import ScopedRateThrottle


class LoginView(auth_views.LoginView):
    """Django's login view: CSRF, never-cache, sensitive POST data, and a `next` checked
    against ALLOWED_HOSTS. Failed attempts are counted and locked out by django-axes."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@require_POST
def logout_view(request):
    logout(request)
    return redirect("catalog:product_list")


class PasswordResetView(auth_views.PasswordResetView):
    """Answers the same whether or not an account uses the address."""

    template_name = "accounts/password_reset.html"
    subject_template_name = "accounts/password_reset_subject.txt"
    email_template_name = "accounts/password_reset_email.txt"
    success_url = reverse_lazy("accounts:login")

    def form_valid(self, form):
        messages.success(self.request, "If an account uses that address, we have emailed it a link to reset the password.")
        return super().form_valid(form)


class ObtainTokenView(ObtainAuthToken):
    """Token endpoint for the mobile app. DRF's ObtainAuthToken turns throttling off
    (throttle_classes = ()), so it is switched back on here; axes counts failures too."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"


obtain_token = ObtainTokenView.as_view()
