// Live weights for the AHP judgement matrices in the admin: as a judgement above the diagonal
// changes, fill in its reciprocal below and recompute the principal eigenvector (power
// iteration), lambda_max, CI and CR with the RI table the server uses. The server recomputes
// everything on save; this only lets an admin see the effect before saving.
(function () {
  "use strict";

  function parse(text) {
    text = (text || "").trim();
    var parts = text.split("/");
    var value = parts.length === 2 ? parseFloat(parts[0]) / parseFloat(parts[1]) : parseFloat(text);
    if (!/^[0-9.\/\s]+$/.test(text) || !isFinite(value) || value < 1 / 9 - 1e-9 || value > 9 + 1e-9) return null;
    return value;
  }

  function show(value) {
    if (value >= 1) return Math.abs(value - Math.round(value)) < 1e-9 ? String(Math.round(value)) : value.toPrecision(3);
    var inverse = 1 / value;
    return Math.abs(inverse - Math.round(inverse)) < 1e-6 ? "1/" + Math.round(inverse) : value.toPrecision(3);
  }

  function principal(matrix) {
    var n = matrix.length, w = [], k, i, j;
    for (i = 0; i < n; i++) w.push(1 / n);
    for (k = 0; k < 500; k++) {
      var next = [], total = 0;
      for (i = 0; i < n; i++) {
        var s = 0;
        for (j = 0; j < n; j++) s += matrix[i][j] * w[j];
        next.push(s);
        total += s;
      }
      for (i = 0; i < n; i++) next[i] /= total;
      w = next;
    }
    var lambda = 0;
    for (i = 0; i < n; i++) {
      var row = 0;
      for (j = 0; j < n; j++) row += matrix[i][j] * w[j];
      lambda += row / w[i] / n;
    }
    return { weights: w, lambda: lambda };
  }

  function update(box) {
    var inputs = box.querySelectorAll("input[data-i]");
    var n = box.querySelectorAll(".ahp-weight").length;
    var matrix = [], i, j, complete = true;
    for (i = 0; i < n; i++) { matrix.push([]); for (j = 0; j < n; j++) matrix[i].push(1); }
    inputs.forEach(function (input) {
      var a = +input.dataset.i, b = +input.dataset.j, value = parse(input.value);
      var cell = box.querySelector('.ahp-reciprocal[data-i="' + b + '"][data-j="' + a + '"]');
      if (value === null) { complete = false; cell.textContent = "?"; return; }
      matrix[a][b] = value;
      matrix[b][a] = 1 / value;
      cell.textContent = show(1 / value);
    });
    var summary = box.querySelector(".ahp-summary");
    var weightCells = box.querySelectorAll(".ahp-weight strong");
    if (!complete) {
      weightCells.forEach(function (c) { c.textContent = ""; });
      summary.textContent = "Weights appear when every cell holds a judgement from 1/9 to 9.";
      return;
    }
    var result = principal(matrix);
    weightCells.forEach(function (c, k) { c.textContent = result.weights[k].toFixed(4); });
    var ri = JSON.parse(box.dataset.ri)[String(n)] || 0;
    var ci = n > 2 ? Math.max(0, (result.lambda - n) / (n - 1)) : 0;
    var cr = n > 2 ? ci / ri : 0;
    var lambda = n > 2 ? result.lambda : n;
    var verdict = cr < 0.1 ? "consistent" : "NOT consistent (CR must be below 0.1): it will be refused";
    summary.textContent = "λmax = " + lambda.toFixed(4) + ", CI = " + ci.toFixed(4) + ", RI = " + ri.toFixed(2) +
      " (" + box.dataset.riTable + "), CR = " + cr.toFixed(4) + ": " + verdict + ".";
  }

  document.addEventListener("input", function (event) {
    var box = event.target.closest && event.target.closest(".ahp-matrix");
    if (box) update(box);
  });
})();
