from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from customers.core import timezones
from customers.followups.rules import VIEW
from customers.models import UserPreference
from customers.notifications.forms import ReminderSettingsForm
from customers.notifications.selectors import notifications_of
from customers.notifications.services import notifications_read
from ui.access import PermissionRequiredMixin
from ui.views import UNPROCESSABLE


class NotificationListView(PermissionRequiredMixin, TemplateView):
    """The signed-in user's reminders, newest first; the unread ones marked."""

    permission_required = VIEW
    template_name = "customers/notifications/notification_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        kwargs.setdefault(
            "settings_form",
            ReminderSettingsForm(instance=preference_of(user), has_email=bool(user.email)),
        )
        return super().get_context_data(
            notifications=notifications_of(user=user),
            reminder_hour=settings.REMINDER_HOUR,
            **kwargs,
        )


class NotificationsReadView(PermissionRequiredMixin, View):
    permission_required = VIEW
    http_method_names = ["post", "options"]

    def post(self, request, *args, **kwargs):
        if notifications_read(user=request.user):
            messages.success(request, _("All notifications are marked as read."))
        return HttpResponseRedirect(reverse("notification_list"))


def preference_of(user) -> UserPreference:
    return UserPreference.objects.filter(user=user).first() or UserPreference(user=user)


class ReminderSettingsView(PermissionRequiredMixin, View):
    """Whether reminders also come by email, and the user's time zone: the settings on
    the Notifications page. A zone not on the list is refused (422) beside the field."""

    permission_required = VIEW
    http_method_names = ["post", "options"]

    def post(self, request, *args, **kwargs):
        user = request.user
        preference = preference_of(user)
        zone_before = preference.time_zone
        form = ReminderSettingsForm(request.POST, instance=preference, has_email=bool(user.email))
        if not form.is_valid():
            # The page again, the form as posted with its error beside the field.
            page = NotificationListView()
            page.setup(request, *args, **kwargs)
            context = page.get_context_data(settings_form=form)
            return page.render_to_response(context, status=UNPROCESSABLE)
        form.save()
        timezones.remember(request.session, form.instance.time_zone)
        if "reminder_email" in form.fields:
            if form.instance.reminder_email:
                messages.success(request, _("Reminders will come by email too."))
            else:
                messages.success(request, _("Reminders will come in the app only."))
        if form.instance.time_zone != zone_before:
            zone = form.instance.time_zone or settings.TIME_ZONE
            messages.success(request, _("Times are now shown in {zone}.").format(zone=zone))
        return HttpResponseRedirect(reverse("notification_list"))
