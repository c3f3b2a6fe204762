/* Small helpers of the pages, without a framework (offices are often offline; served locally). */
"use strict";

/* The rating grid: put one level in every member row of a cell (or of the whole grid),
   leaving those already rated unless asked; the quota is then re-counted (HTMX on change). */
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-set-all-apply]");
  if (!button) return;
  var bar = button.closest("[data-set-all]");
  var cell = bar.querySelector("[data-set-all-cell]").value;
  var level = bar.querySelector("[data-set-all-level]").value;
  var overwrite = bar.querySelector("[data-set-all-overwrite]").checked;
  var form = bar.parentElement.querySelector("form[hx-post]") || document.querySelector("form[hx-post]");
  var changed = 0;
  document.querySelectorAll('tr[data-kind="dang_vien"]').forEach(function (row) {
    if (cell && row.dataset.cell !== cell) return;
    var select = row.querySelector('select[name^="xl_"]');
    if (!select || select.disabled || (select.value && !overwrite)) return;
    if (select.value !== level) { select.value = level; changed += 1; }
  });
  bar.querySelector("[data-set-all-result]").textContent =
    "Đã điền " + changed.toLocaleString("vi-VN") + " người; bấm “Ghi bảng xếp loại” để lưu.";
  if (form && changed) form.dispatchEvent(new Event("change", { bubbles: true }));
});

/* A form of several kinds of event: show the fields of the chosen kind, under its labels. */
function showKind(form) {
  var select = form.querySelector('[name="' + form.dataset.perKind + '"]');
  if (!select) return;
  var kind = select.value;
  form.querySelectorAll("[data-kinds]").forEach(function (row) {
    var kinds = row.dataset.kinds;
    var used = kinds === "*" || kinds.split(" ").indexOf(kind) >= 0;
    row.hidden = !used;
    var label = row.querySelector("label[data-default]");
    if (label) {
      var labels = JSON.parse(row.dataset.labels || "{}");
      label.textContent = labels[kind] || label.dataset.default;
    }
  });
  var help = form.querySelector("[data-help]");
  if (help) help.textContent = JSON.parse(help.dataset.help)[kind] || "";
}
document.addEventListener("change", function (event) {
  var form = event.target.closest("form[data-per-kind]");
  if (form && event.target.name === form.dataset.perKind) showKind(form);
});
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form[data-per-kind]").forEach(showKind);
});
