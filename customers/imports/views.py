"""Importing customers, contacts or activity from a file: upload, map and preview, then
the worker's progress.

Who may do what is checked here, for every URL: importing needs the right to add what
the import brings in (customers/imports/access.py); mapping and starting an import,
also to be who uploaded it. The import itself runs in the worker
(customers/imports/tasks.py), never in a request.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from customers.core.permissions import ACT_FOR_ANY_OWNER, role_cannot
from customers.imports.access import DELETE, importable_targets, may_import
from customers.imports.forms import ImportMappingForm, ImportUploadForm, size_cap
from customers.imports.mapping import field_labels, guess_mapping, remembered_mapping
from customers.imports.parsing import ENCODING_NAMES
from customers.imports.rows import may_choose_owner
from customers.imports.selectors import (
    failed_rows,
    import_list,
    import_preview,
    import_problems,
    import_progress,
    preview_columns,
)
from customers.imports.services import import_configure, import_upload
from customers.imports.tasks import import_enqueue, undo_enqueue
from customers.imports.undo import may_undo
from customers.models import ImportRun
from ui.access import PermissionRequiredMixin
from ui.spreadsheet_cells import as_text
from ui.spreadsheets import Sheet, csv_response
from ui.uploads import upload_too_large
from ui.views import UNPROCESSABLE, PartialTemplateMixin

DELIMITER_NAMES = {
    ",": gettext_lazy("comma"),
    ";": gettext_lazy("semicolon"),
    "\t": gettext_lazy("tab"),
}


class ImportAccessMixin(PermissionRequiredMixin):
    """Any kind of import the role allows opens the pages; one import's own pages
    also need the right for its kind (`check_target`)."""

    permission_denied_message = role_cannot(gettext_lazy("import customers"))

    def has_permission(self):
        return bool(importable_targets(self.request.user))

    def check_target(self, run: ImportRun) -> ImportRun:
        if not may_import(self.request.user, run.target):
            raise PermissionDenied(
                role_cannot(gettext_lazy("import {what}")).format(
                    what=run.get_target_display().lower()
                )
            )
        return run


class ImportUploadView(ImportAccessMixin, FormView):
    """Step 1: the file. Anything wrong with it is said here (422), before a mapping."""

    template_name = "customers/imports/upload.html"
    form_class = ImportUploadForm

    def get_initial(self):
        # A link may say what to import: /customers/import/?target=contacts
        return {"target": self.request.GET.get("target", ImportRun.Target.CUSTOMERS)}

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "too_large": upload_too_large(self.request),
            "targets": importable_targets(self.request.user),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(size_cap=size_cap(), **kwargs)

    def form_valid(self, form):
        run = import_upload(
            user=self.request.user,
            upload=form.cleaned_data["file"],
            shape=form.shape,
            target=form.cleaned_data["target"],
        )
        return redirect("import_map", pk=run.pk)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=UNPROCESSABLE)


class ImportMapView(ImportAccessMixin, FormView):
    """Step 2: a field for each column, the duplicate policy, and a preview of the first
    rows as they will be stored. "Preview" shows them again; "Start import" queues it."""

    template_name = "customers/imports/map.html"
    form_class = ImportMappingForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated or not self.has_permission():
            return super().dispatch(request, *args, **kwargs)  # refused there
        self.run = self.check_target(get_object_or_404(ImportRun, pk=kwargs["pk"]))
        if self.run.user_id != request.user.pk:
            raise PermissionDenied(_("Only who uploaded this file can map and start its import."))
        if self.run.status != ImportRun.Status.UPLOADED:
            return redirect("import_detail", pk=self.run.pk)  # already started
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "headers": self.run.headers,
            "may_choose_owner": may_choose_owner(self.request.user),
            "target": self.run.target,
        }

    def initial_mapping(self) -> tuple[list[str], bool]:
        headers, target = self.run.headers, self.run.target
        remembered = remembered_mapping(user=self.request.user, headers=headers, target=target)
        if remembered is not None:
            return remembered, True
        allowed = set(field_labels(target))
        if not may_choose_owner(self.request.user):
            allowed.discard("owner")
        return guess_mapping(headers, allowed=allowed, target=target), False

    def get_initial(self):
        mapping, self.remembered = self.initial_mapping()
        return {f"column_{i}": field for i, field in enumerate(mapping)}

    def get_context_data(self, form=None, **kwargs):
        form = form or self.get_form()
        if form.is_bound and form.is_valid():
            mapping, policy = form.mapping(), form.cleaned_data["on_duplicate"]
        elif form.is_bound:
            mapping = [form.data.get(name, "") for name in form.columns]
            policy = form.data.get("on_duplicate") or ImportRun.OnDuplicate.SKIP
            if policy not in ImportRun.OnDuplicate.values:
                policy = ImportRun.OnDuplicate.SKIP
        else:
            mapping = [form.initial.get(name, "") for name in form.columns]
            policy = ImportRun.OnDuplicate.SKIP
        return super().get_context_data(
            form=form,
            run=self.run,
            remembered=getattr(self, "remembered", False),
            encoding_name=ENCODING_NAMES.get(self.run.encoding, ""),
            delimiter_name=DELIMITER_NAMES.get(self.run.delimiter, ""),
            preview=import_preview(run=self.run, mapping=mapping, on_duplicate=policy),
            preview_columns=preview_columns(self.run.target),
            **kwargs,
        )

    def form_valid(self, form):
        if "start" not in self.request.POST:
            return self.render_to_response(self.get_context_data(form=form))
        run = import_configure(
            run=self.run, mapping=form.mapping(), on_duplicate=form.cleaned_data["on_duplicate"]
        )
        import_enqueue(run=run)
        return redirect("import_detail", pk=run.pk)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=UNPROCESSABLE)


class ImportDetailView(ImportAccessMixin, PartialTemplateMixin, DetailView):
    """Step 3: the import's progress. While it runs, htmx asks for the `progress`
    partial every second; once it is over the partial stops asking. A reload shows the
    same."""

    template_name = "customers/imports/detail.html"
    partial_name = "progress"
    context_object_name = "run"

    def get_queryset(self):
        return ImportRun.objects.select_related("user")

    def get_object(self, queryset=None):
        return self.check_target(super().get_object(queryset))

    def get_context_data(self, **kwargs):
        run = self.object
        return super().get_context_data(
            progress=import_progress(run),
            may_undo=may_undo(run) and may_undo_import(self.request.user, run),
            problems=import_problems(run=run) if not run.is_active else [],
            **kwargs,
        )


class ImportUndoView(ImportAccessMixin, View):
    """Undo a finished import, in the worker: for who ran it, or a manager; it moves
    customers to the trash or deletes contacts or activity, so it needs the right to
    delete those too."""

    http_method_names = ["post"]

    def post(self, request, pk):
        run = self.check_target(get_object_or_404(ImportRun, pk=pk))
        if not may_undo_import(request.user, run):
            raise PermissionDenied(_("Only who ran this import, or a manager, can undo it."))
        if not may_undo(run):
            messages.error(request, _("This import can no longer be undone."))
        else:
            undo_enqueue(run=run, by=request.user)
            messages.success(
                request, _("Undoing the import of “{name}”.").format(name=run.file_name)
            )
        return redirect("import_detail", pk=run.pk)


def may_undo_import(user, run: ImportRun) -> bool:
    return user.has_perm(DELETE[run.target]) and (
        run.user_id == user.pk or user.has_perm(ACT_FOR_ANY_OWNER)
    )


class ImportListView(ImportAccessMixin, ListView):
    """Every import: who ran it, when, the file and the counts."""

    template_name = "customers/imports/list.html"
    context_object_name = "runs"
    paginate_by = 25

    def get_queryset(self):
        return import_list()


class ImportErrorsView(ImportAccessMixin, DetailView):
    """The rows that failed, as a CSV: the file's own columns and an "error" column,
    to be fixed and imported again. Cells are written so a spreadsheet never runs them."""

    def get_queryset(self):
        return ImportRun.objects.all()

    def get(self, request, *args, **kwargs):
        run = self.check_target(self.get_object())
        rows = ((*row.cells, row.message) for row in failed_rows(run=run).iterator(chunk_size=2000))
        stem = run.file_name.rsplit(".", 1)[0] or "import"
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in stem)[:80]
        sheet = Sheet(_("Failed rows"), [as_text(h) for h in run.headers] + [_("error")], rows)
        return csv_response(sheet, filename=f"{safe}-errors.csv")
