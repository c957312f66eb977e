import TrafficFeatures

extension Dataset {
    /// Training rows from an extracted feature table: labelled accounts only (unlabelled rows are scored later,
    /// never trained on). `keyColumn` picks the group column for grouped splits: `cluster` or `campaign`.
    init(featureTable t: FeatureTable, path: String, keyColumn: String?) throws {
        let keep = (0..<t.rowCount).filter { !t.labels[$0].isNaN }
        guard !keep.isEmpty else {
            throw TrainingError.badInput(file: path, line: nil, column: "label",
                                         reason: "no labelled rows (labels are 1 or 0; the rest are unlabelled)")
        }
        var groups: [String]?
        switch keyColumn {
        case nil: groups = nil
        case "cluster": groups = keep.map { t.clusters[$0] ?? "row-\($0)" }
        case "campaign": groups = keep.map { t.campaigns[$0] ?? "row-\($0)" }
        case let other?:
            throw TrainingError.badInput(file: path, line: nil, column: other,
                                         reason: "a feature table can be grouped by cluster or campaign")
        }
        var values = [Double](repeating: .nan, count: keep.count * t.columnCount)
        for c in 0..<t.columnCount {
            let base = c * t.rowCount, out = c * keep.count
            for (i, r) in keep.enumerated() { values[out + i] = t.columns[base + r] }
        }
        self.init(featureNames: t.featureNames, rowCount: keep.count, values: values, labels: keep.map { t.labels[$0] },
                  rowIDs: t.accountIDs.map { ids in keep.map { ids[$0] } }, groups: groups)
        schemaVersion = t.schema.version
    }
}
