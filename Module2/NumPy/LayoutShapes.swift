// The shapes the layout operations of `LayoutOps` (gather, scatterAdd, concatenate, scan)
// produce, and the checks every backend makes before it runs one: a backend calls these, so
// the simple and the fast backend stop with the same message on the same mistake.

extension TensorData {
  /// The shape `gather(self, dim:, positions:)` produces: this shape with `positions.count` at
  /// `dim`. Stops with a message naming the operation, the shape and the first bad position
  /// when `dim` does not exist, `positions` is empty or a position lies outside 0..<shape[dim].
  public func gatheredShape(dim: Int, positions: [Int], operation: String = "gather") -> [Int] {
    checkDimension(dim, operation)
    precondition(
      !positions.isEmpty,
      "\(operation): no positions to take along dimension \(dim) of shape \(shape); "
        + "a tensor cannot be empty")
    checkPositions(positions, size: shape[dim], dim: dim, shape: shape, operation)
    var result = shape
    result[dim] = positions.count
    return result
  }

  /// The shape `scatterAdd(self, dim:, positions:, size:)` produces: this shape with `size` at
  /// `dim`. Stops with a message when `dim` does not exist, there is not one position per entry
  /// along `dim`, or a position lies outside 0..<size.
  public func scatteredShape(
    dim: Int, positions: [Int], size: Int, operation: String = "scatterAdd"
  ) -> [Int] {
    checkDimension(dim, operation)
    precondition(
      positions.count == shape[dim],
      "\(operation): \(positions.count) positions for \(shape[dim]) entries along dimension "
        + "\(dim) of shape \(shape)")
    precondition(size > 0, "\(operation): the size along dimension \(dim) must be positive")
    var result = shape
    result[dim] = size
    checkPositions(positions, size: size, dim: dim, shape: result, operation)
    return result
  }

  /// The shape `concatenate(parts, dim:)` produces: the parts' common shape with the sum of
  /// their sizes at `dim`. Stops with a message naming every shape when there are no parts, the
  /// parts have different numbers of dimensions, `dim` does not exist, or two parts differ in a
  /// dimension other than `dim`.
  public static func concatenatedShape(
    _ parts: [TensorData], dim: Int, operation: String = "concatenate"
  ) -> [Int] {
    precondition(!parts.isEmpty, "\(operation): there is nothing to join; pass at least one tensor")
    let shapes = parts.map(\.shape)
    let first = shapes[0]
    precondition(
      first.indices.contains(dim),
      "\(operation)(dim: \(dim)): tensors of shape \(first) have dimensions 0..<\(first.count)")
    for shape in shapes {
      precondition(
        shape.count == first.count
          && shape.indices.allSatisfy { $0 == dim || shape[$0] == first[$0] },
        "\(operation)(dim: \(dim)): shapes \(shapes) must agree in every dimension but \(dim)")
    }
    var result = first
    result[dim] = shapes.reduce(0) { $0 + $1[dim] }
    return result
  }

  /// Stops with a message naming the operation and the shape when `dim` does not exist.
  public func checkDimension(_ dim: Int, _ operation: String) {
    precondition(
      shape.indices.contains(dim),
      "\(operation)(dim: \(dim)): a tensor of shape \(shape) has dimensions 0..<\(dims)")
  }

  /// Stops at the first position outside 0..<size, naming it, the dimension and the shape.
  private func checkPositions(
    _ positions: [Int], size: Int, dim: Int, shape: [Int], _ operation: String
  ) {
    for (k, position) in positions.enumerated() where position < 0 || position >= size {
      preconditionFailure(
        "\(operation): position \(position) (entry \(k) of the list) is out of range for "
          + "dimension \(dim) of shape \(shape), which has positions 0..<\(size)")
    }
  }
}
