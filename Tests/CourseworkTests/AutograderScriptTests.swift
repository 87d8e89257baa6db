import Coursework
import Foundation
import Testing

/// Gradescope's `setup.sh`: the toolchain's signature is checked the way swift.org's install
/// instructions check it, against pinned keys. Tested offline with a throwaway key made here.
@Suite(
  "Autograder scripts",
  .enabled(if: Subprocess.findExecutable("gpg") != nil && Subprocess.findExecutable("bash") != nil)
)
struct AutograderScriptTests {
  /// `assignments/autograder/setup.sh` of this checkout.
  static let setupScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("assignments/autograder/setup.sh")

  /// A keyring of its own with throwaway signing keys, a file, and signatures made with them.
  struct Signer {
    let folder: TemporaryFolder
    var home: URL { folder.url.appendingPathComponent("gnupg") }

    init() throws {
      folder = try TemporaryFolder()
      try FileManager.default.createDirectory(
        at: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// Runs gpg with this keyring; returns its standard output.
    @discardableResult
    func gpg(_ arguments: [String]) throws -> String {
      let gpg = try #require(Subprocess.findExecutable("gpg"))
      return try Subprocess.output(
        of: gpg,
        [
          "--homedir", home.path, "--batch", "--quiet", "--pinentry-mode", "loopback",
          "--passphrase", "",
        ] + arguments, in: folder.url)
    }

    /// Makes a key for `name` and returns its fingerprint.
    func makeKey(_ name: String) throws -> String {
      try gpg(["--quick-gen-key", "\(name) <\(name)@example.com>", "ed25519", "sign", "never"])
      let listing = try gpg(["--with-colons", "--list-keys", "\(name)@example.com"])
      let line = try #require(listing.split(separator: "\n").first { $0.hasPrefix("fpr:") })
      return String(line.split(separator: ":", omittingEmptySubsequences: false)[9])
    }

    /// Signs `file` with the key of `name`, writing `file.sig`.
    func sign(_ file: String, as name: String) throws {
      try gpg([
        "--local-user", "\(name)@example.com", "--detach-sign", "--output", file + ".sig",
        file,
      ])
    }
  }

  /// Runs `verify_toolchain` of setup.sh with `pinned` as the accepted fingerprints; returns
  /// whether it succeeded and what it printed.
  func verify(in folder: URL, pinned: [String], tarball: String = "swift.tar.gz") throws
    -> (Bool, String)
  {
    let bash = try #require(Subprocess.findExecutable("bash"))
    let output = folder.appendingPathComponent("verify.out")
    let script = """
      source '\(Self.setupScript.path)'
      SWIFT_KEY_FINGERPRINTS=(\(pinned.joined(separator: " ")))
      verify_toolchain keys.asc \(tarball) \(tarball).sig
      """
    let status = try Subprocess(
      bash, ["-c", script], in: folder, output: .file(output)
    ).run()
    return (status == .exited(0), (try? String(contentsOf: output, encoding: .utf8)) ?? "")
  }

  @Test func onlyAGoodSignatureByAPinnedKeyIsAccepted() throws {
    let signer = try Signer()
    defer { signer.folder.remove() }
    let release = try signer.makeKey("release")
    let stranger = try signer.makeKey("stranger")
    // keys.asc holds both keys, as swift.org's all-keys.asc holds several.
    try signer.gpg(["--armor", "--output", "keys.asc", "--export"])
    try signer.folder.write("swift.tar.gz", "a toolchain")
    try signer.sign("swift.tar.gz", as: "release")

    let good = try verify(in: signer.folder.url, pinned: [release])
    #expect(good.0, "output: \(good.1)")
    #expect(good.1.contains("good signature"))

    let unpinned = try verify(in: signer.folder.url, pinned: [stranger])
    #expect(!unpinned.0)
    #expect(unpinned.1.contains("not a pinned Swift key"))

    try signer.folder.write("swift.tar.gz", "a toolchain, changed")
    let tampered = try verify(in: signer.folder.url, pinned: [release])
    #expect(!tampered.0)
    #expect(tampered.1.contains("BAD signature"))
  }

  @Test func aSignatureByAnotherImportedKeyIsRefused() throws {
    let signer = try Signer()
    defer { signer.folder.remove() }
    let release = try signer.makeKey("release")
    _ = try signer.makeKey("mallory")
    try signer.gpg(["--armor", "--output", "keys.asc", "--export"])
    try signer.folder.write("swift.tar.gz", "a toolchain")
    try signer.sign("swift.tar.gz", as: "mallory")
    let result = try verify(in: signer.folder.url, pinned: [release])
    #expect(!result.0)
    #expect(result.1.contains("not a pinned Swift key"))
  }

  @Test func aMissingSignatureIsRefused() throws {
    let signer = try Signer()
    defer { signer.folder.remove() }
    let release = try signer.makeKey("release")
    try signer.gpg(["--armor", "--output", "keys.asc", "--export"])
    try signer.folder.write("swift.tar.gz", "a toolchain")
    try signer.folder.write("swift.tar.gz.sig", "not a signature")
    let result = try verify(in: signer.folder.url, pinned: [release])
    #expect(!result.0)
  }

  @Test func thePinnedKeysAreSwiftsPublishedOnes() throws {
    let text = try String(contentsOf: Self.setupScript, encoding: .utf8)
    // swift.org/keys/active: the Swift 6.x release key and the automatic signing key #4.
    #expect(text.contains("52BB7E3DE28A71BE22EC05FFEF80A866B47A981F"))
    #expect(text.contains("E813C892820A6FA13755B268F167DF1ACF9CE069"))
    #expect(text.contains("verify_toolchain \"$download/all-keys.asc\""))
  }
}
