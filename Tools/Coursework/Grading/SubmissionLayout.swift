import Foundation

/// The submission's files compared with the official layout, before anything is built: which
/// stage folders and files are missing, and where a missing file may have been moved to.
///
/// The grader puts the starter's version of a missing file in its place (its solution regions
/// hold placeholders), so the rest of the submission still compiles and is graded, and the
/// report names the file and the tasks it holds. A file moved inside its own stage folder is
/// still compiled there, so it needs no stand-in; it is only named.
public struct SubmissionLayout: Sendable, Equatable {
  /// Stage folders (`Module2`) of which the submission has no file at all.
  public var missingFolders: [String]
  /// Files of the official stage folders, and students' own test files, that the submission
  /// lacks, outside the missing folders; sorted.
  public var missingFiles: [String]
  /// For a missing file, the submission's files of the same name elsewhere.
  public var movedTo: [String: [String]]
  /// The official stage folders.
  public var stages: [String]

  /// Compares the submission's files with the official ones. `stages` are the official stage
  /// folders; `studentFiles` are the files students write outside them (the suites of
  /// `student-tests` tasks).
  public init(
    officialFiles: [String], submissionFiles: [String], stages: [String], studentFiles: [String]
  ) {
    self.stages = stages
    let submitted = Set(submissionFiles)
    let absentFolders = stages.filter { stage in
      !submissionFiles.contains { $0.hasPrefix(stage + "/") }
    }
    let inMissingFolder = { (path: String) in
      absentFolders.contains { path.hasPrefix($0 + "/") }
    }
    let graded = officialFiles.filter { path in
      !Self.isDocumentation(path)
        && (studentFiles.contains(path) || stages.contains { path.hasPrefix($0 + "/") })
    }
    let absentFiles = graded.filter { !submitted.contains($0) && !inMissingFolder($0) }.sorted()
    var moved: [String: [String]] = [:]
    for path in absentFiles + officialFiles.filter(inMissingFolder) {
      let name = Self.fileName(path)
      let elsewhere = submissionFiles.filter { $0 != path && Self.fileName($0) == name }
      if !elsewhere.isEmpty {
        moved[path] = elsewhere
      }
    }
    missingFolders = absentFolders
    missingFiles = absentFiles
    movedTo = moved
  }

  /// Whether nothing is missing.
  public var isComplete: Bool { missingFolders.isEmpty && missingFiles.isEmpty }

  /// Whether `path`, a missing file, has a copy inside its own stage folder, where SwiftPM
  /// still compiles it: then it needs no stand-in.
  public func isMovedWithinItsFolder(_ path: String) -> Bool {
    guard let stage = path.split(separator: "/").first else { return false }
    return (movedTo[path] ?? []).contains { $0.hasPrefix(stage + "/") }
  }

  /// One note per missing folder and file, naming it, saying what the grader did instead, and
  /// the tasks it holds (`tasksIn` gives the task ids of an official file).
  public func notes(tasksIn: (String) -> [String]) -> [String] {
    var notes: [String] = []
    for folder in missingFolders {
      notes.append(
        "The submission has no \(folder)/ folder: its files were graded as the starter has them "
          + "(placeholders only), so its tasks score 0. Keep the folders where the starter put "
          + "them.")
    }
    for path in missingFiles {
      let tasks = tasksIn(path)
      let holds = tasks.isEmpty ? "" : " (it holds \(Self.taskList(tasks)))"
      var note = "The submission has no \(path)\(holds)."
      if let elsewhere = movedTo[path] {
        note += " A file of that name is at \(elsewhere.joined(separator: ", "))"
        note +=
          isMovedWithinItsFolder(path)
          ? "; it was graded there, but keep files where the starter put them."
          : ", outside its folder, so it was not graded: move it back."
      }
      if !isMovedWithinItsFolder(path) && path.hasSuffix(".swift") && isInStage(path) {
        note += " It was graded as the starter has it (placeholders only)."
      }
      notes.append(note)
    }
    return notes
  }

  /// Whether `path` lies in a documentation catalog (`Module1/Module1.docc/…`): SwiftPM never
  /// compiles what a catalog holds, so a submission without it loses nothing and is not told
  /// so (an older starter has no catalogs).
  public static func isDocumentation(_ path: String) -> Bool {
    path.split(separator: "/").dropLast().contains { $0.hasSuffix(".docc") }
  }

  /// Whether `path` lies in a stage folder.
  func isInStage(_ path: String) -> Bool {
    stages.contains { path.hasPrefix($0 + "/") }
  }

  /// "Task 0.3" or "Tasks 0.3, 0.4".
  static func taskList(_ tasks: [String]) -> String {
    (tasks.count == 1 ? "Task " : "Tasks ") + tasks.joined(separator: ", ")
  }

  /// The last component of a path.
  static func fileName(_ path: String) -> Substring {
    path.split(separator: "/").last ?? Substring(path)
  }
}
