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
