import Foundation

// Reading a file whole, for every reader of outside data in this module (IDX images, sentence
// TSV files, GloVe word vectors, weights files): one place checks that the file is there, is a
// file and not a folder, and can be read, and says which of these failed. Each reader then
// parses the bytes its own way.

/// The bytes of the file at `url`. Throws `DataError.missingFile` when nothing is there, and
/// `DataError.unreadable` when a folder is there or the file cannot be read (with the reason).
func contentsOfFile(_ url: URL) throws(DataError) -> Data {
  let path = url.path
  var isFolder: ObjCBool = false
  guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
    throw .missingFile(path: path)
  }
  guard !isFolder.boolValue else {
    throw .unreadable(path: path, reason: "it is a folder, not a file")
  }
  do {
    return try Data(contentsOf: url)
  } catch {
    throw .unreadable(path: path, reason: error.localizedDescription)
  }
}

/// Throws `DataError.missingFolder` unless a folder exists at `url` (a file there does not
/// count).
func requireFolder(_ url: URL) throws(DataError) {
  var isFolder: ObjCBool = false
  guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder),
    isFolder.boolValue
  else {
    throw .missingFolder(path: url.path)
  }
}
