/* "Mijn gegevens": a form marked data-eenmaal is sent once. After the first submit its button is
   disabled, so a double click does not send it twice. Progressive enhancement: without JavaScript the
   form works as before, and the server files an identical request only once (rechten.services). */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-eenmaal")) {
      return;
    }
    if (form.getAttribute("data-verstuurd") === "ja") {
      event.preventDefault();
      return;
    }
    form.setAttribute("data-verstuurd", "ja");
    var knoppen = form.querySelectorAll("button[type=submit], input[type=submit]");
    for (var i = 0; i < knoppen.length; i++) {
      knoppen[i].disabled = true;
      if (knoppen[i].hasAttribute("data-bezig")) {
        knoppen[i].textContent = knoppen[i].getAttribute("data-bezig");
      }
    }
  });
  // Back to the page from the browser's cache: the form may be sent again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) {
      return;
    }
    var forms = document.querySelectorAll("form[data-eenmaal]");
    for (var i = 0; i < forms.length; i++) {
      forms[i].removeAttribute("data-verstuurd");
      var knoppen = forms[i].querySelectorAll("button[type=submit], input[type=submit]");
      for (var j = 0; j < knoppen.length; j++) {
        knoppen[j].disabled = false;
        if (knoppen[j].hasAttribute("data-tekst")) {
          knoppen[j].textContent = knoppen[j].getAttribute("data-tekst");
        }
      }
    }
  });
})();
