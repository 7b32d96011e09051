/// A position typed at the go-to prompt (Ctrl-G) or given to `--offset`, resolved against the
/// cursor and the file size. Both read the same grammar and refuse the same things.
///
/// Accepted forms (spaces around terms are ignored):
/// - `0x1f`, `31`: an absolute offset (decimal, or hex with `0x`);
/// - `+16`, `-0x10`: relative to the cursor (the start of the file for `--offset`);
/// - `50%`: a share of the file size (0...100, whole percent);
/// - `end`: the file size, one past the last byte, so `end-16` is the first of the last 16 bytes;
/// - sums and differences of those: `end-0x10`, `0x100+4`, `+0x10+4` (a leading sign
///   makes the whole expression relative to the cursor).
///
/// `end` or a percentage on its own means the last byte (`100%` too), so the plain words go
/// where a person expects. Any other result must name a byte of the file. Where bytes can be
/// appended (insert mode), the append position one past the last byte counts as one: `end` on
/// its own goes there.
public enum OffsetExpression {
  /// Resolves `text` to an absolute byte offset.
  ///
  /// - Parameters:
  ///   - text: What the user typed.
  ///   - cursor: The cursor offset, for relative forms.
  ///   - count: The file size in bytes.
  ///   - allowingAppendPosition: Whether `count` itself (the append position) is a valid result.
  /// - Returns: An offset in `0..<count` (`0...count` when allowing the append position), or `0`
  ///   for an empty file.
  /// - Throws: ``OffsetExpressionError`` with a message to show as is.
  public static func resolve(
    _ text: String, cursor: Int, count: Int, allowingAppendPosition: Bool = false
  ) throws(OffsetExpressionError) -> Int {
    let lastOffset = allowingAppendPosition ? count : max(count - 1, 0)
    var rest = Substring(text.trimmingSpaces)
    if rest.isEmpty { throw .empty }

    var total = 0
    var relative = false
    var sign = 1
    if let first = rest.first, first == "+" || first == "-" {
      relative = true
      sign = first == "-" ? -1 : 1
      rest = rest.dropFirst()
      total = cursor
    }
    var termCount = 0
    var lastTerm = ""
    while true {
      let end = rest.firstIndex(where: { $0 == "+" || $0 == "-" }) ?? rest.endIndex
      let term = String(rest[..<end]).trimmingSpaces
      if term.isEmpty {
        throw termCount == 0 && !relative ? .empty : .missingTerm(text: text.trimmingSpaces)
      }
      let value = try termValue(term, count: count)
      let (next, overflow) =
        sign < 0 ? total.subtractingReportingOverflow(value) : total.addingReportingOverflow(value)
      if overflow { throw .overflow(text: text.trimmingSpaces) }
      total = next
      termCount += 1
      lastTerm = term
      guard end < rest.endIndex else { break }
      sign = rest[end] == "-" ? -1 : 1
      rest = rest[rest.index(after: end)...]
    }
    if !relative, termCount == 1, lastTerm.lowercased() == "end" || lastTerm.hasSuffix("%") {
      return min(total, lastOffset)
    }
    if total < 0 { throw .beforeStart(offset: total) }
    if total > lastOffset { throw .beyondEnd(offset: total, count: count) }
    return total
  }

  /// The value of one term: a number, `N%` of `count`, or `end` (`count` itself).
  static func termValue(_ term: String, count: Int) throws(OffsetExpressionError) -> Int {
    if term.lowercased() == "end" { return count }
    if term.hasSuffix("%") {
      let digits = String(term.dropLast()).trimmingSpaces
      let percent: Int
      do {
        percent = try NumberParser.parse(digits)
      } catch {
        throw .invalidNumber(error)
      }
      guard percent <= 100 else { throw .percentTooLarge(percent: percent) }
      // count * percent / 100 without overflowing for files near Int.max bytes.
      return count / 100 * percent + count % 100 * percent / 100
    }
    do {
      return try NumberParser.parse(term)
    } catch {
      throw .invalidNumber(error)
    }
  }
}
