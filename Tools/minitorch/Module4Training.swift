import Foundation
import Module4

/// What the two forms of `minitorch train --module 4` (images in `ImageTraining`, sentences in
/// `SentimentTraining`) share.
enum Module4Training {
  /// `--dataset NAME`: chooses the form (digits and fashion: images; sentiment: sentences).
  static let dataset: Option<String> = .choice(
    "dataset", from: ["digits", "fashion", "sentiment"], default: "digits",
    "which data: images of digits or clothes, or sentences")

  /// The backends `--backend` accepts, by name.
  static let backends: [String: TensorBackend] = ["simple": .simple, "fast": .fast]

  /// `--backend B`.
  static let backend: Option<String> = .choice(
    "backend", "B", from: backends.keys.sorted(), default: "fast",
    "Module 3's fast backend or Module 2's simple loops")

  /// `--subset N`.
  static let subset: Option<Int?> = .integer(
    "subset", in: 1...10_000_000, "train on only the first N training examples")

  /// The options every Module 4 form takes, `--dataset` and `--module` among them.
  static let common = [
    TrainCommand.module.declaration, dataset.declaration, backend.declaration,
  ]
}
