from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from . import roles
from .forms import SignUpForm
from .services import user_create
from .throttling import throttled


@require_http_methods(["GET", "POST"])
@throttled("signup", by_address=True)
def signup(request):
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = user_create(
            username=form.cleaned_data["username"],
            email=form.cleaned_data.get("email", ""),
            password=form.cleaned_data["password1"],
            role=roles.APPLICANT,
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome to CredSly. Connect your data to get a score.")
        return redirect("home")
    return render(request, "accounts/signup.html", {"form": form})
