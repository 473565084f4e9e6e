from django.db import IntegrityError, models, transaction


def validated_save(obj: models.Model, *, exclude=(), **save_kwargs) -> None:
    """Validate `obj` as a form would, then save it.

    Unique constraints are left to the database, which checks them anyway: a
    violation is then explained as the validation error it is. (Forms check them
    first, to show the error beside the field with everything else.)
    """
    obj.full_clean(exclude={"search_text", *exclude}, validate_constraints=False)
    try:
        with transaction.atomic():
            obj.save(**save_kwargs)
    except IntegrityError:
        obj.validate_constraints()
        raise


def apply_changes(obj: models.Model, data: dict, **kwargs) -> None:
    """Set `data` (field name -> value) on `obj` and save only those fields."""
    for field, value in data.items():
        setattr(obj, field, value)
    validated_save(obj, update_fields=set(data), **kwargs)
