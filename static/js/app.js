// The few behaviours htmx leaves to us: modal dialogs, Escape to cancel an inline
// edit, toasts that go away, where focus goes after a swap, and a grid's arrow keys.
// No inline script anywhere, so the CSP can forbid it.
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
      // Closed, the browser gives focus back to the control that opened it; if that
      // control is gone meanwhile, focusAfterSwap finds its place.
      openers.set(dialog, place(focused()));
      dialog.addEventListener("close", function () {
        dialog.remove();
        if (focusLost()) focusAfterSwap(openers.get(dialog), []);
      });
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
    const byUser = trigger && (trigger.isTrusted || (trigger.detail && trigger.detail.byUser));
    if (!event.detail.elt.hasAttribute("data-wait-for-edits") || !trigger || byUser) return;
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

  // A live search (form[data-live-search], hx-trigger "typed") is sent once the typing
  // pauses, and the pause is measured against the typist's own pace: twice their usual
  // gap between keys, within bounds. A fast typist waits less for the rows; a slow one
  // sends no request between two keys of a word, which a fixed short wait would. The
  // pace is kept for the tab (a number, nothing typed), so a new page knows it; until
  // it is known, the longest pause. While an input method composes (pinyin becoming
  // 王伟, or a phone keyboard's word), the pause is longer: the user is still choosing.
  const PAUSE = {
    least: 100, most: 250, composing: 600, gaps: 2, kept: 8, ignored: 1000, echo: 15,
    key: "typing-gaps",
  };
  const liveForms = new WeakSet();
  function keptGaps() {
    try {
      const gaps = JSON.parse(sessionStorage.getItem(PAUSE.key) || "[]");
      return Array.isArray(gaps) ? gaps.filter(Number.isFinite).slice(-PAUSE.kept) : [];
    } catch (error) {
      return [];  // storage refused or spoiled: the pace is learnt again
    }
  }
  function keepGaps(gaps) {
    try { sessionStorage.setItem(PAUSE.key, JSON.stringify(gaps)); } catch (error) { /* as above */ }
  }
  function pauseAfter(gaps) {
    if (gaps.length === 0) return PAUSE.most;
    const sorted = gaps.slice().sort(function (a, b) { return a - b; });
    const usual = sorted[Math.floor(sorted.length / 2)];
    return Math.min(PAUSE.most, Math.max(PAUSE.least, usual * PAUSE.gaps));
  }
  htmx.onLoad(function (root) {
    within(root, "form[data-live-search]").forEach(function (form) {
      if (liveForms.has(form)) return;
      liveForms.add(form);
      let lastKey = 0, timer = null, sent = null;
      function state() { return new URLSearchParams(new FormData(form)).toString(); }
      function send() {
        // As hx-trigger's "changed": typed and then taken back, or sent already. The
        // user's own typing: a row being edited does not hold it (data-wait-for-edits).
        if (state() !== sent) htmx.trigger(form, "typed", { byUser: true });
      }
      function typed(event) {
        if (event.target.type === "checkbox") return;  // sent at once, by its own trigger
        clearTimeout(timer);
        if (event.isComposing) {
          timer = setTimeout(send, PAUSE.composing);
          return;
        }
        const now = performance.now();
        let gaps = keptGaps();
        // A gap, unless the first key after a while, or the same key told twice (Safari
        // follows compositionend with an input event).
        if (now - lastKey < PAUSE.ignored && now - lastKey > PAUSE.echo) {
          gaps = gaps.concat(Math.round(now - lastKey)).slice(-PAUSE.kept);
          keepGaps(gaps);
        }
        lastKey = now;
        timer = setTimeout(send, pauseAfter(gaps));
      }
      form.addEventListener("input", typed);
      form.addEventListener("compositionend", typed);
      form.addEventListener("compositionstart", function () { clearTimeout(timer); });
      // Whatever sent the form (a pause, Enter, a box ticked), a pause still to come has
      // nothing new to ask; and a search that failed may be asked again as it was.
      form.addEventListener("htmx:beforeRequest", function (event) {
        if (event.detail.elt !== form) return;
        clearTimeout(timer);
        sent = state();
      });
      ["htmx:sendError", "htmx:responseError"].forEach(function (name) {
        form.addEventListener(name, function (event) { if (event.detail.elt === form) sent = null; });
      });
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

  // --- Focus after a swap (docs/keyboard.md) ------------------------------------------
  // htmx replaces the element that had focus (Edit, Save, Resolve, Move, the Delete of a
  // row now gone), and the browser drops focus to <body>: the next Tab would start from
  // the top. So where focus is is noted as a request starts and again just before its
  // answer is swapped in; once the request is done, if focus was lost, focusAfterSwap
  // puts it where the user expects.
  const FIELD = "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])";
  const FOCUSABLE = FIELD + ", a[href], button:not([disabled]), [tabindex]";
  const openers = new WeakMap();  // a dialog → the place of the control that opened it
  const places = new WeakMap();  // a request (its xhr) → where focus was
  let lastFocused = null;  // disabling the focused control (hx-disabled-elt) blurs it
  let arrived = [];  // what the swap under way brought
  document.addEventListener("focusin", function (event) { lastFocused = event.target; });
  document.addEventListener("focusout", function (event) {
    const left = event.target;  // for nowhere, on a click on the page: nothing to return to
    if (!event.relatedTarget && left.isConnected && !left.disabled && document.hasFocus()) lastFocused = null;
  });
  function focused() {
    const active = document.activeElement;
    return active && active !== document.body ? active : lastFocused;
  }
  function focusLost() {
    return !document.activeElement || document.activeElement === document.body;
  }
  // `stay`: the element is where it was (the same one, or refreshed under the same id),
  // so the view stays too: a refresh arriving while the user scrolls away from the row
  // they last touched must not pull them back to it.
  function focusOn(element, stay) {
    if (!element.matches(FOCUSABLE)) element.setAttribute("tabindex", "-1");
    element.focus({ preventScroll: Boolean(stay) });
    return true;
  }
  function firstField(root) {
    const field = root.querySelector('[aria-invalid="true"]') || root.querySelector(FIELD);
    if (!field) return false;
    focusOn(field);
    try {  // the caret after what is there, to add to it (an email field has no caret to set)
      field.setSelectionRange(field.value.length, field.value.length);
    } catch (e) { /* not a text field */ }
    return true;
  }
  function byId(id) { return id ? document.getElementById(id) : null; }
  // Where `element` is, by ids that outlive it: its region (the nearest element with an
  // id other than a control or a form: a row, a card, an item), that region's neighbours
  // (for when the region goes too), its form, the in-place edit it is in, its dialog.
  function place(element) {
    if (!element || element === document.body || !element.isConnected) return null;
    const region = element.closest("[id]:not(input, select, textarea, button, a, form)");
    const neighbour = function (step) {
      let other = region && region[step];
      while (other && !other.id) other = other[step];
      return other && other.id;
    };
    const form = element.form || element.closest("form");
    const editing = element.closest("[data-editing]");
    const editForm = editing && editing.querySelector("form[hx-post]");
    return {
      element: element,
      region: region && region.id,
      neighbours: [neighbour("nextElementSibling"), neighbour("previousElementSibling")],
      form: form && form.id,
      edit: editForm && editForm.getAttribute("hx-post"),  // what the Edit control asks for
      dialog: element.closest("dialog[data-modal]"),
    };
  }
  // In `region`, the control most like `element`: the same URL or action, else the same
  // text (a sort link, whose URL has changed).
  function twin(element, region) {
    const name = ["hx-get", "hx-post", "href"].find(function (n) { return element.hasAttribute(n); });
    const form = element.form || element.closest("form");
    const action = form && form.getAttribute("action");
    const same = (name && region.querySelector(element.tagName + "[" + name + '="' + CSS.escape(element.getAttribute(name)) + '"]'))
      || (action && region.querySelector('form[action="' + CSS.escape(action) + '"] ' + element.tagName));
    const text = element.textContent.trim();
    return same || Array.from(region.querySelectorAll(element.tagName)).find(function (other) {
      return other.textContent.trim() === text;
    });
  }
  function focusAfterSwap(was, brought) {
    // 1. A form back with errors, or an edit in place just opened: its first field.
    const first = function (selector) {
      return brought.map(function (root) { return within(root, selector)[0]; }).find(Boolean);
    };
    const invalid = first('[aria-invalid="true"]');
    if (invalid) return firstField(invalid.parentElement);
    const editing = first("[data-editing]");
    if (editing) return firstField(editing);
    if (was && was.dialog) {  // a dialog still open keeps focus; one closed gives it back
      was = was.dialog.open ? null : openers.get(was.dialog);
    }
    if (!was) return false;
    const element = was.element;
    // 2. Still there, only blurred while its request was under way (hx-disabled-elt);
    // 3. or there again: a refreshed row, card or board keeps its ids.
    if (element.isConnected) return focusOn(element, true);
    if (byId(element.id)) return focusOn(byId(element.id), true);
    // 4. A form sent and back, emptied (Add contact, Add activity): ready for the next.
    if (byId(was.form)) return firstField(byId(was.form));
    // 5. An edit in place that closed (Save, Cancel, Escape): the control that opens it,
    // 6. else the same control in the region of the same id (Resolve → Reopen, Move).
    const region = byId(was.region);
    if (region) {
      const opener = was.edit && region.querySelector('[hx-get="' + CSS.escape(was.edit) + '"]');
      return focusOn(opener || twin(element, region) || region.querySelector(FOCUSABLE) || region);
    }
    // 7. Its region gone too (a deleted row): the next row, the one before, the heading.
    const neighbour = was.neighbours.map(byId).find(Boolean) || document.querySelector("main h1");
    return neighbour ? focusOn(neighbour) : false;
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    places.set(event.detail.xhr, place(focused()));
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    const now = place(focused());
    if (now) places.set(event.detail.xhr, now);
    arrived = [];
  });
  htmx.onLoad(function (root) { arrived.push(root); });
  // After the swap and once htmx has enabled again what it disabled for the request.
  document.addEventListener("htmx:afterRequest", function (event) {
    const xhr = event.detail.xhr;
    if (!places.has(xhr)) return;
    const was = places.get(xhr);
    places.delete(xhr);
    const brought = arrived;
    arrived = [];
    if (focusLost()) focusAfterSwap(was, brought);
  });

  // --- A grid's rows by keyboard (docs/keyboard.md) -------------------------------------
  // A table.grid stays a table (screen readers read it as one); its rows take focus as
  // well as their links. Up and Down go to the row before or after, Home and End to the
  // first and last, keeping the column when focus is on a link or box in a cell; Enter on
  // a row edits it (its control that edits the row in place). Fields and selects keep
  // their keys. One row at a time is in the Tab order: the one last visited.
  const GRID_ROW = "table.grid > tbody > tr[id]";
  const MOVES = { ArrowUp: -1, ArrowDown: 1, Home: "first", End: "last" };
  function rowTabStop(row) {
    const rows = row.parentElement.querySelectorAll(":scope > tr[tabindex='0']");
    rows.forEach(function (other) { if (other !== row) other.setAttribute("tabindex", "-1"); });
    row.setAttribute("tabindex", "0");
  }
  htmx.onLoad(function (root) {
    const bodies = new Set(within(root, "table.grid > tbody"));
    if (root.matches && root.matches(GRID_ROW)) bodies.add(root.parentElement);
    bodies.forEach(function (tbody) {
      const first = tbody.querySelector(":scope > tr[id]");
      if (first && !tbody.querySelector(":scope > tr[tabindex='0']")) first.setAttribute("tabindex", "0");
    });
  });
  document.addEventListener("focusin", function (event) {
    const row = event.target.closest && event.target.closest(GRID_ROW);
    if (row) rowTabStop(row);
  });
  document.addEventListener("keydown", function (event) {
    const target = event.target;
    const row = target.closest && target.closest(GRID_ROW);
    if (!row || row.hasAttribute("data-editing")) return;  // Escape cancels it (below)
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (target !== row && target.matches("input:not([type=checkbox]), select, textarea")) return;
    if (event.key === "Enter" && target === row) {
      const edit = row.querySelector('[hx-get][hx-target="closest tr"]');
      if (edit) {
        event.preventDefault();
        edit.click();
      }
      return;
    }
    const move = MOVES[event.key];
    if (move === undefined) return;
    event.preventDefault();
    const rows = Array.from(row.parentElement.querySelectorAll(":scope > tr[id]"));
    const index = move === "first" ? 0 : move === "last" ? rows.length - 1 : rows.indexOf(row) + move;
    const next = rows[index];
    if (!next || next === row) return;
    // The same column's control, the same one of a cell's several (Edit, Delete...).
    const cell = target !== row && target.closest("td");
    const there = cell && next.cells[cell.cellIndex];
    const controls = there ? Array.from(there.querySelectorAll(FOCUSABLE)) : [];
    const nth = cell ? Array.from(cell.querySelectorAll(FOCUSABLE)).indexOf(target) : -1;
    focusOn(controls[Math.min(nth, controls.length - 1)] || next);
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
