import Foundation

// Reporting for `minitorch bench`: the results as text tables, one per part measured.

extension BenchReport {
  /// The report as text tables.
  func table(threads: [Int?]) -> String {
    let fastColumns = threads.map { limit in
      limit.map { "fast \($0)t" } ?? "fast all"
    }
    // One row's results: the simple backend's, then the fast one's for each thread limit.
    func columns<Result: BackendResult>(_ results: [Result], _ matches: (Result) -> Bool)
      -> [Result?]
    {
      let simple = results.first { matches($0) && $0.backend == "simple" }
      return [simple]
        + threads.map { limit in
          results.first {
            matches($0) && $0.backend == "fast" && $0.threads == (limit ?? machine.cores)
          }
        }
    }
    let widths = [8, 26] + Array(repeating: 28, count: threads.count)
    var lines = [
      "",
      "Median of \(repetitions) runs after a warm-up; ± is the spread (slowest − fastest) / median.",
    ]
    if !matmul.isEmpty {
      lines += ["", "Matrix multiply, float64, n × n times n × n: GFLOP/s = 2n³ / time"]
      lines.append(
        row(["n", "simple"] + fastColumns + ["fast/simple"], widths: matmulWidths(threads.count)))
      for n in Array(Set(matmul.map(\.n))).sorted() {
        let results = columns(matmul) { $0.n == n }
        var cells = [String(n)] + results.map { $0.map(rate) ?? "—" }
        if let simple = results[0],
          let best = results.dropFirst().compactMap({ $0 }).map(\.gflops).max()
        {
          cells.append(format(best / simple.gflops, digits: 1) + "×")
        }
        lines.append(row(cells, widths: matmulWidths(threads.count)))
      }
    }
    if let count = elementwise.first?.elements {
      lines += [
        "",
        "Whole-tensor operations on \(count) float64 entries through the Tensor API "
          + "(allocation included): the time, and the time per entry",
      ]
      lines.append(row(["", "simple"] + fastColumns, widths: widths))
      for operation in ["add", "mul", "exp", "log", "sigmoid", "tanh", "sum"] {
        let cells = columns(elementwise) { $0.operation == operation }
        lines.append(row([operation] + cells.map { $0.map(perEntry) ?? "—" }, widths: widths))
      }
    }
    if !networks.isEmpty {
      lines += [
        "",
        "Training: ms per epoch, on the clock and in processor time (all threads; other "
          + "programs add to the clock only)",
      ]
      lines.append(row(["", "simple"] + fastColumns, widths: widths))
      for name in NetworkBenchmark.all.map(\.name) {
        lines.append("  \(name)")
        let results = columns(networks) { $0.network == name }
        let clock = results.map { $0.map { milliseconds($0.secondsPerEpoch) } ?? "—" }
        let processor = results.map {
          $0.map { milliseconds($0.processorSecondsPerEpoch) } ?? "—"
        }
        lines.append(row(["clock"] + clock, widths: widths))
        lines.append(row(["cpu"] + processor, widths: widths))
      }
    }
    if !convolutions.isEmpty {
      lines += [
        "",
        "Convolutional networks (Module 4): ms per call, on the clock and in processor time (all "
          + "threads)",
      ]
      lines.append(row(["", "simple"] + fastColumns, widths: widths))
      for name in ConvolutionBenchmark.all.map(\.name) {
        lines.append("  \(name)")
        let results = columns(convolutions) { $0.name == name }
        lines.append(
          row(["time"] + results.map { $0.map { milliseconds($0.seconds) } ?? "—" }, widths: widths)
        )
        let processor = results.map { $0?.processorSeconds.map(milliseconds) ?? "—" }
        lines.append(row(["cpu"] + processor, widths: widths))
      }
    }
    return lines.joined(separator: "\n")
  }

  private func matmulWidths(_ fastCount: Int) -> [Int] {
    [6, 14] + Array(repeating: 16, count: fastCount) + [12]
  }

  private func rate(_ result: MatmulResult) -> String {
    "\(format(result.gflops, digits: result.gflops < 10 ? 2 : 1)) ±\(percent(result.seconds))"
  }

  private func perEntry(_ result: ElementwiseResult) -> String {
    let timing = result.seconds
    let nanoseconds = timing.median * 1e9 / Double(result.elements)
    let ms = timing.median * 1000
    return "\(format(ms, digits: ms < 10 ? 3 : 1)) ms \(format(nanoseconds, digits: 2)) ns"
      + " ±\(percent(timing))"
  }

  private func milliseconds(_ timing: Timing) -> String {
    let ms = timing.median * 1000
    return "\(format(ms, digits: ms < 10 ? 3 : 1)) ±\(percent(timing))"
  }

  private func percent(_ timing: Timing) -> String {
    "\(Int((timing.spread * 100).rounded()))%"
  }

  /// Cells right-aligned in columns of the given widths (the first left-aligned).
  private func row(_ cells: [String], widths: [Int]) -> String {
    var line = ""
    for (index, cell) in cells.enumerated() {
      let width = index < widths.count ? widths[index] : 12
      let padding = String(repeating: " ", count: Swift.max(1, width - cell.count))
      line += index == 0 ? "  " + cell + padding : padding + cell
    }
    return line
  }
}
