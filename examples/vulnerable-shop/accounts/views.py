from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from rest_framework.authtoken.views import ObtainAuthToken


def login_view(request):
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.get_user())
        return redirect(request.GET.get("next", "/"))
    return render(request, "accounts/login.html", {"form": form, "next": request.GET.get("next", "")})


@require_POST
def logout_view(request):
    logout(request)
    return redirect("catalog:product_list")


def password_reset(request):
    if request.method == "POST":
        email = request.POST.get("email", "")
        if not get_user_model().objects.filter(email__iexact=email, is_active=True).exists():
            messages.error(request, "There is no account registered with %s." % email)
            return redirect("accounts:password_reset")
        form = PasswordResetForm({"email": email})
        if form.is_valid():
            form.save(
                request=request,
                use_https=request.is_secure(),
                subject_template_name="accounts/password_reset_subject.txt",
                email_template_name="accounts/password_reset_email.txt",
            )
        messages.success(request, "We have emailed you a link to reset your password.")
        return redirect("accounts:login")
    return render(request, "accounts/password_reset.html")


# Token endpoint for the mobile app: POST username + password, get a token back.
obtain_token = ObtainAuthToken.as_view()
