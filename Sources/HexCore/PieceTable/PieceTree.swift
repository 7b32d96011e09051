/// An immutable node of a ``PieceTree``: one piece, its two subtrees, and the totals of the
/// subtree it roots.
final class PieceNode: Sendable {
  let piece: Piece
  let left: PieceNode?
  let right: PieceNode?
  /// The treap priority: every node's is at least its children's.
  let priority: UInt64
  /// Bytes in this subtree.
  let length: Int
  /// Bytes in the left subtree: where this node's piece starts within the subtree, known
  /// without touching the child (a walk then reads one node per piece).
  let leftLength: Int
  /// Pieces in this subtree.
  let pieceCount: Int
  /// Bytes in this subtree that are not the source's (inserted, overwritten or filled).
  let editedLength: Int
  /// Where the source's bytes in this subtree sit relative to their source offsets.
  let shift: SourceShift

  init(_ left: PieceNode?, _ piece: Piece, _ right: PieceNode?, priority: UInt64) {
    self.piece = piece
    self.left = left
    self.right = right
    self.priority = priority
    leftLength = left?.length ?? 0
    length = leftLength + piece.length + (right?.length ?? 0)
    pieceCount = (left?.pieceCount ?? 0) + 1 + (right?.pieceCount ?? 0)
    editedLength = (left?.editedLength ?? 0) + (piece.isOriginal ? 0 : piece.length) + (right?.editedLength ?? 0)
    shift = (left?.shift ?? .none)
      .combined(with: SourceShift(of: piece, at: leftLength))
      .combined(with: (right?.shift ?? .none).placed(at: leftLength + piece.length))
  }

  /// This node with other children (the same piece and priority).
  func with(left: PieceNode?, right: PieceNode?) -> PieceNode {
    PieceNode(left, piece, right, priority: priority)
  }
}

/// The pieces of a document in order, as a persistent treap keyed by byte offset.
///
/// Nodes are never changed: an edit builds O(log n) new nodes along the paths it touches and
/// shares every other node with the tree it came from. So a version of the tree is one
/// reference, the pieces an edit removed stay a tree of shared nodes for its undo record, and a
/// snapshot handed to a search on another thread is free and safe. Random priorities keep the
/// expected depth logarithmic whatever the order of the edits (a treap needs no rebalancing
/// rules, only ``split(at:)`` and ``joined(with:)``).
struct PieceTree: Sendable {
  /// The root, or `nil` for an empty document.
  var root: PieceNode?

  /// The number of bytes.
  var count: Int { root?.length ?? 0 }

  /// The number of pieces.
  var pieceCount: Int { root?.pieceCount ?? 0 }

  /// The number of bytes that are not the source's.
  var editedLength: Int { root?.editedLength ?? 0 }

  /// Where the source's bytes sit relative to their source offsets.
  var shift: SourceShift { root?.shift ?? .none }

  /// The bytes before `offset` and the bytes from `offset` on, splitting the piece that
  /// straddles it.
  func split(at offset: Int) -> (before: PieceTree, after: PieceTree) {
    let (before, after) = Self.split(root, at: offset)
    return (PieceTree(root: before), PieceTree(root: after))
  }

  /// This tree with the bytes in `range` (inside it) replaced by `other`'s.
  func replacing(_ range: Range<Int>, with other: PieceTree) -> PieceTree {
    let (head, rest) = split(at: range.lowerBound)
    return head.joined(with: other).joined(with: rest.split(at: range.count).after)
  }

  /// This tree's bytes followed by `other`'s.
  func joined(with other: PieceTree) -> PieceTree {
    PieceTree(root: Self.join(root, other.root))
  }

  /// The piece holding the byte at `offset` (inside `0..<count`) and the offset where it starts.
  func piece(containing offset: Int) -> (start: Int, piece: Piece) {
    var node = root
    var base = 0
    while let current = node {
      let leftLength = current.leftLength
      let start = base + leftLength
      if offset < start {
        node = current.left
      } else if offset < start + current.piece.length {
        return (start, current.piece)
      } else {
        base = start + current.piece.length
        node = current.right
      }
    }
    preconditionFailure("offset \(offset) is outside the \(count) bytes of the tree")
  }

  /// The last piece, or `nil` when the tree is empty.
  var lastPiece: Piece? {
    var node = root
    while let right = node?.right { node = right }
    return node?.piece
  }

  /// Calls `body` with every piece that overlaps `range`, in order, with the offset where the
  /// piece starts; stops when `body` returns `false`.
  ///
  /// - Returns: `false` when `body` stopped the walk.
  @discardableResult
  func forEachPiece(overlapping range: Range<Int>, _ body: (_ start: Int, _ piece: Piece) -> Bool) -> Bool {
    guard !range.isEmpty, let root else { return true }
    // An in-order walk with an explicit stack of nodes whose piece is still to be visited (and
    // where that piece starts). The nodes are not retained: `root` keeps them all alive.
    return withExtendedLifetime(root) {
      var pending: [(node: Unmanaged<PieceNode>, start: Int)] = []
      pending.reserveCapacity(64)
      // Descends from `node` (whose subtree starts at `base`) towards `offset`, stacking the
      // nodes whose piece ends after it.
      func descend(_ node: PieceNode?, base: Int, to offset: Int) {
        var node = node.map { Unmanaged.passUnretained($0) }
        var base = base
        while let current = node {
          let (start, pieceEnd) = current._withUnsafeGuaranteedRef { node in
            let start = base + node.leftLength
            return (start, start + node.piece.length)
          }
          if offset < start {
            pending.append((current, start))
            node = current._withUnsafeGuaranteedRef { $0.left.map { Unmanaged.passUnretained($0) } }
          } else if offset < pieceEnd {
            pending.append((current, start))
            return
          } else {
            base = pieceEnd
            node = current._withUnsafeGuaranteedRef { $0.right.map { Unmanaged.passUnretained($0) } }
          }
        }
      }
      descend(root, base: 0, to: range.lowerBound)
      while let (node, start) = pending.popLast(), start < range.upperBound {
        let keepGoing = node._withUnsafeGuaranteedRef { node in
          guard body(start, node.piece) else { return false }
          // The next piece is the leftmost of the right subtree.
          descend(node.right, base: start + node.piece.length, to: start + node.piece.length)
          return true
        }
        if !keepGoing { return false }
      }
      return true
    }
  }

  /// Calls `body` with every piece in order; stops when `body` returns `false`.
  @discardableResult
  func forEachPiece(_ body: (_ start: Int, _ piece: Piece) -> Bool) -> Bool {
    forEachPiece(overlapping: 0..<count, body)
  }

  // MARK: - Treap operations

  private static func split(_ node: PieceNode?, at offset: Int) -> (PieceNode?, PieceNode?) {
    guard let node else { return (nil, nil) }
    let leftLength = node.leftLength
    let pieceEnd = leftLength + node.piece.length
    if offset <= leftLength {
      if offset == 0 { return (nil, node) }
      let (before, after) = split(node.left, at: offset)
      return (before, node.with(left: after, right: node.right))
    }
    if offset >= pieceEnd {
      if offset >= node.length { return (node, nil) }
      let (before, after) = split(node.right, at: offset - pieceEnd)
      return (node.with(left: node.left, right: before), after)
    }
    // The cut falls inside this node's piece. The first half keeps the node's priority (still
    // at least its left subtree's); the second needs one of its own, or the fragments of a
    // piece cut many times would share one priority and the tree would degenerate into a list.
    let cut = offset - leftLength
    let second = PieceNode(nil, node.piece.suffix(from: cut), nil, priority: mix(node.priority, cut))
    return (
      PieceNode(node.left, node.piece.prefix(cut), nil, priority: node.priority),
      join(second, node.right)
    )
  }

  /// A priority derived from a piece's and the place it is cut at.
  private static func mix(_ priority: UInt64, _ cut: Int) -> UInt64 {
    scrambled(priority &+ UInt64(truncatingIfNeeded: cut) &* 0x9E37_79B9_7F4A_7C15)
  }

  /// `value`'s bits mixed (SplitMix64's finalizer): priorities as good as random, and the same
  /// on every run, so a table's shape and cost are too.
  static func scrambled(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  private static func join(_ first: PieceNode?, _ second: PieceNode?) -> PieceNode? {
    guard let first else { return second }
    guard let second else { return first }
    if first.priority >= second.priority {
      return first.with(left: first.left, right: join(first.right, second))
    }
    return second.with(left: join(first, second.left), right: second.right)
  }
}
