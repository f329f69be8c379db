// Qudra's few behaviours in the browser. Every page works without them; they save the learner a reload.
"use strict";

// "Your certificate is being prepared": ask the server until the certificate is issued (or revoked),
// then reload so the page shows the download. The wait grows from 2 to 30 seconds and polling stops
// after 15 minutes: by then the worker's sweep has retried and the learner gets a notification anyway.
(function pollPendingCertificate() {
  const marker = document.querySelector("[data-certificate-status]");
  if (!marker) return;
  const url = marker.dataset.certificateStatus;
  const started = Date.now();
  let delay = 2000;
  async function check() {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
      if (response.ok) {
        const certificate = await response.json();
        if (certificate.state !== "pending") {
          window.location.reload();
          return;
        }
      }
    } catch (error) {
      // Offline or the server is busy: the next check tries again.
    }
    delay = Math.min(delay * 1.5, 30000);
    if (Date.now() - started < 15 * 60 * 1000) window.setTimeout(check, delay);
  }
  window.setTimeout(check, delay);
})();

// A toggle button that shows and hides what it controls on small screens: the header menu, and the
// catalogue filters (left open when one of them is set, so the learner sees why the list is short).
function collapsible(container, button, openClass, startOpen) {
  container.classList.toggle(openClass, startOpen);
  button.setAttribute("aria-expanded", String(startOpen));
  button.addEventListener("click", () => {
    const open = !container.classList.contains(openClass);
    container.classList.toggle(openClass, open);
    button.setAttribute("aria-expanded", String(open));
  });
}

(function headerMenu() {
  const header = document.querySelector(".site-header");
  const button = header && header.querySelector(".menu-button");
  const nav = header && header.querySelector(".site-nav");
  if (!button || !nav) return;
  header.classList.add("has-menu");
  collapsible(nav, button, "is-open", false);
})();

(function catalogueFilters() {
  const form = document.querySelector("[data-collapsible-filters]");
  const button = form && form.querySelector(".filters-toggle");
  if (!button) return;
  form.classList.add("has-filters-toggle");
  collapsible(form, button, "is-open", form.querySelector(".field-filter.is-set") !== null);
})();
