from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from customers.followups.rules import VIEW
from customers.notifications.selectors import notifications_of
from customers.notifications.services import notifications_read
from ui.access import PermissionRequiredMixin


class NotificationListView(PermissionRequiredMixin, TemplateView):
    """The signed-in user's reminders, newest first; the unread ones marked."""

    permission_required = VIEW
    template_name = "customers/notifications/notification_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            notifications=notifications_of(user=self.request.user),
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
