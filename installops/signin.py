"""Sign-in protection on top of django-axes, and the page a locked-out person sees.

Axes locks one username from one address after AXES_FAILURE_LIMIT failures. A password spray tries one
account from many addresses, each staying under that limit; so the failures of a username are also
counted across every address (axes' own attempt rows, in the database every web process shares), and
past SIGNIN_USERNAME_FAILURE_LIMIT within the cool-off the account's sign-ins pause.

An attacker must not be able to lock a real person out at will, so the pause:
- ends on its own: attempts refused during the pause are not counted, so it lasts at most the cool-off
  after the failures that caused it, and is never extended by more guessing;
- does not apply from an address the person signed in from successfully in the last
  SIGNIN_KNOWN_ADDRESS_DAYS days (axes' access log), so the office and their own phone still get in.
"""

from datetime import timedelta

from axes.helpers import get_client_ip_address, get_cool_off
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.timesince import timesince

LOCKED_OUT_TEMPLATE = "registration/locked_out.html"


def lock_duration_words() -> str:
    """The cool-off in words ("1 hour", "30 minutes")."""
    now = timezone.now()
    return timesince(now - (get_cool_off() or timedelta(0)), now)


def signin_paused_for(*, username: str, address: str | None) -> bool:
    """True while this username failed too often across all addresses and `address` is not one of its own."""
    cool_off = get_cool_off() or timedelta(hours=1)
    now = timezone.now()
    failures = (
        AccessAttempt.objects.filter(username__iexact=username, attempt_time__gte=now - cool_off).aggregate(
            total=Sum("failures_since_start")
        )["total"]
        or 0
    )
    if failures < settings.SIGNIN_USERNAME_FAILURE_LIMIT:
        return False
    known_since = now - timedelta(days=settings.SIGNIN_KNOWN_ADDRESS_DAYS)
    known = AccessLog.objects.filter(username__iexact=username, ip_address=address, attempt_time__gte=known_since)
    return not (address and known.exists())


class SignInForm(AuthenticationForm):
    paused = False

    def clean(self):
        username = self.cleaned_data.get("username")
        checked = settings.AXES_ENABLED and username and self.request is not None
        if checked and signin_paused_for(username=username, address=get_client_ip_address(self.request)):
            self.paused = True
            raise ValidationError("Sign-ins to this account are paused.", code="paused")
        return super().clean()


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        if form.paused:
            return render(
                self.request,
                LOCKED_OUT_TEMPLATE,
                {"lock_duration": lock_duration_words(), "spray": True},
                status=settings.AXES_HTTP_RESPONSE_CODE,
            )
        return super().form_invalid(form)


def lockout_response(request, original_response=None, credentials=None):
    """Axes' answer to a locked-out address (AXES_LOCKOUT_CALLABLE): the app's own page, not a bare line."""
    return render(
        request,
        LOCKED_OUT_TEMPLATE,
        {"lock_duration": lock_duration_words(), "spray": False},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
