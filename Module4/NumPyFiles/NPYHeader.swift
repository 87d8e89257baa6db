// The dictionary at the start of a `.npy` file says how to read the bytes after it:
//
//     {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }
//
// - `descr` is the element type: a byte order (`<` little-endian, `>` big-endian, `|` or `=`
//   the machine's own) and a type code with its size in bytes (`f8` float64, `f4` float32,
//   `i8` int64, …); structured arrays have a list here.
// - `fortran_order` says whether the entries are stored column-major (the first index varies
//   fastest) rather than row-major (the last index varies fastest, C order).
// - `shape` is a tuple of sizes; `()` is a single number (a 0-d array).
//
// NumPy requires exactly these three keys and so does this reader.

/// The element types a tensor can be read from: IEEE 754 binary64 and binary32.
enum NPYElementType: Equatable {
  /// 8-byte floats, NumPy's `float64` (`f8`).
  case float64
  /// 4-byte floats, NumPy's `float32` (`f4`).
  case float32

  /// How many bytes one entry takes.
  var size: Int { self == .float64 ? 8 : 4 }
}

/// What a `.npy` header says about the array that follows it.
struct NPYHeader: Equatable {
  /// The element type, as the header spells it (`<f8`); for a structured type, its Python text.
  let descr: String
  /// Whether the entries are stored column-major (Fortran order).
  let fortranOrder: Bool
  /// The array's shape; `[]` for a 0-d array.
  let shape: [Int]

  /// The header of a C-ordered little-endian float64 array of `shape`, as MiniTorch writes it.
  init(float64Shape shape: [Int]) {
    self.init(descr: "<f8", fortranOrder: false, shape: shape)
  }

  init(descr: String, fortranOrder: Bool, shape: [Int]) {
    self.descr = descr
    self.fortranOrder = fortranOrder
    self.shape = shape
  }

  /// The header read from its dictionary `text`; `source` names the file in errors.
  init(parsing text: String, source: String) throws(NumPyFileError) {
    let literal: PythonLiteral
    do {
      literal = try PythonLiteral.parse(text)
    } catch {
      throw .malformedHeader(path: source, reason: error.reason)
    }
    guard case .dictionary(let entries) = literal else {
      throw .malformedHeader(path: source, reason: "it is \(literal), not a dictionary")
    }
    let keys = entries.map(\.key)
    guard keys.sorted() == ["descr", "fortran_order", "shape"] else {
      throw .malformedHeader(
        path: source,
        reason: "its keys are \(keys.sorted()), but they must be descr, fortran_order and shape")
    }
    func value(_ key: String) -> PythonLiteral {
      entries.first { $0.key == key }!.value
    }
    switch value("descr") {
    case .string(let name): descr = name
    case let other: descr = other.description
    }
    guard case .boolean(let fortranOrder) = value("fortran_order") else {
      throw .malformedHeader(
        path: source, reason: "fortran_order is \(value("fortran_order")), not True or False")
    }
    self.fortranOrder = fortranOrder
    guard case .tuple(let sizes) = value("shape") else {
      throw .malformedHeader(path: source, reason: "shape is \(value("shape")), not a tuple")
    }
    var shape: [Int] = []
    for size in sizes {
      guard case .integer(let number) = size, number >= 0 else {
        throw .malformedHeader(
          path: source, reason: "shape \(value("shape")) has \(size), not a size of 0 or more")
      }
      shape.append(number)
    }
    self.shape = shape
  }

  /// The element type and whether it is stored big-endian, or `nil` for a type a tensor cannot
  /// be read from.
  var elementType: (type: NPYElementType, bigEndian: Bool)? {
    var code = Substring(descr)
    // `=` and `|` (and no mark) mean the machine's own order.
    var bigEndian = 1.bigEndian == 1
    switch code.first {
    case "<": bigEndian = false
    case ">": bigEndian = true
    default: break
    }
    if let first = code.first, "<>=|".contains(first) {
      code = code.dropFirst()
    }
    switch code {
    case "f8", "d", "float64": return (.float64, bigEndian)
    case "f4", "f", "float32": return (.float32, bigEndian)
    default: return nil
    }
  }

  /// The dictionary's text exactly as NumPy writes it: the keys sorted, the shape as a Python
  /// tuple, then spaces that leave room for the first size to grow to 21 digits (NumPy's
  /// `GROWTH_AXIS_MAX_DIGITS`, so an array can be appended to in place).
  var text: String {
    let order = fortranOrder ? "True" : "False"
    let tuple = NumPyFileError.tuple(shape)
    let growing = shape.isEmpty ? nil : shape[fortranOrder ? shape.count - 1 : 0]
    let room = growing.map { String(repeating: " ", count: max(0, 21 - String($0).count)) } ?? ""
    return "{'descr': '\(descr)', 'fortran_order': \(order), 'shape': \(tuple), }" + room
  }
}
