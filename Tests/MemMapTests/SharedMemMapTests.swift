import MemMap
import Synchronization
import Testing

@Suite("A map shared by many tasks")
struct SharedMemMapTests {
  @Test func manyTasksReadOneMapAtOnce() async throws {
    let directory = try TemporaryDirectory()
    let content = pattern(1 << 20)
    let path = try directory.write("data.bin", content)
    let shared = SharedMemMap(try MemMap.open(path))
    let expectedSum = content.reduce(0) { $0 &+ Int($1) }
    let sums = try await withThrowingTaskGroup(of: [Int].self) { group in
      for task in 0..<8 {
        group.addTask {
          let offset = task * 4096
          let loaded = Int(try shared.map.load(as: UInt32.self, at: offset + 1, endianness: .little))
          let read = try shared.map.read(at: offset, count: 16).reduce(0) { $0 + Int($1) }
          let viewed = try shared.map.withBytes { byteSum($0) }
          let chunked = Atomic<Int>(0)
          try shared.map.forEachChunk(in: 0..<shared.count, chunkSize: 1 << 16, concurrently: true) { _, bytes in
            chunked.add(byteSum(bytes), ordering: .relaxed)
            return true
          }
          return [loaded, read, viewed, chunked.load(ordering: .relaxed)]
        }
      }
      var results: [[Int]] = []
      for try await result in group { results.append(result) }
      return results
    }
    #expect(sums.count == 8)
    for result in sums {
      #expect(result[2] == expectedSum)
      #expect(result[3] == expectedSum)
    }
    let firstLoads = Set(sums.map { $0[0] })
    let expectedLoads = Set((0..<8).map { task in
      (0..<4).reduce(0) { $0 | Int(content[task * 4096 + 1 + $1]) << (8 * $1) }
    })
    #expect(firstLoads == expectedLoads)
    #expect(shared.count == 1 << 20)
  }
}
