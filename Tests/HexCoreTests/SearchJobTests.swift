import Dispatch
import MemMap
import Testing

@testable import HexCore

@Suite("SearchJob")
struct SearchJobTests {
  @Test func findsInTheBackgroundAndSeesEdits() throws {
    var data = Array(repeating: UInt8(0x2E), count: 5000)
    data.replaceSubrange(100..<104, with: [0xDE, 0xAD, 0xBE, 0xEF])
    let source = SharedSearchSource(try anonymousMap(holding: data))
    let search = ByteSearch(pattern: try SearchPattern(hex: "deadbeef"), chunkSize: 512)
    let job = SearchJob.find(search, .forward, from: 200, in: source)
    #expect(job.wait() == .found(SearchHit(offset: 100, wrapped: true)))
    #expect(job.progress.fractionCompleted == 1)

    var edits = PendingEdits()
    for (index, byte) in [UInt8(0xDE), 0xAD, 0xBE, 0xEF].enumerated() {
      edits.setByte(at: 4000 + index, value: byte, original: 0x2E)
    }
    let edited = SearchJob.find(search, .forward, from: 200, in: source, overlay: edits)
    #expect(edited.wait() == .found(SearchHit(offset: 4000, wrapped: false)))
    let backward = SearchJob.find(search, .backward, from: 4000, in: source, overlay: edits)
    #expect(backward.wait() == .found(SearchHit(offset: 100, wrapped: false)))
  }

  @Test func reportsNotFound() throws {
    let source = SharedSearchSource(try anonymousMap(holding: Array(repeating: 1, count: 100)))
    let search = ByteSearch(pattern: try SearchPattern(hex: "02"))
    let job = SearchJob.find(search, .backward, from: 50, in: source)
    #expect(job.wait() == .notFound)
    #expect(job.state == .notFound)
  }

  @Test func cancelStopsARunningSearch() throws {
    let reached = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    let source = InstrumentedSource(Array(repeating: 0, count: 10_000)) { visited in
      if visited == 2 {
        reached.signal()
        release.wait()
      }
    }
    let search = ByteSearch(pattern: try SearchPattern(hex: "ff"), chunkSize: 100)
    let job = SearchJob.start { progress throws(SearchError) in
      try search.find(.forward, from: 0, in: source, progress: progress)
    }
    reached.wait()
    #expect(job.state == .running)
    #expect(job.progress.bytesScanned == 100)
    job.cancel()
    release.signal()
    #expect(job.wait() == .failed(.cancelled))
    #expect(source.visitedChunks == 2)
  }
}
