"""View mixins that choose between a full page and the fragment htmx asked for."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy

from ui.http import CLOSE_DIALOG, htmx_done

UNPROCESSABLE = 422


class PartialTemplateMixin:
    """Render only `partial_name` of the page template when htmx asks for it.

    The partial lives in the page template itself, or in `fragment_template_name`
    when the page without JavaScript is another template than the one htmx swaps into
    (a small form page, say, whose htmx answer is a region of the record page).
    History-restore requests get the full page, so the back button never shows a bare
    fragment (ui.middleware.VaryOnHtmxMiddleware keeps caches apart). Only GET and
    POST are spoken, as by HTML forms (DeleteView would otherwise take DELETE).
    """

    partial_name: str | None = None
    fragment_template_name: str | None = None
    http_method_names = ["get", "post", "head", "options"]

    def get_partial_name(self) -> str | None:
        return self.partial_name

    def wants_fragment(self) -> bool:
        htmx = self.request.htmx
        return bool(htmx) and not htmx.history_restore_request

    def get_template_names(self):
        partial = self.get_partial_name()
        if not (partial and self.wants_fragment()):
            return super().get_template_names()
        names = [self.fragment_template_name or name for name in super().get_template_names()]
        return [f"{name}#{partial}" for name in names]


class ServiceFormMixin:
    """Hand a valid form to a service; invalid input answers 422 and keeps what was typed.

    Services have the last word on the rules (a race on a unique email, say): a
    ValidationError they raise lands on the form like any other error. After a
    successful write the user is told `success_message` (`{object}` is what was
    written); a plain POST goes on to the success URL, and htmx gets what
    `htmx_success()` answers, the one hook a view overrides to update the page in place.
    """

    success_message = ""

    def perform(self, form):
        """Do the write through a service and return the object."""
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.object = self.perform(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        return self.form_succeeded(form)

    def form_succeeded(self, form):
        if message := self.get_success_message(form):
            messages.success(self.request, message)
        if self.request.htmx:
            return self.htmx_success(form)
        return HttpResponseRedirect(self.get_success_url())

    def get_success_message(self, form) -> str:
        return self.success_message.format(object=self.object)

    def htmx_success(self, form):
        """The answer to a successful htmx POST: by default the same redirect."""
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=UNPROCESSABLE)


class NextUrlMixin:
    """Send the user back to `?next=` after a plain form post, if it is one of ours."""

    def get_next_url(self) -> str | None:
        """`?next=` (or the posted `next`) when it is a path on this site. Only a path:
        `redirect()` would take "0" or "home" for the name of a view and fail."""
        candidate = self.request.POST.get("next") or self.request.GET.get("next")
        if (
            candidate
            and candidate.startswith("/")
            and url_has_allowed_host_and_scheme(
                candidate,
                allowed_hosts={self.request.get_host()},
                require_https=self.request.is_secure(),
            )
        ):
            return candidate
        return None

    def get_success_url(self):
        """`?next=` when it is safe, else the view's own `success_url`."""
        return self.get_next_url() or super().get_success_url()

    def get_context_data(self, **kwargs):
        return super().get_context_data(next_url=self.get_next_url(), **kwargs)


class FragmentOnlyMixin:
    """A piece of a page that only htmx asks for, such as the row "Cancel" puts back.

    A browser asking for it on its own is sent to the page it belongs to.
    """

    def render_fragment(self):
        raise NotImplementedError

    def get_page_url(self) -> str:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_fragment() if request.htmx else redirect(self.get_page_url())


class DialogDeleteMixin:
    """Delete after a confirmation dialog (or, without JavaScript, a page), on POST.

    Every delete asks in the same words and markup (ui/confirm_delete.html); a view
    says only what differs: `confirm_verb` and `confirm_button`, `consequence()`,
    `confirm_details` (a template saying what goes along), where Cancel leads
    (`get_cancel_url()`, the success URL by default) and `row_id_prefix`.

    For htmx the object's row (`<row_id_prefix>-<pk>`) leaves at once (the template's
    `gone` partial, out of band), `changed_event` refreshes the rest and the dialog
    closes; a view that answers otherwise overrides `htmx_deleted()`. A plain POST
    goes on to the success URL.
    """

    template_name = "ui/confirm_delete.html"
    changed_event: str
    confirm_verb = "Delete"  # the heading's id: "delete-customer-title"
    confirm_title = gettext_lazy("Delete {object}")  # "Delete Acme?"
    confirm_button = gettext_lazy("Confirm delete")
    confirm_details: str | None = None
    confirm_hx_target: str | None = None  # the region htmx_deleted() answers with
    row_id_prefix: str | None = None  # no row to remove when None

    def consequence(self) -> str:
        """What deleting does, in a sentence, as the confirmation says it."""
        raise NotImplementedError

    def get_cancel_url(self) -> str:
        return str(self.success_url)

    def get_confirm_context(self) -> dict:
        """What ui/confirm_delete.html asks about the object (see its comment)."""
        verb = self.confirm_verb
        return {
            "title": self.confirm_title.format(object=self.object),
            "heading_id": f"{verb.lower()}-{self.object._meta.model_name}-title",
            "consequence": self.consequence(),
            "details": self.confirm_details,
            "button": self.confirm_button,
            "action": self.request.path,
            "cancel_url": self.get_cancel_url(),
            "hx_target": self.confirm_hx_target,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(confirm=self.get_confirm_context(), **kwargs)

    def perform_delete(self) -> None:
        """Delete `self.object` through a service."""
        raise NotImplementedError

    def deleted_message(self) -> str:
        raise NotImplementedError

    def announce_deleted(self, message: str) -> None:
        """Toast `message`; a view may offer an action with it instead (see ui.toasts)."""
        messages.success(self.request, message)

    def gone(self) -> str:
        """The out-of-band swap that removes the object's row, if it has one."""
        if not self.row_id_prefix:
            return ""
        row_id = f"{self.row_id_prefix}-{self.object.pk}"
        return render_to_string(f"{self.template_name}#gone", {"row_id": row_id})

    def htmx_deleted(self, gone: str):
        """The answer to htmx once the object is deleted."""
        return htmx_done(self.changed_event, CLOSE_DIALOG, content=gone)

    def form_valid(self, form):
        gone = self.gone()
        message, success_url = self.deleted_message(), self.get_success_url()
        self.perform_delete()
        self.announce_deleted(message)
        if self.request.htmx:
            return self.htmx_deleted(gone)
        return HttpResponseRedirect(success_url)


class RefuseMixin:
    """Answer a POST that changed nothing with a toast saying why: for htmx a 422 that
    swaps nothing (so whatever was ticked or typed stays), else back to the success URL."""

    def refuse(self, reason: str):
        messages.error(self.request, reason)
        if self.request.htmx:
            return htmx_done(status=UNPROCESSABLE)
        return redirect(self.get_success_url())

    def refuse_invalid(self, form):
        """Refuse with every error of `form`, as one sentence after another."""
        return self.refuse(" ".join(m for errors in form.errors.values() for m in errors))
