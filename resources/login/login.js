// Authdeck hosted login pages (served as /u/assets/login.js, loaded deferred; no framework).
// 1. The challenge's Resend button counts down: it is disabled while data-seconds > 0, its label says
//    "Resend in 12 s" and data-seconds keeps the seconds left; at zero it reads "Resend" and is enabled.
// 2. A form posts once: a second submit while the first is on its way is dropped, and its buttons are
//    disabled after the browser has taken the pressed button's name and value into the post.
(function () {
  "use strict";

  function startCountdown(button) {
    var seconds = parseInt(button.getAttribute("data-seconds"), 10);
    if (!(seconds > 0)) {
      return;
    }
    var label = "Resend";
    // From a deadline rather than by counting ticks, so a throttled background tab stays right.
    var deadline = Date.now() + seconds * 1000;
    var shown = -1;
    var timer = 0;

    function update() {
      var left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      if (left === shown) {
        return;
      }
      shown = left;
      button.setAttribute("data-seconds", String(left));
      if (left > 0) {
        button.disabled = true;
        button.textContent = label + " in " + left + " s";
      } else {
        window.clearInterval(timer);
        button.textContent = label;
        button.disabled = false;
      }
    }

    update();
    timer = window.setInterval(update, 250);
  }

  function guardForm(form) {
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("data-submitted") === "true") {
        event.preventDefault();
        return;
      }
      form.setAttribute("data-submitted", "true");
      form.setAttribute("aria-busy", "true");
      // Disabled now, the pressed button would be left out of the form data (name=action).
      window.setTimeout(function () {
        var buttons = form.querySelectorAll("button[type=submit]");
        for (var i = 0; i < buttons.length; i++) {
          buttons[i].disabled = true;
        }
      }, 0);
    });
  }

  // Back to a page from the browser's history cache: its forms can be sent again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) {
      return;
    }
    var forms = document.querySelectorAll("form[data-submitted]");
    for (var i = 0; i < forms.length; i++) {
      forms[i].removeAttribute("data-submitted");
      forms[i].removeAttribute("aria-busy");
      var buttons = forms[i].querySelectorAll("button[type=submit]");
      for (var j = 0; j < buttons.length; j++) {
        if (!buttons[j].hasAttribute("data-seconds") || buttons[j].getAttribute("data-seconds") === "0") {
          buttons[j].disabled = false;
        }
      }
    }
  });

  var forms = document.querySelectorAll("form");
  for (var i = 0; i < forms.length; i++) {
    guardForm(forms[i]);
  }
  var countdowns = document.querySelectorAll("button[data-seconds]");
  for (var k = 0; k < countdowns.length; k++) {
    startCountdown(countdowns[k]);
  }
})();
