import zlib

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy

TAG_NAME_TAKEN = "tag_name_taken"


class Tag(models.Model):
    class Colour(models.TextChoices):
        # A fixed palette: every chip stays readable in light and dark themes.
        GREY = "grey", gettext_lazy("Grey")
        RED = "red", gettext_lazy("Red")
        ORANGE = "orange", gettext_lazy("Orange")
        YELLOW = "yellow", gettext_lazy("Yellow")
        GREEN = "green", gettext_lazy("Green")
        TEAL = "teal", gettext_lazy("Teal")
        BLUE = "blue", gettext_lazy("Blue")
        PURPLE = "purple", gettext_lazy("Purple")
        PINK = "pink", gettext_lazy("Pink")

    name = models.CharField(gettext_lazy("name"), max_length=50)
    colour = models.CharField(
        gettext_lazy("colour"), max_length=10, choices=Colour, default=Colour.GREY
    )

    class Meta:
        verbose_name = gettext_lazy("tag")
        verbose_name_plural = gettext_lazy("tags")
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="tag_name_ci_unique",
                violation_error_code=TAG_NAME_TAKEN,
                violation_error_message=gettext_lazy("There is already a tag with this name."),
            ),
        ]

    def __str__(self):
        return self.name

    @classmethod
    def colour_for(cls, name: str) -> str:
        """A colour picked by the name, so a new tag gets the same one every time."""
        colours = cls.Colour.values
        return colours[zlib.crc32(name.casefold().encode()) % len(colours)]
