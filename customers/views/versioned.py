"""Edit views whose save may meet someone else's: the answer is 409 and the same form.

The form (customers.forms.versioned.VersionedFormMixin) comes back with my changes in
its inputs, the other person's changes to fields I left alone, a note at each field we
both changed, and "Keep mine" / "Take theirs". htmx swaps a 409 like a 422
(templates/base.html); without JavaScript it is simply the page again.
"""

from http import HTTPStatus

from customers.services.concurrency import EditConflict


class VersionedEditMixin:
    """Put before ServiceFormMixin; `perform` passes `form.version` and
    `form.edit_data()` to a versioned update service."""

    conflict: EditConflict | None = None

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except EditConflict as conflict:
            self.conflict = conflict
            # Through get_form(), so the view's own rules for its form (the owner field
            # only for those who may reassign owners) hold for this one too.
            conflict_form = self.get_form()
            conflict_form.show_conflict(conflict)
            return self.form_conflict(conflict_form)

    def get_form_kwargs(self):
        """After a conflict: a new form on the row as it is now, with my changes over it."""
        kwargs = super().get_form_kwargs()
        if self.conflict is None:
            return kwargs
        kwargs.pop("data", None)
        kwargs.pop("files", None)
        # Initial values the view supplies for form fields were read from the row
        # before; the row as it is now (the instance) is what counts.
        fields = self.get_form_class().base_fields
        initial = {k: v for k, v in kwargs.get("initial", {}).items() if k not in fields}
        kwargs.update(instance=self.conflict.current, initial={**initial, **self.conflict.mine})
        return kwargs

    def form_conflict(self, form):
        context = self.get_context_data(form=form)
        return self.render_to_response(context, status=HTTPStatus.CONFLICT)
