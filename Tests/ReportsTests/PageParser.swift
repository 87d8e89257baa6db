import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// One element of a parsed page: its name, its attributes and the text directly inside it.
struct Element {
  let name: String
  let attributes: [String: String]
  var text: String

  /// The element's classes (its `class` attribute, split at spaces).
  var classes: Set<String> {
    Set((attributes["class"] ?? "").split(separator: " ").map(String.init))
  }
}

/// A page parsed as XML: every element in document order, or the parser's error when the
/// page is not well-formed.
struct ParsedPage {
  var elements: [Element] = []
  var error: String?

  /// Parses `text`.
  init(_ text: String) {
    let delegate = Collector()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = delegate
    if !parser.parse() {
      error =
        "line \(parser.lineNumber), column \(parser.columnNumber): "
        + String(describing: parser.parserError)
    }
    // The parser of some Foundations recovers from a wrongly nested end tag; the collector
    // checks the nesting itself.
    error = error ?? delegate.problem
    if error == nil, let unclosed = delegate.openNames.last {
      error = "<\(unclosed)> is never closed"
    }
    elements = delegate.elements
  }

  /// The elements called `name` that have every class in `classes`.
  func all(_ name: String, classes: Set<String> = []) -> [Element] {
    elements.filter { $0.name == name && classes.isSubset(of: $0.classes) }
  }

  /// The element whose `id` is `id`.
  func element(id: String) -> Element? {
    elements.first { $0.attributes["id"] == id }
  }
}

/// Collects the elements and their text as the parser reports them.
private final class Collector: NSObject, XMLParserDelegate {
  var elements: [Element] = []
  /// The first nesting mistake seen, if any.
  var problem: String?
  /// The names of the elements open at this point.
  var openNames: [String] { open.map { elements[$0].name } }
  private var open: [Int] = []

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
  ) {
    open.append(elements.count)
    elements.append(Element(name: elementName, attributes: attributeDict, text: ""))
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?
  ) {
    let innermost = openNames.last
    _ = open.popLast()
    if innermost != elementName {
      problem = problem ?? "</\(elementName)> closes \(innermost.map { "<\($0)>" } ?? "nothing")"
    }
  }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
    problem = problem ?? "line \(parser.lineNumber): \(parseError)"
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if let index = open.last {
      elements[index].text += string
    }
  }
}
