import Foundation

/// Finding and checking the MiniTorch checkouts the grader is given.
public enum Checkout {
  /// The root of the checkout at `folder`: `folder` itself when it holds a `Package.swift`, or
  /// else its one subfolder that does, which is what unpacking a zip of the repository's folder
  /// (rather than of its contents) gives. macOS's `__MACOSX` folder and hidden folders are
  /// ignored. Returns the root and, when it is a subfolder, a note saying so.
  ///
  /// Throws a `CourseworkError` naming `option` when `folder` is a file (a zip not yet
  /// unpacked) or does not exist, or when several subfolders hold a package.
  public static func root(of folder: URL, role: String, option: String) throws -> (
    root: URL, note: String?
  ) {
    let manager = FileManager.default
    try requireFolder(
      folder, role: role, option: option,
      ifFile: folder.pathExtension.lowercased() == "zip"
        ? "unzip it and pass the folder it makes" : "pass the folder that holds the checkout")
    if manager.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
      return (folder, nil)
    }
    let names = ((try? manager.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    let packages = names.filter { name in
      !name.hasPrefix(".") && name != "__MACOSX"
        && manager.fileExists(
          atPath: folder.appendingPathComponent(name).appendingPathComponent("Package.swift").path)
    }
    guard packages.count <= 1 else {
      throw CourseworkError.grading(
        "the \(role) \(folder.path) holds several packages (\(packages.joined(separator: ", "))) "
          + "and none at its top; pass the one to grade with \(option)")
    }
    guard let inner = packages.first else { return (folder, nil) }
    return (
      folder.appendingPathComponent(inner),
      "The \(role) holds its checkout in the folder \(inner)/ (a zip of the repository's "
        + "folder rather than of its contents); that folder was graded."
    )
  }

  /// Throws a `CourseworkError` naming `option` when `folder` does not exist, or when it is a
  /// file: then the message ends with `ifFile`, what to pass instead.
  private static func requireFolder(
    _ folder: URL, role: String, option: String, ifFile: String
  ) throws {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) else {
      throw CourseworkError.grading(
        "the \(role) folder \(folder.path) does not exist; check \(option)")
    }
    guard isFolder.boolValue else {
      throw CourseworkError.grading(
        "the \(role) \(folder.path) is a file, not a folder; \(ifFile) with \(option)")
    }
  }

  /// Throws a `CourseworkError` unless `folder` is a MiniTorch checkout: a folder with a
  /// `Package.swift` and a task manifest.
  public static func check(_ folder: URL, role: String, option: String) throws {
    let manager = FileManager.default
    try requireFolder(
      folder, role: role, option: option, ifFile: "pass the checkout's root folder")
    guard manager.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) else {
      throw CourseworkError.grading(
        "the \(role) \(folder.path) is not a Swift package (it has no Package.swift); pass the "
          + "root folder of the checkout with \(option)")
    }
    let manifest = folder.appendingPathComponent(TaskManifest.relativePath)
    guard manager.fileExists(atPath: manifest.path) else {
      throw CourseworkError.grading(
        "the \(role) \(folder.path) has no task manifest (\(TaskManifest.relativePath)); is it "
          + "a MiniTorch checkout? Pass its root folder with \(option)")
    }
  }

  /// The stage folders of a checkout, in order: `Module0`, `Module1`, … as long as they exist.
  public static func stageFolders(in files: [String]) -> [String] {
    var stages: [String] = []
    while files.contains(where: { $0.hasPrefix("Module\(stages.count)/") }) {
      stages.append("Module\(stages.count)")
    }
    return stages
  }
}
