"""Sign-in and self-registration, with Django's auth views and our own templates."""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.contrib.auth.models import User
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView


class BoundedUsernameMixin:
    """For a sign-in form: a username longer than any account's is refused as such.

    Django's AuthenticationForm only sets the field's `max_length` for the widget, so
    without this check any length reaches authenticate(), and django-axes then stores
    it in its 255-character column: on PostgreSQL a 500 for anyone on the internet.
    The refusal is still a failed sign-in from that address (the throttle counts it,
    with the name cut to the longest a user can have), so it is no way around the limit.
    """

    TOO_LONG = gettext_lazy("No username is longer than %(limit_value)d characters.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length, message=self.TOO_LONG))

    def clean(self):
        if self.has_error("username", "max_length"):
            limit = self.fields["username"].max_length
            typed = str(self.data.get("username", ""))[:limit]
            user_login_failed.send(
                sender=type(self), credentials={"username": typed}, request=self.request
            )
        return super().clean()


class SignInForm(BoundedUsernameMixin, AuthenticationForm):
    """Tells a user with the right password that their account awaits activation,
    rather than that the password is wrong. Inactive users still cannot sign in,
    and a session ends when its user is deactivated (ModelBackend checks both)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "inactive": gettext_lazy("This account is waiting for an administrator to activate it."),
    }

    def clean(self):
        try:
            return super().clean()
        except ValidationError as error:
            # While sign-in is locked (django-axes) no password is checked here either,
            # so a lockout never tells a guesser they got an inactive user's one right.
            locked = getattr(self.request, "axes_locked_out", False)
            if (
                error.code == "invalid_login"
                and not locked
                and self.is_inactive_with_right_password()
            ):
                raise ValidationError(self.error_messages["inactive"], code="inactive") from None
            raise

    def is_inactive_with_right_password(self) -> bool:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        user = User._default_manager.filter(username=username).first()
        return bool(user and not user.is_active and password and user.check_password(password))


class LoginView(auth_views.LoginView):
    form_class = SignInForm
    redirect_authenticated_user = True


class RegistrationForm(UserCreationForm):
    email = forms.EmailField(label=gettext_lazy("Email"))

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")


@method_decorator(login_not_required, name="dispatch")
class RegisterView(FormView):
    """Self-registration, off unless REGISTRATION_OPEN is set.

    New accounts are inactive: they cannot sign in, let alone see customers,
    until a superuser activates them in the admin.
    """

    form_class = RegistrationForm
    template_name = "registration/register.html"
    success_url = reverse_lazy("login")

    def dispatch(self, request, *args, **kwargs):
        if not settings.REGISTRATION_OPEN:
            return render(request, "registration/register_closed.html", status=403)
        if request.user.is_authenticated:
            return redirect(settings.LOGIN_REDIRECT_URL)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        user = form.save(commit=False)
        user.is_active = False
        user.save()  # with no role: the administrator who activates it gives it one
        messages.success(
            self.request,
            _("Thanks. An administrator must activate your account before you can sign in."),
        )
        return super().form_valid(form)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=422)


def client_ip(request) -> str | None:
    """The address a sign-in came from, for throttling. Behind our TLS proxy it is the
    one the proxy appended to X-Forwarded-For, which a client cannot forge.

    Anything that is not an address there (a misconfigured proxy, an empty entry) falls
    back to the connection's address: never an error, and never no address at all,
    which would escape the per-address limit.
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.BEHIND_TLS_PROXY and (address := _address(forwarded.split(",")[-1])):
        return address
    return _address(request.META.get("REMOTE_ADDR") or "")


def _address(text: str) -> str | None:
    """`text` as one canonical IP address (so `2001:DB8::1` counts as `2001:db8::1`),
    or None: the access log's column takes nothing else."""
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def locked_out(request, original_response=None, credentials=None):
    """The sign-in page again, with 429, saying why it refuses and for how long.

    django-axes calls this instead of the view's own answer while the username or the
    address is locked out, so it shows the same for a right and a wrong password.
    """
    cool_off = get_cool_off(request)
    if cool_off:
        now = timezone.now()
        message = _(
            "Too many failed sign-in attempts. For your security, signing in is paused for "
            "{pause}. Try again later, or ask your administrator."
        ).format(pause=timesince(now - cool_off, now))
    else:
        message = _(
            "Too many failed sign-in attempts. For your security, signing in is paused until "
            "an administrator lifts the lock. Try again later, or ask your administrator."
        )
    form = SignInForm(request, initial={"username": (credentials or {}).get("username", "")})
    next_url = request.POST.get("next") or request.GET.get("next", "")
    response = render(
        request,
        "registration/login.html",
        {"form": form, "locked_out": message, "next": next_url},
        status=429,
    )
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


class SignInAttemptsHandler(AxesDatabaseHandler):
    """django-axes' database handler, but a successful sign-in forgives only the
    failures of that username from that address.

    Axes' own reset deletes every failure matching any lockout parameter: all failures
    of the address too. Anyone with an account could then guess another user's password
    without end: four guesses, one sign-in of their own, four more.
    """

    def reset_user_attempts(self, request, credentials=None) -> int:
        username = get_client_username(request, credentials)
        own_failures = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        )
        count, _ = own_failures.delete()
        return count
