"""What the CRM tells a user on its own: a task's reminder, in the app (and by email
for those who want it), and the once-a-day digest of overdue tasks."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, gettext_lazy

UNREAD = Q(read_at__isnull=True)


class Notification(models.Model):
    """A message for one user, shown under Notifications until they read it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=gettext_lazy("user"),
    )
    # Gone with its task: a reminder of a deleted task would lead nowhere.
    followup = models.ForeignKey(
        "customers.FollowUp",
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=gettext_lazy("task"),
    )
    text = models.CharField(gettext_lazy("text"), max_length=300)
    created_at = models.DateTimeField(gettext_lazy("created"), auto_now_add=True)
    read_at = models.DateTimeField(gettext_lazy("read"), null=True, blank=True)
    emailed = models.BooleanField(gettext_lazy("emailed"), default=False)

    class Meta:
        verbose_name = gettext_lazy("notification")
        verbose_name_plural = gettext_lazy("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The navigation's count of a user's unread notifications, and their list.
            models.Index(fields=["user", "-created_at", "-id"], name="notification_user_idx"),
            models.Index(fields=["user"], name="notification_unread_idx", condition=UNREAD),
        ]

    def __str__(self):
        return self.text


class DigestSent(models.Model):
    """That `user` was sent the overdue-tasks digest of `day`: the row is the lock that
    makes a second worker, or a restarted one, send nothing more that day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=gettext_lazy("user"),
    )
    day = models.DateField(gettext_lazy("day"))
    tasks = models.PositiveIntegerField(gettext_lazy("tasks"))
    sent_at = models.DateTimeField(gettext_lazy("sent"), auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("digest sent")
        verbose_name_plural = gettext_lazy("digests sent")
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="digest_once_a_day"),
        ]

    def __str__(self):
        return gettext("Digest of {day} for {user}").format(day=self.day, user=self.user)
