/// The script of a training report. It reads everything it needs from the page itself (the
/// cells' and points' `data-` attributes), so no data is repeated:
///
/// - on every decision plot, pointing at the square shows the coordinates and the
///   probability of label 1 there;
/// - with Task 0.5's sliders (`#w1`, `#w2`, `#b`), moving one recomputes z = w₁·x₁ + w₂·x₂ + b
///   at every cell and point and redraws the shading, the boundary line (clipped to the
///   square, as `LinearClassifier.boundary` does), the rings of wrong points, the score and the
///   loss. A page address ending in `#weights=W1,W2&bias=B` starts the sliders there;
/// - at the end it marks the page `data-rendered="yes"` on `<body>`, and any error in a later
///   event handler as `data-script-error`, which the browser test reads.
///
/// The text holds no `]]>`, so it sits in the page's CDATA section unchanged.
enum ReportScript {
  /// The JavaScript.
  static let javascript = #"""
    (function () {
      "use strict";
      var body = document.body;
      window.addEventListener("error", function (event) {
        body.setAttribute("data-script-error", String(event.message));
      });
      var side = 600, margin = 110, top = 20;
      function sigmoid(z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
      }
      function format(x, digits) {
        return String(Number(x.toFixed(digits)));
      }
      function opacity(p) {
        return 0.25 + 0.75 * Math.min(1, Math.abs(2 * p - 1));
      }
      function across(x1) { return margin + x1 * side; }
      function down(x2) { return top + (1 - x2) * side; }
      function all(root, selector) {
        return Array.prototype.slice.call(root.querySelectorAll(selector));
      }

      var plot = document.getElementById("decision-plot");
      if (plot) {
        side = Number(plot.getAttribute("data-side")) || side;
        margin = Number(plot.getAttribute("data-margin")) || margin;
        top = Number(plot.getAttribute("data-top")) || top;
        var columns = Number(plot.getAttribute("data-columns"));
        var rows = Number(plot.getAttribute("data-rows"));
        var cells = all(plot, "rect.cell");
        var readout = document.getElementById("readout");
        plot.addEventListener("mousemove", function (event) {
          var matrix = plot.getScreenCTM();
          if (!matrix || !readout) { return; }
          var spot = plot.createSVGPoint();
          spot.x = event.clientX;
          spot.y = event.clientY;
          spot = spot.matrixTransform(matrix.inverse());
          var x1 = (spot.x - margin) / side, x2 = 1 - (spot.y - top) / side;
          if (x1 < 0 || x1 > 1 || x2 < 0 || x2 > 1) { return; }
          var column = Math.min(columns - 1, Math.floor(x1 * columns));
          var row = Math.min(rows - 1, Math.floor((1 - x2) * rows));
          var cell = cells[row * columns + column];
          readout.textContent = "x₁ = " + format(x1, 2) + ", x₂ = " + format(x2, 2) +
            ": P(label 1) = " + (cell ? cell.getAttribute("data-p") : "?");
        });
      }

      var w1 = document.getElementById("w1");
      if (plot && w1) {
        var inputs = { w1: w1, w2: document.getElementById("w2"), b: document.getElementById("b") };
        var points = all(plot, "circle.point");
        var boundary = plot.querySelector("path.boundary");
        var lineCells = all(plot, "rect.cell");
        // The part of the line a·x₁ + c·x₂ + b = 0 inside the unit square, as a path.
        var boundaryPath = function (a, c, b) {
          var ends = [];
          var add = function (x1, x2) {
            if (x1 < -1e-12 || x1 > 1 + 1e-12 || x2 < -1e-12 || x2 > 1 + 1e-12) { return; }
            x1 = Math.min(1, Math.max(0, x1));
            x2 = Math.min(1, Math.max(0, x2));
            for (var i = 0; i < ends.length; i += 1) {
              if (Math.abs(ends[i][0] - x1) < 1e-9 && Math.abs(ends[i][1] - x2) < 1e-9) { return; }
            }
            ends.push([x1, x2]);
          };
          if (c !== 0) { add(0, -b / c); add(1, -(b + a) / c); }
          if (a !== 0) { add(-b / a, 0); add(-(b + c) / a, 1); }
          var best = null, longest = 0;
          for (var i = 0; i < ends.length; i += 1) {
            for (var j = i + 1; j < ends.length; j += 1) {
              var length = Math.hypot(ends[i][0] - ends[j][0], ends[i][1] - ends[j][1]);
              if (length > longest) { longest = length; best = [ends[i], ends[j]]; }
            }
          }
          if (!best) { return ""; }
          return "M" + format(across(best[0][0]), 2) + " " + format(down(best[0][1]), 2) +
            " L" + format(across(best[1][0]), 2) + " " + format(down(best[1][1]), 2);
        };
        var update = function () {
          var a = Number(inputs.w1.value), c = Number(inputs.w2.value), b = Number(inputs.b.value);
          document.getElementById("w1-value").textContent = format(a, 2);
          document.getElementById("w2-value").textContent = format(c, 2);
          document.getElementById("b-value").textContent = format(b, 2);
          lineCells.forEach(function (cell) {
            var p = sigmoid(a * Number(cell.getAttribute("data-x1")) +
              c * Number(cell.getAttribute("data-x2")) + b);
            cell.setAttribute("class", "cell " + (p > 0.5 ? "p1" : "p0"));
            cell.setAttribute("fill-opacity", format(opacity(p), 3));
            cell.setAttribute("data-p", format(p, 3));
          });
          var correct = 0, loss = 0;
          points.forEach(function (point) {
            var label = Number(point.getAttribute("data-label"));
            var z = a * Number(point.getAttribute("data-x1")) +
              c * Number(point.getAttribute("data-x2")) + b;
            var right = (z > 0 ? 1 : 0) === label;
            if (right) { correct += 1; }
            loss += Math.max(z, 0) - z * label + Math.log(1 + Math.exp(-Math.abs(z)));
            point.setAttribute("class", "point label" + label + (right ? " right" : " wrong"));
            point.setAttribute("r", right ? "10" : "12");
          });
          boundary.setAttribute("d", boundaryPath(a, c, b));
          var total = points.length;
          document.getElementById("correct").textContent = correct + "/" + total;
          document.getElementById("percent").textContent =
            "(" + (total === 0 ? "–" : format(100 * correct / total, 1) + "%") + ")";
          document.getElementById("loss").textContent = format(loss, 3);
        };
        var start = /weights=([-+0-9.eE]+),([-+0-9.eE]+)/.exec(location.hash);
        var bias = /bias=([-+0-9.eE]+)/.exec(location.hash);
        if (start) { inputs.w1.value = start[1]; inputs.w2.value = start[2]; }
        if (bias) { inputs.b.value = bias[1]; }
        [inputs.w1, inputs.w2, inputs.b].forEach(function (input) {
          input.addEventListener("input", update);
        });
        if (start || bias) { update(); }
      }
      body.setAttribute("data-rendered", "yes");
    })();
    """#
}
