from django.db import models


class VersionedModel(models.Model):
    """A model whose `version` counts its saves, and whose save() keeps some fields in
    step: `derived_fields`, written along with any `update_fields`.

    An edit form carries the version it started from, so a save over someone else's
    newer one is caught instead of silently overwriting it (services/concurrency.py).
    """

    derived_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                *self.derived_fields,
                "updated_at",
                "version",
            }
        super().save(*args, **kwargs)
