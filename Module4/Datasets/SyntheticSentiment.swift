extension SentimentDataset {
  /// Positive words the synthetic sentences draw from.
  public static let syntheticPositiveWords = [
    "good", "great", "wonderful", "moving", "funny", "charming", "brilliant", "delightful",
    "beautiful", "smart", "touching", "superb", "engaging", "enjoyable", "fresh", "gripping",
  ]

  /// Negative words the synthetic sentences draw from.
  public static let syntheticNegativeWords = [
    "bad", "dull", "boring", "awful", "tedious", "silly", "clumsy", "flat",
    "lifeless", "predictable", "messy", "forgettable", "weak", "painful", "bland", "tiresome",
  ]

  /// A small artificial sentiment set in the layout of the real one, the same for the same
  /// `seed`: for smoke runs and CI, where the real sentences cannot be fetched.
  ///
  /// Each sentence is built from a template, "the film is really moving and funny ,
  /// though a little predictable .": a subject, a verb, an optional adverb, two words of the
  /// sentence's sentiment and, in about a third of the sentences, one word of the other
  /// sentiment after "though a little". The label (0 or 1, about half each) is the sentiment of
  /// the two words, so a model must learn which words carry sentiment and that the one after
  /// "though" counts less. Labels, templates and words are drawn from `SplitMix64(seed:)`.
  public static func synthetic(trainCount: Int = 600, devCount: Int = 200, seed: UInt64 = 0)
    -> SentimentDataset
  {
    precondition(
      trainCount > 0 && devCount > 0,
      "a synthetic set needs training and dev sentences, but the counts are \(trainCount) and "
        + "\(devCount)")
    var rng = SplitMix64(seed: seed)
    let sentences = (0..<(trainCount + devCount)).map { _ in syntheticSentence(&rng) }
    return SentimentDataset(
      train: Array(sentences.prefix(trainCount)), dev: Array(sentences.suffix(devCount)))
  }

  /// One synthetic sentence (see `synthetic(trainCount:devCount:seed:)`).
  private static func syntheticSentence(_ rng: inout SplitMix64) -> LabelledSentence {
    let subjects = ["the film", "this movie", "the story", "the cast", "the script", "its ending"]
    let verbs = ["is", "feels", "seems", "looks"]
    let adverbs = ["", "really ", "quite ", "often ", "mostly "]
    let label = rng.nextInt(in: 0...1)
    let (own, other) =
      label == 1
      ? (syntheticPositiveWords, syntheticNegativeWords)
      : (syntheticNegativeWords, syntheticPositiveWords)
    func pick(_ words: [String]) -> String {
      words[rng.nextInt(in: 0...(words.count - 1))]
    }
    var text = "\(pick(subjects)) \(pick(verbs)) \(pick(adverbs))\(pick(own)) and \(pick(own))"
    if rng.nextInt(in: 0...2) == 0 {
      text += " , though a little \(pick(other))"
    }
    return LabelledSentence(text + " .", label: label)
  }
}
