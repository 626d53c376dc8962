/* Page behaviour without inline handlers (the Content-Security-Policy forbids them).
 *   data-confirm="Текст?"  on a button, link or form: ask before going on;
 *   data-autosubmit        on a select or input: submit its form when it changes;
 *   data-print             on a button: print the page;
 *   data-hide-when="ID"    on an element: hidden while the field ID has a value (a payment
 *                          list by memorial date asks for no period).
 * A long form sent back with errors opens at its summary (includes/error_summary.html).
 */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-confirm]:not(form)");
    if (target && !window.confirm(target.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    if (event.target.closest("[data-print]")) {
      event.preventDefault();
      window.print();
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches("form[data-confirm]") && !window.confirm(form.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });

  document.addEventListener("change", function (event) {
    var field = event.target.closest("[data-autosubmit]");
    if (field && field.form) {
      field.form.submit();
    }
    hideWhenFilled();
  });

  function hideWhenFilled() {
    document.querySelectorAll("[data-hide-when]").forEach(function (element) {
      var field = document.getElementById(element.getAttribute("data-hide-when"));
      element.hidden = Boolean(field && field.value);
    });
  }
  hideWhenFilled();

  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
})();
