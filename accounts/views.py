from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import roles, verification
from .forms import SignUpForm
from .services import email_verification_send, email_verify, user_create
from .throttling import throttled


def _send_confirmation(request: HttpRequest, user) -> None:
    email_verification_send(
        user=user,
        link=lambda uid, token: request.build_absolute_uri(reverse("accounts:verify", args=[uid, token])),
    )


@require_http_methods(["GET", "POST"])
@throttled("signup", by_address=True)
def signup(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = user_create(
            username=form.cleaned_data["username"],
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            role=roles.APPLICANT,
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        _send_confirmation(request, user)
        messages.success(request, f"Welcome to CredSly. Connect your data to get a score; we sent a link to "
                                  f"{user.email} to confirm your address before you apply to a lender.")
        return redirect("home")
    return render(request, "accounts/signup.html", {"form": form})


@login_required
@require_POST
def verify_send(request: HttpRequest) -> HttpResponse:
    if request.user.email_verified:
        messages.info(request, "Your e-mail address is already confirmed.")
    elif not request.user.email:
        messages.error(request, "Your account has no e-mail address; ask an administrator to add one.")
    else:
        _send_confirmation(request, request.user)
        messages.success(request, f"We sent a new confirmation link to {request.user.email}.")
    return redirect("home")


@require_GET
def verify(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user = verification.user_of(uidb64, token)
    if user is None:
        return render(request, "accounts/verify_failed.html", status=400)
    email_verify(user=user)
    messages.success(request, f"Thank you: {user.email} is confirmed.")
    return redirect("home")
