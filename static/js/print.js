// A printout's "Print" button: hidden until this runs, since without JavaScript only
// the browser's own Print (Ctrl+P) can print.
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
