import ScoringRuntime

/// One grown tree, in both forms the boosting loop needs.
struct GBDTGrownTree: Sendable {
    /// The prediction form: raw-value thresholds, leaf values already multiplied by the learning rate.
    var tree: Tree
    /// Bin thresholds per node (−1 for leaves), to route training rows that were not in the bag.
    var thresholdBins: [Int]
    /// Rows of the bag grouped by leaf, with each leaf's node index, to update training scores.
    var partition: GBDTDataPartition
    var leafNodes: [Int]
    /// (feature, gain) of every split, for importances.
    var splits: [(feature: Int, gain: Double)]

    var leafCount: Int { leafNodes.count }
}

/// Grows one tree leaf-wise (best-first): always split the leaf whose best split has the largest gain,
/// until `numLeaves` leaves or no leaf has a usable split. A leaf at depth `maxDepth` (> 0) is not split.
///
/// Leaf output (with shrinkage): −G/(H+λ) · learningRate. Histograms: the smaller child is built from its
/// rows and the larger one is the parent's histogram minus the smaller one (`GBDTHistogramBuilder`).
struct GBDTTreeLearner {
    let matrix: GBDTBinnedMatrix
    let cuts: GBDTBinCuts
    let evaluator: GBDTSplitEvaluator
    let numLeaves: Int
    let maxDepth: Int
    let learningRate: Double
    let parallel: GBDTParallel

    private struct Leaf {
        var node: Int
        var depth: Int
        var sumGrad: Double
        var sumHess: Double
        var count: Int
        var best: GBDTSplit?
    }

    /// Grows a tree on `rows` (ascending; `allRows` when it is every training row) using `features`.
    /// `histograms` is scratch space of `numLeaves × matrix.totalBins` pairs and `ordered` of `matrix.rowCount`
    /// pairs, reused across trees.
    func grow(rows: [Int32], allRows: Bool, features: [Int], gradients: [SIMD2<Float>],
              histograms: inout [SIMD2<Double>], ordered: inout [SIMD2<Float>]) -> GBDTGrownTree {
        var partition = GBDTDataPartition(rows: rows, maxLeaves: numLeaves)
        let builder = GBDTHistogramBuilder(matrix: matrix, parallel: parallel)
        let stride = matrix.totalBins

        var left: [Int32] = [-1], right: [Int32] = [-1], feature: [Int32] = [-1]
        var thresholdBin: [Int] = [-1], threshold: [Double] = [0], defaultLeft: [Bool] = [false]
        var nodeGrad: [Double] = [0], nodeHess: [Double] = [0]
        var splits: [(feature: Int, gain: Double)] = []
        var leaves: [Leaf] = []
        var slot = Array(0..<numLeaves)

        histograms.withUnsafeMutableBufferPointer { histBuffer in
          ordered.withUnsafeMutableBufferPointer { og in
              gradients.withUnsafeBufferPointer { g in
                  let hist = histBuffer.baseAddress!

                  func buildHistogram(leaf: Int, into s: Int, identity: Bool) {
                      partition.indices.withUnsafeBufferPointer { idx in
                          builder.build(histogram: hist + s * stride, rows: idx.baseAddress! + partition.begin[leaf],
                                        count: partition.count[leaf], identity: identity,
                                        gradients: g.baseAddress!, ordered: og.baseAddress!, features: features)
                      }
                  }

                  func findBest(_ leaf: inout Leaf, slot s: Int) {
                      leaf.best = nil
                      if maxDepth > 0 && leaf.depth >= maxDepth { return }
                      if leaf.count < 2 * evaluator.minDataInLeaf { return }
                      if leaf.sumHess < 2 * evaluator.minSumHessianInLeaf { return }
                      var candidates = [GBDTSplit?](repeating: nil, count: features.count)
                      let base = UnsafePointer(hist + s * stride)
                      let (sg, sh, c) = (leaf.sumGrad, leaf.sumHess, leaf.count)
                      candidates.withUnsafeMutableBufferPointer { out in
                          let out = out
                          parallel.forEach(features.count) { k in
                              let f = features[k]
                              out[k] = evaluator.bestSplit(feature: f, histogram: base + matrix.binOffsets[f],
                                                           binCount: matrix.binCounts[f],
                                                           featureHasMissing: matrix.hasMissing[f], sumGrad: sg, sumHess: sh,
                                                           count: c)
                          }
                      }
                      for case let s? in candidates where s.gain > (leaf.best?.gain ?? 0) {
                          leaf.best = s
                      }
                  }

                  // Root: totals from the first used feature's histogram (every row falls in one of its bins).
                  buildHistogram(leaf: 0, into: slot[0], identity: allRows)
                  var root = Leaf(node: 0, depth: 0, sumGrad: 0, sumHess: 0, count: partition.count[0], best: nil)
                  if let f0 = features.first {
                      let p = hist + slot[0] * stride + matrix.binOffsets[f0]
                      for b in 0..<matrix.binCounts[f0] {
                          root.sumGrad += p[b].x
                          root.sumHess += p[b].y
                      }
                  }
                  nodeGrad[0] = root.sumGrad
                  nodeHess[0] = root.sumHess
                  findBest(&root, slot: slot[0])
                  leaves.append(root)

                  while leaves.count < numLeaves {
                      var pick = -1
                      var pickGain = 0.0
                      for (l, leaf) in leaves.enumerated() {
                          if let s = leaf.best, s.gain > pickGain {
                              pick = l
                              pickGain = s.gain
                          }
                      }
                      if pick < 0 { break }
                      let split = leaves[pick].best!
                      let parentNode = leaves[pick].node
                      let f = split.feature
                      let newLeaf = leaves.count

                      // Nodes: the split leaf's node becomes internal with two new leaf nodes.
                      let leftNode = left.count, rightNode = left.count + 1
                      left[parentNode] = Int32(leftNode)
                      right[parentNode] = Int32(rightNode)
                      feature[parentNode] = Int32(f)
                      thresholdBin[parentNode] = split.thresholdBin
                      let bound = cuts.upperBounds[f][split.thresholdBin]
                      threshold[parentNode] = bound.isFinite ? bound : .greatestFiniteMagnitude
                      defaultLeft[parentNode] = matrix.hasMissing[f] ? split.defaultLeft : 0 <= bound
                      left += [-1, -1]
                      right += [-1, -1]
                      feature += [-1, -1]
                      thresholdBin += [-1, -1]
                      threshold += [0, 0]
                      defaultLeft += [false, false]
                      nodeGrad += [split.leftGrad, split.rightGrad]
                      nodeHess += [split.leftHess, split.rightHess]
                      splits.append((f, split.gain))

                      // Rows.
                      let missingBin = UInt8(matrix.binCounts[f] - 1)
                      let tb = UInt8(split.thresholdBin)
                      let dl = split.defaultLeft
                      matrix.bins.withUnsafeBufferPointer { bins in
                          partition.split(leaf: pick, newLeaf: newLeaf, column: bins.baseAddress! + f * matrix.rowCount,
                                          parallel: parallel) {
                              $0 == missingBin ? dl : $0 <= tb
                          }
                      }

                      // Histograms: build the smaller child, subtract for the larger.
                      let depth = leaves[pick].depth + 1
                      var l = Leaf(node: leftNode, depth: depth, sumGrad: split.leftGrad, sumHess: split.leftHess,
                                   count: partition.count[pick], best: nil)
                      var r = Leaf(node: rightNode, depth: depth, sumGrad: split.rightGrad, sumHess: split.rightHess,
                                   count: partition.count[newLeaf], best: nil)
                      let parentSlot = slot[pick], freeSlot = slot[newLeaf]
                      if l.count < r.count {
                          buildHistogram(leaf: pick, into: freeSlot, identity: false)
                          builder.subtract(parent: hist + parentSlot * stride,
                                           smaller: hist + freeSlot * stride, features: features)
                          slot[pick] = freeSlot
                          slot[newLeaf] = parentSlot
                      } else {
                          buildHistogram(leaf: newLeaf, into: freeSlot, identity: false)
                          builder.subtract(parent: hist + parentSlot * stride,
                                           smaller: hist + freeSlot * stride, features: features)
                      }
                      if leaves.count + 1 < numLeaves {
                          findBest(&l, slot: slot[pick])
                          findBest(&r, slot: slot[newLeaf])
                      }
                      leaves[pick] = l
                      leaves.append(r)
                  }
              }
          }
        }

        let value = zip(nodeGrad, nodeHess).map { evaluator.leafOutput($0, $1) * learningRate }
        let tree = Tree(leftChild: left, rightChild: right, splitFeature: feature, threshold: threshold,
                        defaultLeft: defaultLeft, value: value, cover: nodeHess)
        return GBDTGrownTree(tree: tree, thresholdBins: thresholdBin, partition: partition,
                             leafNodes: leaves.map(\.node), splits: splits)
    }
}
