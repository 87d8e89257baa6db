import Foundation

/// Options shared by the commands that build a checkout and run its tests one by one
/// (`grade`, `bugs`, `practice`): one declaration each, so their help and checks agree.
enum TestRunOptions {
  /// `--timeout S`.
  static let timeout: Option<Double> = .number(
    "timeout", "S", in: 1...3600, default: 60, "seconds one test may run before it fails")
  /// `--jobs N`.
  static let jobs: Option<Int> = .integer("jobs", in: 1...64, default: 2, "tests run at once")
  /// `--task ID`.
  static let task: Option<String?> = .text(
    "task", "ID", defaultText: "the one tests-you-write task", "the task whose tests to check")
  /// `--work DIR`.
  static let work: Option<URL?> = .outputFolder(
    "work",
    defaultText: "a temporary folder, deleted afterwards",
    "build in DIR and keep it; running again there reuses the builds")
  /// `--source DIR`.
  static let source: Option<URL?> = .path(
    "source", "DIR", defaultText: "the current folder", "the checkout with solutions")
}
