from django.db import models


class VersionedModel(models.Model):
    """A model whose `version` counts its saves, and whose save() keeps derived fields
    in step with the fields they are made of (`derived_from`).

    An edit form carries the version it started from, so a save over someone else's
    newer one is caught instead of silently overwriting it (customers/core/concurrency.py).
    """

    # Each derived field, and the fields derive() makes it of.
    derived_from: dict[str, frozenset[str]] = {}

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
        if (update_fields := kwargs.get("update_fields")) is not None:
            kwargs["update_fields"] = self._with_derived(set(update_fields))
        self.derive()
        super().save(*args, **kwargs)

    def derive(self) -> None:
        """Set the derived fields from the fields they are made of."""

    def _with_derived(self, update_fields: set[str]) -> set[str]:
        """`update_fields`, and the derived fields made of any of them. A derived field
        is made of what is stored for the fields not being saved: this copy's may be
        older than someone else's save."""
        for derived, sources in self.derived_from.items():
            if sources & update_fields:
                if stored := sources - update_fields:
                    self.refresh_from_db(fields=sorted(stored))
                update_fields.add(derived)
        stamps = {"version"} | ({"updated_at"} & self._field_names())
        return {*update_fields, *stamps}

    @classmethod
    def _field_names(cls) -> set[str]:
        """Not every versioned model keeps when it was last updated (contacts do not)."""
        return {field.name for field in cls._meta.concrete_fields}
