/* Rows of a formset table (templates/applications/_formset_rows.html): «Добавить строку»
 * copies the formset's empty row from its <template>, numbered as the next form, instead of
 * sending the form back (what the button does without JavaScript). */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-formset-add]");
    if (!button) {
      return;
    }
    var prefix = button.getAttribute("data-formset-add");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var template = document.getElementById(prefix + "-empty");
    var rows = document.querySelector('[data-formset="' + prefix + '"] tbody');
    if (!total || !template || !rows) {
      return;
    }
    event.preventDefault();
    var index = parseInt(total.value, 10);
    rows.insertAdjacentHTML(
      "beforeend",
      template.innerHTML.replace(/__prefix__/g, index).replace(/__row__/g, index + 1)
    );
    total.value = index + 1;
    var first = rows.lastElementChild.querySelector("input, select");
    if (first) {
      first.focus();
    }
  });
})();
