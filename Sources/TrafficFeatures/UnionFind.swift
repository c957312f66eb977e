/// Disjoint sets over 0..<n with path halving and union by size. The representative is the smallest member
/// index, so components (and the cluster ids derived from them) never depend on the order of unions.
struct UnionFind: Sendable {
    private var parent: [Int32]
    private(set) var size: [Int32]

    init(count: Int) {
        parent = (0..<count).map { Int32($0) }
        size = [Int32](repeating: 1, count: count)
    }

    mutating func find(_ x: Int) -> Int {
        var x = x
        while Int(parent[x]) != x {
            parent[x] = parent[Int(parent[x])]
            x = Int(parent[x])
        }
        return x
    }

    mutating func union(_ a: Int, _ b: Int) {
        let ra = find(a), rb = find(b)
        if ra == rb { return }
        let (keep, drop) = ra < rb ? (ra, rb) : (rb, ra)
        parent[drop] = Int32(keep)
        size[keep] += size[drop]
    }
}
