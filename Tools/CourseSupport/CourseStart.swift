/// Where the work of this repository starts: the module of the starter it was made as.
///
/// `minitorch starter --modules k` writes k here; the reference, and a starter of the whole
/// course, say 0. A student's repository for module k holds the earlier modules either as the
/// official solutions or as placeholders to fill with their own earlier work (`minitorch sync`).
/// A stop in an earlier module's placeholder therefore says to bring that work along, and
/// `minitorch status` and the README start at module k. The value is compiled in, so it is
/// known wherever the tests run, whatever the working folder.
public enum CourseStart {
  /// The first module whose tasks are this repository's work.
  public static let module = 0
}
