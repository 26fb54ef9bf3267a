// Follows the applicant's latest scoring job: polls the JSON progress endpoint, moves the
// bar and says the stage in words; ends on the score (page reload) or a plain failure message.
(function () {
  "use strict";
  var box = document.getElementById("job-progress");
  if (!box) { return; }
  var url = box.dataset.progressUrl;
  var bar = box.querySelector(".progress-bar");
  var meter = box.querySelector("[role=progressbar]");
  var stage = box.querySelector("[data-role=stage]");
  var delay = 1000;
  // The job this page was rendered with, when it had already finished: a result for it is
  // old news (a new upload's job has not started yet), so we wait instead of reloading.
  var finishedJob = box.dataset.finishedJob || "";

  function show(percent, text) {
    var p = Math.max(0, Math.min(100, Math.round(percent || 0)));
    bar.style.width = p + "%";
    meter.setAttribute("aria-valuenow", String(p));
    // The figure goes in the sentence, not in the bar, where a short bar would clip it.
    stage.textContent = p + "% · " + text;
  }

  function fail(message) {
    bar.classList.remove("progress-bar-animated", "progress-bar-striped");
    bar.classList.add("bg-danger");
    box.querySelector("#progress-title").textContent = "Scoring failed";
    stage.textContent = message || "Scoring failed. Please try uploading your data again.";
    stage.setAttribute("role", "alert");
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (data) {
        var stale = finishedJob && String(data.job) === finishedJob;
        if (stale) {
          show(0, "Waiting for the worker…");
          setTimeout(poll, delay);
          return;
        }
        if (data.state === "done") {
          show(100, "Done: loading your score…");
          window.location.assign(data.score_url || window.location.href);
          return;
        }
        if (data.state === "failed") { fail(data.error); return; }
        if (data.job) {
          show(data.percent, (data.stage || data.state || "Working") + "…");
        }
        setTimeout(poll, delay);
      })
      .catch(function () {
        // A dropped connection is not a failed job: keep trying, more slowly.
        delay = Math.min(delay * 2, 10000);
        stage.textContent = "Lost contact with the server; retrying…";
        setTimeout(poll, delay);
      });
  }
  poll();
})();
