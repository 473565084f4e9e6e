// The few behaviours htmx leaves to us: modal dialogs, Escape to cancel an inline
// edit, and toasts that go away. No inline script anywhere, so the CSP can forbid it.
(function () {
  "use strict";

  function within(root, selector) {
    const found = Array.from(root.querySelectorAll ? root.querySelectorAll(selector) : []);
    if (root.matches && root.matches(selector)) found.unshift(root);
    return found;
  }

  // Back or Forward to a page restored from the back-forward cache would show it as it
  // was when left, before what htmx changed since; the server's no-store keeps most pages
  // out of it, and one a browser restores anyway is asked for again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) location.reload();
  });

  htmx.onLoad(function (root) {
    // A dialog arrives as a fragment appended to <body>: show it modally (focus stays
    // inside, Escape closes it) and remove it once closed.
    within(root, "dialog[data-modal]").forEach(function (dialog) {
      if (dialog.open) return;
      dialog.addEventListener("close", function () { dialog.remove(); });
      dialog.showModal();
    });
    const arrived = within(root, "[data-toast]");
    arrived.forEach(function (toast) {
      // A toast offering an action (data-toast-seconds, e.g. "Undo") may stay longer.
      const seconds = Number(toast.getAttribute("data-toast-seconds")) || 8;
      setTimeout(function () { toast.remove(); }, seconds * 1000);
    });
    if (arrived.length) admitToasts(arrived);
  });

  // Toasts never pile up over the page: a new one replaces an older one of its kind
  // ("saved", an error; a toast with an action such as Undo keeps its own place), at
  // most three show, and the page keeps room at its foot so they cover no control.
  const MOST_TOASTS = 3;
  function admitToasts(arrived) {
    const region = document.getElementById("toasts");
    if (!region) return;
    const kinds = new Set(arrived.map(function (toast) { return toast.getAttribute("data-toast-kind"); }));
    region.querySelectorAll("[data-toast][data-toast-kind]").forEach(function (older) {
      if (arrived.indexOf(older) === -1 && kinds.has(older.getAttribute("data-toast-kind"))) older.remove();
    });
    const shown = region.querySelectorAll("[data-toast]");
    for (let i = 0; i < shown.length - MOST_TOASTS; i++) shown[i].remove();
  }
  const toastRegion = document.getElementById("toasts");
  if (toastRegion && window.ResizeObserver) {
    new ResizeObserver(function () {
      const room = toastRegion.childElementCount ? toastRegion.offsetHeight : 0;
      document.documentElement.style.setProperty("--toasts-room", room + "px");
    }).observe(toastRegion);
  }

  // A filter form leaves out its empty fields, so the URL it pushes says only what was chosen.
  document.addEventListener("htmx:configRequest", function (event) {
    if (!event.detail.elt.hasAttribute("data-drop-empty")) return;
    const params = event.detail.parameters;
    Array.from(params.keys()).forEach(function (key) {
      if (params.getAll(key).every(function (value) { return value === ""; })) params.delete(key);
    });
  });

  // When htmx removes a region, it cleans up each old element in turn, two events each:
  // some 1,300 for a page of rows, a third of the time from the answer to the paint.
  // The region's bulk (a table's rows, a board column's cards), marked
  // data-drop-before-swap, is emptied in one go first. The htmx listeners of what it
  // held sit on those elements and go with them (one listening elsewhere, `from:`, lets
  // go when it next finds its element gone).
  document.addEventListener("htmx:beforeCleanupElement", function (event) {
    within(event.target, "[data-drop-before-swap]").forEach(function (part) {
      part.replaceChildren();
    });
  });

  // A request shows itself (html.waiting: a spinner, dimmed results) only once one has
  // been under way for a moment; most answer sooner, and then nothing on screen changes.
  // A CSS delay alone would look the same, but while a transition or an animation
  // waits out its delay the browser draws frame after frame, on the same CPU the
  // answer is being made on.
  const WAIT_MS = 200;
  let underWay = 0;
  let waitTimer = null;
  document.addEventListener("htmx:beforeSend", function () {
    if (underWay++ > 0) return;
    waitTimer = setTimeout(function () { document.documentElement.classList.add("waiting"); }, WAIT_MS);
  });
  document.addEventListener("htmx:afterRequest", function () {  // answered, failed or cancelled
    underWay = Math.max(underWay - 1, 0);
    if (underWay > 0) return;
    clearTimeout(waitTimer);
    document.documentElement.classList.remove("waiting");
  });

  // A search form pushes its URL with htmx's own hx-push-url="true", so Back and Forward
  // step through the searches; as no snapshots are kept (hx-history="false",
  // historyCacheSize 0), htmx reloads the whole page from the server on Back
  // (refreshOnHistoryMiss), never a bare fragment. htmx pushes just before it swaps the
  // rows in rather than after they are painted: we accept that so as to go through its
  // public attribute instead of writing its private history state ourselves.
  // Marked data-push-once, a form pushes only a URL the address bar does not show
  // already: the same search sent again (Enter once the live search has answered, a
  // refresh after a new customer) is no new place to go back to, and an entry for it
  // would make Back seem to do nothing. htmx reads hx-push-url as it handles each
  // answer, after htmx:beforeOnLoad, so it is decided there, answer by answer.
  document.addEventListener("htmx:beforeOnLoad", function (event) {
    const form = event.detail.elt;
    if (!form.hasAttribute("data-push-once")) return;
    const path = event.detail.pathInfo.responsePath || event.detail.pathInfo.finalRequestPath;
    const shown = location.pathname + location.search;
    form.setAttribute("hx-push-url", path === shown ? "false" : "true");
  });

  // What this file says to the user comes translated from the page (templates/base.html
  // renders it into <body data-text-*>), so the English here is only a fallback.
  function says(name, english) {
    return (document.body && document.body.dataset["text" + name]) || english;
  }

  // htmx swaps nothing on an error, so whatever was typed stays where it was; say why.
  const FAILURES = {
    403: function () { return says("Forbidden", "You are not allowed to do that."); },
    404: function () { return says("Gone", "That is no longer there; it may have been deleted."); },
  };
  function toast(text, level) {
    const item = document.createElement("div");
    item.className = "toast toast-" + level;
    item.setAttribute("data-toast", "");
    const message = document.createElement("p");
    message.textContent = text;
    const close = document.createElement("button");
    close.type = "button";
    close.className = "toast__close";
    close.setAttribute("data-dismiss-toast", "");
    close.setAttribute("aria-label", says("Dismiss", "Dismiss"));
    close.textContent = "×";
    item.setAttribute("data-toast-kind", level);
    item.append(message, close);
    document.getElementById("toasts").append(item);
    admitToasts([item]);
    setTimeout(function () { item.remove(); }, 8000);
  }
  // A refusal may say why: the server's 403 for htmx is a small fragment whose
  // [data-error-message] element holds the reason (templates/403.html#message, made by
  // ui/errors.py). Read as text, never inserted as markup.
  function serverMessage(xhr) {
    const type = xhr.getResponseHeader("Content-Type") || "";
    if (!type.startsWith("text/html") || !xhr.responseText) return "";
    const doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
    const element = doc.querySelector("[data-error-message]");
    return element ? element.textContent.trim() : "";
  }
  document.addEventListener("htmx:responseError", function (event) {
    const xhr = event.detail.xhr;
    const status = xhr.status;
    const text = (status === 403 && serverMessage(xhr)) || (FAILURES[status] && FAILURES[status]());
    const failed = says("ServerError", "Something went wrong on the server ({status}). Please try again.");
    toast(text || failed.replace("{status}", status), "error");
  });
  // A toast's action (its form) is done once answered: the answer brings its own toast.
  document.addEventListener("htmx:afterRequest", function (event) {
    const toast = event.detail.elt.closest && event.detail.elt.closest("[data-toast]");
    if (toast && event.detail.xhr && event.detail.xhr.status) toast.remove();
  });
  document.addEventListener("htmx:sendError", function () {
    toast(says("Unreachable", "The server cannot be reached. Nothing you typed is lost; try again in a moment."), "error");
  });

  // A refresh the server asks for (an HX-Trigger event, not the user's own input)
  // waits while a row is being edited, so what is being typed is never swept away.
  const waiting = new Map();
  function editing() { return document.querySelector("[data-editing]"); }
  document.addEventListener("htmx:confirm", function (event) {
    const trigger = event.detail.triggeringEvent;
    if (!event.detail.elt.hasAttribute("data-wait-for-edits") || !trigger || trigger.isTrusted) return;
    if (!editing()) return;
    event.preventDefault();
    waiting.set(event.detail.elt, event.detail.issueRequest);
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (editing() || waiting.size === 0) return;
    const requests = Array.from(waiting.entries());
    waiting.clear();
    requests.forEach(function (entry) {
      if (document.body.contains(entry[0])) entry[1](true);
    });
  });

  // A form marked data-reset-on="event" empties itself when the server fires that
  // event, before its own hx-trigger on the same event sends it (capture runs first).
  const resetEvents = new Set();
  htmx.onLoad(function (root) {
    within(root, "form[data-reset-on]").forEach(function (form) {
      const name = form.getAttribute("data-reset-on");
      if (resetEvents.has(name)) return;
      resetEvents.add(name);
      document.addEventListener(name, function () {
        document.querySelectorAll('form[data-reset-on="' + name + '"]').forEach(function (target) {
          Array.from(target.elements).forEach(function (field) {
            if (field.tagName === "BUTTON") return;
            if (field.tagName === "SELECT") field.selectedIndex = 0;
            else if (field.type === "checkbox" || field.type === "radio") field.checked = false;
            else field.value = "";
          });
        });
      }, true);
    });
  });

  // Row checkboxes belong to a form elsewhere (form="id"). A [data-select-all] box
  // ticks them all, and the form's [data-selected-count] says how many are ticked.
  function rowBoxes(formId) {
    return Array.from(document.querySelectorAll(
      'input[type="checkbox"][form="' + formId + '"]:not([data-select-all])'));
  }
  function showSelection(formId) {
    const form = document.getElementById(formId);
    if (!form) return;
    const boxes = rowBoxes(formId);
    const ticked = boxes.filter(function (box) { return box.checked; }).length;
    const count = form.querySelector("[data-selected-count]");
    if (count) {
      count.textContent = ticked
        ? says("Selected", "{n} selected").replace("{n}", ticked)
        : says("NoneSelected", "None selected");
    }
    document.querySelectorAll('[data-select-all][form="' + formId + '"]').forEach(function (all) {
      all.checked = ticked > 0 && ticked === boxes.length;
      all.indeterminate = ticked > 0 && ticked < boxes.length;
    });
  }
  document.addEventListener("change", function (event) {
    const box = event.target;
    const formId = box.getAttribute && box.getAttribute("form");
    if (!formId || box.type !== "checkbox") return;
    if (box.hasAttribute("data-select-all")) {
      rowBoxes(formId).forEach(function (row) { row.checked = box.checked; });
    }
    showSelection(formId);
  });
  // On a page, and whenever rows come or go (the bar stays while the rows change).
  htmx.onLoad(function (root) {
    const forms = new Set();
    within(root, "form[id]").forEach(function (form) {
      if (form.querySelector("[data-selected-count]")) forms.add(form.id);
    });
    within(root, 'input[type="checkbox"][form]').forEach(function (box) {
      forms.add(box.getAttribute("form"));
    });
    forms.forEach(showSelection);
  });

  // Fired by the server (HX-Trigger) when a dialog's work is done.
  document.addEventListener("close-dialog", function () {
    document.querySelectorAll("dialog[data-modal][open]").forEach(function (dialog) {
      dialog.close();
    });
  });

  document.addEventListener("click", function (event) {
    const closer = event.target.closest("[data-close-dialog]");
    if (closer && closer.closest("dialog")) {
      // Without JavaScript "Cancel" is a link back to the list; in a dialog it just closes.
      event.preventDefault();
      closer.closest("dialog").close();
    }
    const dismiss = event.target.closest("[data-dismiss-toast]");
    if (dismiss) dismiss.closest("[data-toast]").remove();
  });

  // Enter on a select of a form marked data-enter-submits sends the form, as Enter in a
  // text field does (a deal card's stage: the arrow keys browse, Enter moves).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.target.tagName !== "SELECT") return;
    const form = event.target.closest("form[data-enter-submits]");
    if (!form) return;
    event.preventDefault();
    form.requestSubmit();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !event.target.closest) return;
    const row = event.target.closest("[data-editing]");
    const cancel = row && row.querySelector("[data-cancel]");
    if (cancel) {
      event.preventDefault();
      cancel.click();
    }
  });
})();
