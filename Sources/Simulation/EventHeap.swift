/// A binary min-heap of (time, account) pairs: the k-way merge that keeps traffic.jsonl in time order
/// while each account's clock generates lazily. Ties break on the account index, so order is deterministic.
struct EventHeap {
    private var times: [Int64] = []
    private var ids: [Int32] = []

    init(capacity: Int) {
        times.reserveCapacity(capacity)
        ids.reserveCapacity(capacity)
    }

    var isEmpty: Bool { times.isEmpty }
    var count: Int { times.count }
    var top: (time: Int64, account: Int) { (times[0], Int(ids[0])) }

    @inline(__always)
    private func less(_ i: Int, _ j: Int) -> Bool {
        times[i] < times[j] || (times[i] == times[j] && ids[i] < ids[j])
    }

    mutating func push(time: Int64, account: Int) {
        times.append(time)
        ids.append(Int32(account))
        var i = times.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard less(i, parent) else { break }
            times.swapAt(i, parent); ids.swapAt(i, parent)
            i = parent
        }
    }

    /// Replaces the top's time (the same account's next event) and restores order.
    mutating func replaceTop(time: Int64) {
        times[0] = time
        siftDown(0)
    }

    mutating func popTop() {
        let last = times.count - 1
        times.swapAt(0, last); ids.swapAt(0, last)
        times.removeLast(); ids.removeLast()
        if !times.isEmpty { siftDown(0) }
    }

    @inline(__always)
    private mutating func siftDown(_ start: Int) {
        var i = start
        let n = times.count
        while true {
            let l = 2 * i + 1
            if l >= n { break }
            var m = l
            if l + 1 < n && less(l + 1, l) { m = l + 1 }
            guard less(m, i) else { break }
            times.swapAt(i, m); ids.swapAt(i, m)
            i = m
        }
    }
}
