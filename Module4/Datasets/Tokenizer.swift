/// Splits a sentence into lowercase words, the tokens the sentiment network looks up.
///
/// The rules, in order:
/// 1. Lowercase the text; read a curly apostrophe (’) as a straight one (').
/// 2. A word is a run of letters, digits and apostrophes; everything else (spaces, punctuation,
///    hyphens) separates words.
/// 3. An apostrophe at either end of a run is a quotation mark and is dropped ("'hello'" →
///    "hello"), unless the whole run is one of the clitics below.
/// 4. A word ending in a clitic is split before it, as the Penn Treebank does and as GloVe's
///    vocabulary spells them: "don't" → "do", "n't"; "it's" → "it", "'s"; "we'll" → "we", "'ll".
///
/// So raw text and text that was already tokenized this way (GLUE's SST-2 writes "it 's" and
/// "does n't") give the same words.
public enum Tokenizer {
  /// The clitics split off the end of a word.
  public static let clitics = ["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"]

  /// The words of `text`, by the rules above.
  public static func words(in text: String) -> [String] {
    var words: [String] = []
    var run = ""
    for character in text.lowercased() {
      if character.isLetter || character.isNumber {
        run.append(character)
      } else if character == "'" || character == "’" {
        run.append("'")
      } else if !run.isEmpty {
        words += split(run)
        run = ""
      }
    }
    if !run.isEmpty {
      words += split(run)
    }
    return words
  }

  /// The words in one run of letters, digits and apostrophes (rules 3 and 4).
  private static func split(_ run: String) -> [String] {
    if clitics.contains(run) {
      return [run]
    }
    let word = String(run.drop { $0 == "'" }.reversed().drop { $0 == "'" }.reversed())
    if word.isEmpty {
      return []
    }
    for clitic in clitics where word.count > clitic.count && word.hasSuffix(clitic) {
      return [String(word.dropLast(clitic.count)), clitic]
    }
    return [word]
  }
}
