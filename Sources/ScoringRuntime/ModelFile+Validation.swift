extension ModelFile {
    /// Checks every invariant scoring relies on: finite numbers, array lengths equal to the schema's feature
    /// count, tree child indices in range with each node reached exactly once from the root (no cycles, no
    /// orphans), split features in range, thresholds in (0, 1) with targets in [0, 1].
    public func validate() throws {
        guard schema.fingerprint == ModelSchema.fingerprint(version: schema.version, featureNames: schema.featureNames) else {
            throw ModelFileError.invalid(path: "schema.fingerprint",
                                         reason: "does not match the feature names and schema version")
        }
        guard !schema.featureNames.isEmpty else { throw ModelFileError.invalid(path: "schema.feature_names", reason: "empty") }
        let d = schema.featureCount
        switch model {
        case let .logistic(m):
            try ModelFile.check(m.mean, count: d, path: "model.logistic.mean")
            try ModelFile.check(m.scale, count: d, path: "model.logistic.scale")
            try ModelFile.check(m.coefficients, count: d, path: "model.logistic.coefficients")
            if let j = m.scale.firstIndex(where: { $0 <= 0 }) {
                throw ModelFileError.invalid(path: "model.logistic.scale[\(j)]", reason: "must be > 0")
            }
            guard m.intercept.isFinite else { throw ModelFileError.invalid(path: "model.logistic.intercept", reason: "not finite") }
        case let .treeEnsemble(e):
            guard e.baseScore.isFinite else { throw ModelFileError.invalid(path: "model.tree_ensemble.base_score", reason: "not finite") }
            for (t, tree) in e.trees.enumerated() {
                try ModelFile.check(tree, featureCount: d, path: "model.tree_ensemble.trees[\(t)]")
            }
        }
        for (i, th) in thresholds.enumerated() {
            guard th.threshold.isFinite, th.targetFPR.isFinite, (0...1).contains(th.targetFPR) else {
                throw ModelFileError.invalid(path: "thresholds[\(i)]", reason: "threshold must be finite and target_fpr in [0, 1]")
            }
        }
    }

    static func check(_ values: [Double], count: Int, path: String) throws {
        guard values.count == count else {
            throw ModelFileError.invalid(path: path, reason: "has \(values.count) values, schema has \(count) features")
        }
        if let j = values.firstIndex(where: { !$0.isFinite }) {
            throw ModelFileError.invalid(path: "\(path)[\(j)]", reason: "not finite")
        }
    }

    static func check(_ tree: Tree, featureCount d: Int, path: String) throws {
        let n = tree.nodeCount
        guard n > 0 else { throw ModelFileError.invalid(path: path, reason: "tree has no nodes") }
        let lengths = [("right_child", tree.rightChild.count), ("split_feature", tree.splitFeature.count),
                       ("threshold", tree.threshold.count), ("default_left", tree.defaultLeft.count),
                       ("value", tree.value.count), ("cover", tree.cover.count)]
        for (name, c) in lengths where c != n {
            throw ModelFileError.invalid(path: "\(path).\(name)", reason: "has \(c) entries, left_child has \(n)")
        }
        var seen = [Bool](repeating: false, count: n)
        var stack: [Int] = [0]
        seen[0] = true
        while let node = stack.popLast() {
            let l = Int(tree.leftChild[node]), r = Int(tree.rightChild[node])
            guard tree.value[node].isFinite, tree.cover[node].isFinite else {
                throw ModelFileError.invalid(path: "\(path).value[\(node)]", reason: "value or cover not finite")
            }
            if l == -1 {
                guard r == -1 else { throw ModelFileError.invalid(path: "\(path).right_child[\(node)]", reason: "leaf has a right child") }
                continue
            }
            let f = Int(tree.splitFeature[node])
            guard (0..<d).contains(f) else {
                throw ModelFileError.invalid(path: "\(path).split_feature[\(node)]", reason: "feature \(f) out of range 0..<\(d)")
            }
            guard tree.threshold[node].isFinite else {
                throw ModelFileError.invalid(path: "\(path).threshold[\(node)]", reason: "not finite")
            }
            for (name, c) in [("left_child", l), ("right_child", r)] {
                guard (1..<n).contains(c) else {
                    throw ModelFileError.invalid(path: "\(path).\(name)[\(node)]", reason: "child \(c) out of range 1..<\(n)")
                }
                guard !seen[c] else {
                    throw ModelFileError.invalid(path: "\(path).\(name)[\(node)]", reason: "node \(c) reached twice (cycle or shared node)")
                }
                seen[c] = true
                stack.append(c)
            }
        }
        if let orphan = seen.firstIndex(of: false) {
            throw ModelFileError.invalid(path: "\(path)", reason: "node \(orphan) is not reachable from the root")
        }
    }
}
