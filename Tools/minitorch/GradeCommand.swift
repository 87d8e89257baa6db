import Coursework
import Foundation

/// `minitorch grade`: grades a submission against the official tests.
enum GradeCommand {
  /// `--submission DIR`.
  static let submission: Option<URL?> = .path(
    "submission", "DIR", defaultText: "the current folder",
    "the student's checkout, or a folder holding just that checkout")
  /// `--tests DIR`.
  static let tests: Option<URL?> = .path(
    "tests", "DIR", defaultText: "the current folder",
    "the official checkout with solutions")
  /// `--json FILE`.
  static let json: Option<OutputFile?> = .outputFile(
    "json", example: "results.json",
    "also write the results in Gradescope's results.json format")
  /// `--keep`.
  static let keep: Option<Bool> = .flag(
    "keep", "keep the temporary work folder and print where it is")
  /// `--expect WHAT`.
  static let expect: Option<GradeExpectation?> = .custom(
    "expect", "WHAT", allowed: "full, zero or starter", defaultText: nil, absent: .some(nil),
    "exit 1 unless the grade is 'full' marks, or 'zero' for every task that still has only "
      + "starter placeholders, or 'starter': zero for those and full marks for every task "
      + "holding its solution (a starter made with --keep-earlier-solutions; for CI and "
      + "instructors)"
  ) { text throws(UsageError) in
    guard let expectation = GradeExpectation(rawValue: text) else {
      throw UsageError("--expect must be 'full', 'zero' or 'starter', not '\(text)'")
    }
    return expectation
  }

  /// The command's options.
  static let table = OptionTable(
    "grade",
    [
      submission.declaration, tests.declaration, json.declaration,
      TestRunOptions.timeout.declaration, TestRunOptions.work.declaration, keep.declaration,
      TestRunOptions.jobs.declaration, expect.declaration,
    ] + GradeDeployment.declarations)

  /// The command as `minitorch help` lists it.
  static let command = Command(
    "grade",
    summary: "grade a submission: each test in its own process, scored per task",
    table: table,
    about: """
      Builds the submission's code (its Module folders) together with the official tests,
      Package.swift and manifest from --tests, runs every graded test in its own process,
      and prints a table of tasks and points. Students' own tests (student-tests tasks) run
      against the reference code and against bugs planted in it. Files and folders the
      submission lacks are named, and the starter's version stands in for them, so the rest
      is still graded. A folder holding just one checkout (an unpacked zip of the repository
      folder) is graded from that checkout. Progress goes to standard error, the report to
      standard output. Exits 0 whenever grading worked, whatever the score.
      """,
    run: run)

  /// Grades, prints the report and writes the JSON.
  static func run(_ options: ParsedOptions) throws -> Int32 {
    let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    let submission = options[Self.submission] ?? here
    let official = options[tests] ?? here
    let json = options[Self.json]
    let keep = options[Self.keep]
    let expectation = options[expect]

    let workspace = try GradingWorkspace(at: options[TestRunOptions.work])
    defer {
      if workspace.isTemporary && !keep {
        workspace.remove()
      }
    }
    let deployment = GradeDeployment(options)
    let start = Date()
    var grader = Autograder(
      submission: submission, official: official, workspace: workspace,
      timeLimit: options[TestRunOptions.timeout], workers: options[TestRunOptions.jobs],
      progress: { printError("· \(elapsed(since: start)) s  " + $0) })
    let outputs = GradingOutputs(
      json: json?.url, classroom: deployment.classroom?.url,
      scrub: .official(official, files: (try? ProjectFiles.list(in: official)) ?? []))
    let report: Report
    do {
      try deployment.configure(&grader, workspace: workspace, start: start)
      let watchdog = deployment.startWatchdog(for: grader, outputs: outputs, start: start)
      defer { watchdog?.cancel() }
      report = try grader.grade()
      grader.user?.stopEveryProcess()
    } catch {
      // Students read these files, so say there why nothing was graded, in their terms.
      let feedback =
        (error as? SubmissionRefusal)?.feedback
        ?? "Grading could not run because of a problem with the autograder, not with your "
        + "submission; your instructor can see what it was."
      _ = try? outputs.write(
        GradescopeResults(score: 0, output: "Grading could not run. " + feedback, tests: []))
      throw error
    }
    if !workspace.isTemporary || keep {
      printError("The work folder is kept at \(workspace.root.path)")
    }
    // Progress and notes go to standard error, the report alone to standard output, flushed
    // before anything else is written, so that the two never interleave in a shared log.
    if let withheld = try outputs.write(report) {
      print(describe(report))
      if withheld > 0 {
        print(
          "\n\(counted(withheld, "line")) of the output matched the official solution and "
            + "were withheld from the results students read.")
      }
    }
    fflush(nil)
    if let expectation {
      let root = try Checkout.root(of: submission, role: "submission", option: "--submission").root
      let misses = try expectation.misses(in: report, submission: root)
      guard misses.isEmpty else {
        printError(
          "minitorch grade: expected '\(expectation.rawValue)', but:\n  "
            + misses.joined(separator: "\n  "))
        return 1
      }
      printError("As expected: '\(expectation.rawValue)'.")
    }
    return 0
  }

  /// Seconds since `start`, with one decimal, for progress lines.
  static func elapsed(since start: Date) -> String {
    format(Date().timeIntervalSince(start), digits: 1)
  }

  /// The report as printed: notes, the table, then the tests that failed in each task that did
  /// not earn full marks, with the first lines of why (the JSON has all of it).
  static func describe(_ report: Report) -> String {
    var parts: [String] = []
    if !report.notes.isEmpty {
      parts.append(report.notes.joined(separator: "\n"))
    }
    parts.append(report.table)
    if let speed = GradeDeployment.speedSection(report) {
      parts.append(speed)
    }
    for result in report.results where result.isAutoGraded && result.score < result.maxScore {
      parts.append("Task \(result.task.id), \(result.task.title):\n" + failures(in: result.output))
    }
    return parts.joined(separator: "\n\n")
  }

  /// The lines of a task's output about what failed: each line that does not start with "✓",
  /// and at most two of the indented lines that explain it.
  static func failures(in output: String) -> String {
    var kept: [Substring] = []
    var explanationLines = 0
    for line in output.split(separator: "\n") where !line.hasPrefix("✓") {
      if line.hasPrefix("    ") {
        explanationLines += 1
        if explanationLines <= 2 {
          kept.append(line)
        } else if explanationLines == 3 {
          kept.append("    …")
        }
      } else {
        explanationLines = 0
        kept.append(line)
      }
    }
    return Truncation.keepingHead(kept.joined(separator: "\n"), limit: 4000)
  }
}
