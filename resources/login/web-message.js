// Authdeck's response_mode=web_message page (served as /u/assets/web-message.js).
// Posts the authorization response to the window that asked for it: the popup's opener, or the parent
// of the hidden iframe that auth0-spa-js uses for silent authentication. The caller closes the popup or
// removes the iframe itself; this page closes nothing.
(function () {
  "use strict";
  var holder = document.getElementById("authorization-response");
  if (!holder) {
    return;
  }
  var targetOrigin = holder.getAttribute("data-target-origin");
  var response;
  try {
    response = JSON.parse(holder.getAttribute("data-response"));
  } catch (e) {
    return;
  }
  var target = window.opener || window.parent;
  if (!targetOrigin || !target || target === window) {
    return;
  }
  target.postMessage(response, targetOrigin);
})();
