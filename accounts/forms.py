from django.contrib.auth.forms import UserCreationForm

from .models import User


class SignUpForm(UserCreationForm):
    """Sign-up for applicants; lenders and admins are created by an admin."""

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")
