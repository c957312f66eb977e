import TrafficFeatures

/// Converts a LightGBM text model (`model.txt`, binary objective) into a HydraWatch tree ensemble, so models
/// trained elsewhere are scored by the same runtime and carry the same contract.
///
/// Layout: LightGBM numbers internal nodes `0..<L−1` and refers to leaf `i` as child `~i` (negative); here
/// internal nodes keep their index and leaf `i` becomes node `L−1+i`, so the root stays node 0. Node values are
/// `internal_value`/`leaf_value`; cover is `internal_count`/`leaf_count` (training rows; hessian sums
/// `internal_weight`/`leaf_weight` if the counts are absent): LightGBM's own TreeSHAP weighs by row counts, so the
/// runtime's TreeSHAP then gives the values of `predict(pred_contrib=True)`.
///
/// Missing values (`decision_type` bits 2–3): NaN-type splits send NaN to the default side (bit 1), exactly as
/// here. None-type splits treat NaN as 0.0, so NaN goes where 0 would: default side = `0 <= threshold`.
/// Zero-type splits send zeros and NaN to the default side; that is exact here only when the default side is
/// also where 0 goes by comparison, otherwise the model is refused. Categorical splits, linear trees, multiclass
/// and sigmoid scales other than 1 are refused. An infinite threshold (LightGBM's NaN-versus-rest split) becomes
/// ±`greatestFiniteMagnitude`, identical for every finite feature value.
public enum LightGBMModelImporter {
    public static func modelFile(text: String, toolVersion: String) throws -> ModelFile {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        var header: [String: (String, Int)] = [:]
        var trees: [Tree] = []
        var i = 0
        // Header: key=value lines until the first "Tree=".
        while i < lines.count, !lines[i].hasPrefix("Tree=") {
            if let eq = lines[i].firstIndex(of: "=") {
                header[String(lines[i][..<eq])] = (String(lines[i][lines[i].index(after: eq)...]), i + 1)
            }
            if lines[i] == "end of trees" { break }
            i += 1
        }
        guard lines.first == "tree" else { throw LightGBMImportError.malformed(line: 1, reason: "expected \"tree\" (not a LightGBM text model)") }
        guard let (objective, objLine) = header["objective"] else { throw LightGBMImportError.malformed(line: 1, reason: "no objective line") }
        let objParts = objective.split(separator: " ")
        guard objParts.first == "binary" else {
            throw LightGBMImportError.unsupported("objective \"\(objective)\" (line \(objLine)); only binary is supported")
        }
        for p in objParts.dropFirst() where p.hasPrefix("sigmoid:") {
            guard Double(p.dropFirst("sigmoid:".count)) == 1 else {
                throw LightGBMImportError.unsupported("\(p) (line \(objLine)); only sigmoid:1 is supported")
            }
        }
        if let (k, l) = header["num_class"], k != "1" { throw LightGBMImportError.unsupported("num_class=\(k) (line \(l))") }
        guard let (namesText, namesLine) = header["feature_names"] else {
            throw LightGBMImportError.malformed(line: 1, reason: "no feature_names line")
        }
        let names = namesText.split(separator: " ").map(String.init)
        guard !names.isEmpty else { throw LightGBMImportError.malformed(line: namesLine, reason: "empty feature_names") }

        // Trees: blocks of key=value lines starting at "Tree=N".
        while i < lines.count {
            let line = lines[i]
            if line == "end of trees" { break }
            guard line.hasPrefix("Tree=") else { i += 1; continue }
            let start = i + 1
            var fields: [String: (String, Int)] = [:]
            i += 1
            while i < lines.count, !lines[i].isEmpty, !lines[i].hasPrefix("Tree="), lines[i] != "end of trees" {
                if let eq = lines[i].firstIndex(of: "=") {
                    fields[String(lines[i][..<eq])] = (String(lines[i][lines[i].index(after: eq)...]), i + 1)
                }
                i += 1
            }
            trees.append(try tree(fields, startLine: start, featureCount: names.count))
        }
        guard !trees.isEmpty else { throw LightGBMImportError.malformed(line: lines.count, reason: "no trees") }
        let schemaVersion = names == FeatureSchema.current.names ? FeatureSchema.current.version : 0
        let file = ModelFile(
            toolVersion: toolVersion, schema: ModelSchema(version: schemaVersion, featureNames: names),
            model: .treeEnsemble(TreeEnsemble(trees: trees, baseScore: 0)), outputTransform: .sigmoid, thresholds: [],
            provenance: Provenance(dataDigest: "", trainRows: 0, validationRows: 0,
                                   parameters: ["source": "lightgbm", "objective": objective], iterations: [], createdAt: nil))
        do {
            try file.validate()
        } catch let e as ModelFileError {
            throw LightGBMImportError.unsupported("the converted model is invalid: \(e.description)")
        }
        return file
    }

    static func tree(_ f: [String: (String, Int)], startLine: Int, featureCount: Int) throws -> Tree {
        func ints(_ key: String) throws -> [Int] {
            guard let (v, l) = f[key] else { throw LightGBMImportError.malformed(line: startLine, reason: "tree has no \(key)") }
            return try v.split(separator: " ").map {
                guard let x = Int($0) else { throw LightGBMImportError.malformed(line: l, reason: "\(key): not an integer: \($0)") }
                return x
            }
        }
        func doubles(_ key: String, required: Bool = true) throws -> [Double]? {
            guard let (v, l) = f[key] else {
                if required { throw LightGBMImportError.malformed(line: startLine, reason: "tree has no \(key)") }
                return nil
            }
            return try v.split(separator: " ").map {
                guard let x = Double($0) else { throw LightGBMImportError.malformed(line: l, reason: "\(key): not a number: \($0)") }
                return x
            }
        }
        let leaves = try ints("num_leaves").first ?? 0
        guard leaves >= 1 else { throw LightGBMImportError.malformed(line: startLine, reason: "num_leaves < 1") }
        if let (n, l) = f["num_cat"], n != "0" { throw LightGBMImportError.unsupported("categorical splits (num_cat=\(n), line \(l)); retrain with the features as numbers") }
        if let (n, l) = f["is_linear"], n != "0" { throw LightGBMImportError.unsupported("linear trees (line \(l))") }
        let leafValue = try doubles("leaf_value")!
        guard leafValue.count == leaves else { throw LightGBMImportError.malformed(line: startLine, reason: "leaf_value has \(leafValue.count) entries, num_leaves is \(leaves)") }
        let leafCover = try doubles("leaf_count", required: false) ?? doubles("leaf_weight", required: false) ?? [Double](repeating: 0, count: leaves)
        if leaves == 1 {
            return Tree(leftChild: [-1], rightChild: [-1], splitFeature: [0], threshold: [0], defaultLeft: [false],
                        value: leafValue, cover: [leafCover.first ?? 0])
        }
        let m = leaves - 1
        let splitFeature = try ints("split_feature"), decision = try ints("decision_type")
        let left = try ints("left_child"), right = try ints("right_child")
        // LightGBM writes `inf` for "every non-missing value goes left" (NaN-only splits); the model file needs
        // finite numbers, and the largest finite double routes every finite value the same way.
        let threshold = try doubles("threshold")!.map { $0.isInfinite ? ($0 > 0 ? Double.greatestFiniteMagnitude : -Double.greatestFiniteMagnitude) : $0 }
        let internalValue = try doubles("internal_value")!
        let internalCover = try doubles("internal_count", required: false) ?? doubles("internal_weight", required: false)
            ?? [Double](repeating: 0, count: m)
        for (name, c) in [("split_feature", splitFeature.count), ("decision_type", decision.count), ("left_child", left.count),
                          ("right_child", right.count), ("threshold", threshold.count), ("internal_value", internalValue.count),
                          ("internal cover", internalCover.count)] where c != m {
            throw LightGBMImportError.malformed(line: startLine, reason: "\(name) has \(c) entries, expected num_leaves − 1 = \(m)")
        }
        guard leafCover.count == leaves else { throw LightGBMImportError.malformed(line: startLine, reason: "leaf cover has \(leafCover.count) entries") }
        let n = m + leaves
        func node(_ child: Int) -> Int32 { Int32(child >= 0 ? child : m + ~child) }
        var dl = [Bool](repeating: false, count: n)
        for k in 0..<m {
            let d = decision[k]
            if d & 1 != 0 { throw LightGBMImportError.unsupported("categorical split at node \(k) (line \(startLine)); retrain with the features as numbers") }
            let defaultLeft = d & 2 != 0, zeroGoesLeft = 0 <= threshold[k]
            switch (d >> 2) & 3 {
            case 0: dl[k] = zeroGoesLeft  // None: NaN is treated as 0.0
            case 1:
                guard defaultLeft == zeroGoesLeft else {
                    throw LightGBMImportError.unsupported("node \(k) sends zeros to the \(defaultLeft ? "left" : "right") regardless of its threshold (missing type Zero); retrain with use_missing=true and zero_as_missing=false")
                }
                dl[k] = defaultLeft
            case 2: dl[k] = defaultLeft
            default: throw LightGBMImportError.malformed(line: startLine, reason: "unknown missing type in decision_type \(d)")
            }
            guard (0..<featureCount).contains(splitFeature[k]) else {
                throw LightGBMImportError.malformed(line: startLine, reason: "split_feature \(splitFeature[k]) out of range")
            }
            for c in [left[k], right[k]] where !(c >= 0 ? c < m : ~c < leaves) {
                throw LightGBMImportError.malformed(line: startLine, reason: "child \(c) of node \(k) out of range")
            }
        }
        return Tree(leftChild: left.map(node) + [Int32](repeating: -1, count: leaves),
                    rightChild: right.map(node) + [Int32](repeating: -1, count: leaves),
                    splitFeature: splitFeature.map(Int32.init) + [Int32](repeating: 0, count: leaves),
                    threshold: threshold + [Double](repeating: 0, count: leaves), defaultLeft: dl,
                    value: internalValue + leafValue, cover: internalCover + leafCover)
    }
}
