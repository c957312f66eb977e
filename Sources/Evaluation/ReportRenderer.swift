import Foundation

/// Renders an `EvaluationReport` as Markdown and as one self-contained HTML page (inline SVG plots, inline CSS,
/// no scripts or network fetches), so it opens offline and can be attached to an incident ticket.
public enum ReportRenderer {
    public static func json(_ r: EvaluationReport) throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try e.encode(r)
    }

    public static func markdown(_ r: EvaluationReport) -> String {
        var o = "# \(r.title)\n\nModel: `\(r.modelName)` · ground truth: \(r.groundTruth) · \(r.summary.rows) accounts "
        o += "(\(r.summary.positives) distillation, \(r.summary.negatives) benign)\n\n"
        o += "## Headline\n\n| metric | value | \(Int(r.summary.rocAUC.level * 100))% interval |\n|---|---|---|\n"
        o += "| ROC-AUC | \(f(r.summary.rocAUC.estimate)) | \(ci(r.summary.rocAUC)) |\n"
        o += "| average precision | \(f(r.summary.averagePrecision.estimate)) | \(ci(r.summary.averagePrecision)) |\n"
        for x in r.summary.recallAtFPR {
            o += "| recall at FPR ≤ \(pct(x.maxFPR)) | \(f(x.recall.estimate)) | \(ci(x.recall)) |\n"
        }
        o += "| log-loss | \(f(r.summary.logLoss)) | |\n| Brier | \(f(r.summary.brier)) | |\n"
        o += "| expected calibration error | \(f(r.summary.expectedCalibrationError)) | |\n"
        for p in r.summary.precisionAtK { o += "| precision@\(p.k) | \(f(p.precision)) | |\n" }
        let c = r.confusion
        o += "\n## Operating point\n\nThreshold \(f(c.threshold)) (\(c.thresholdSource)): recall \(f(c.recall)), "
        o += "FPR \(pct(c.fpr)), precision \(f(c.precision)).\n\n"
        o += "| | flagged | not flagged |\n|---|---|---|\n| distillation | \(c.truePositives) | \(c.falseNegatives) |\n"
        o += "| benign | \(c.falsePositives) | \(c.trueNegatives) |\n"
        if let cmp = r.comparison {
            o += "\n## Champion / challenger\n\n**Verdict: \(cmp.verdict).**\n\n"
            o += "| difference (challenger − \(cmp.baselineName)) | estimate | interval |\n|---|---|---|\n"
            o += "| ROC-AUC | \(signed(cmp.aucDifference.estimate)) | \(ci(cmp.aucDifference)) |\n"
            o += "| recall at FPR ≤ \(pct(cmp.recallFPR)) | \(signed(cmp.recallDifference.estimate)) | \(ci(cmp.recallDifference)) |\n"
        }
        o += "\n## Recall per campaign (at the operating threshold)\n\n| campaign | accounts | flagged | recall |\n|---|---|---|---|\n"
        for s in r.campaigns { o += "| \(s.name) | \(s.accounts) | \(s.flagged) | \(f(s.rate)) |\n" }
        if let cl = r.clusters {
            o += "\nAttacker clusters: \(cl.attackerClusters); with at least one flagged account: \(pct(cl.clustersTouched)); "
            o += "accounts flagged in them: \(pct(cl.accountsFlagged)).\n"
        }
        o += "\n## False-positive rate per benign segment\n\n| segment | accounts | flagged | FPR |\n|---|---|---|---|\n"
        for s in r.segments { o += "| \(s.name) | \(s.accounts) | \(s.flagged) | \(pct(s.rate)) |\n" }
        o += "\n## Threshold table\n\n| threshold | recall | FPR | precision | flagged |\n|---|---|---|---|---|\n"
        for t in r.thresholdTable {
            o += "| \(f(t.threshold)) | \(f(t.recall)) | \(pct(t.fpr)) | \(f(t.precision)) | \(t.truePositives + t.falsePositives) |\n"
        }
        o += "\n## Calibration\n\n| bin | accounts | mean predicted | observed rate |\n|---|---|---|---|\n"
        for b in r.calibration {
            o += "| \(f(b.lower))–\(f(b.upper)) | \(b.count) | \(f(b.meanPredicted)) | \(f(b.observedRate)) |\n"
        }
        if !r.featureImportance.isEmpty {
            o += "\n## Feature importance\n\n| feature | importance |\n|---|---|\n"
            for i in r.featureImportance.prefix(20) { o += "| \(i.feature) | \(f(i.value)) |\n" }
        }
        return o
    }

    public static func html(_ r: EvaluationReport) -> String {
        var body = "<h1>\(esc(r.title))</h1><p class=sub>Model <code>\(esc(r.modelName))</code> · ground truth: "
        body += "\(esc(r.groundTruth)) · \(r.summary.rows) accounts (\(r.summary.positives) distillation, \(r.summary.negatives) benign)</p>"
        body += "<div class=cards>"
        body += card("ROC-AUC", f(r.summary.rocAUC.estimate), ci(r.summary.rocAUC))
        body += card("Average precision", f(r.summary.averagePrecision.estimate), ci(r.summary.averagePrecision))
        for x in r.summary.recallAtFPR {
            body += card("Recall at FPR ≤ \(pct(x.maxFPR))", f(x.recall.estimate), ci(x.recall))
        }
        body += card("Operating threshold", f(r.confusion.threshold), r.confusion.thresholdSource)
        body += "</div>"
        if let cmp = r.comparison {
            body += "<h2>Champion / challenger</h2><p class=verdict>\(esc(cmp.verdict))</p>"
            body += table(["difference vs \(cmp.baselineName)", "estimate", "interval"], [
                ["ROC-AUC", signed(cmp.aucDifference.estimate), ci(cmp.aucDifference)],
                ["recall at FPR ≤ \(pct(cmp.recallFPR))", signed(cmp.recallDifference.estimate), ci(cmp.recallDifference)],
            ])
        }
        body += "<div class=grid>"
        body += figure("ROC curve", linePlot(r.roc, xLabel: "false-positive rate", yLabel: "recall", diagonal: true, logX: true))
        body += figure("Precision–recall", linePlot(r.precisionRecall, xLabel: "recall", yLabel: "precision", diagonal: false, logX: false))
        body += figure("Calibration", calibrationPlot(r.calibration))
        // The legend sits under the plot, where it cannot cover a bar.
        body += figure("Scores by class", histogramPlot(r.scoreHistogram)
                       + "<p class=legend><span style=\"color:#94a3b8\">■</span> benign · "
                       + "<span style=\"color:#dc2626\">■</span> distillation (each class sums to 100%)</p>")
        body += figure("Recall per campaign", barPlot(r.campaigns.map { ($0.name, $0.rate) }, maxValue: 1, percentLabels: false))
        body += figure("FPR per benign segment", barPlot(r.segments.map { ($0.name, $0.rate) },
                                                          maxValue: max(0.005, r.segments.map(\.rate).max() ?? 0), percentLabels: true))
        if !r.featureImportance.isEmpty {
            let top = Array(r.featureImportance.prefix(15))
            body += figure("Feature importance", barPlot(top.map { ($0.feature, $0.value) }, maxValue: top.map(\.value).max() ?? 1, percentLabels: false,
                                                         counts: top.allSatisfy { $0.value == $0.value.rounded() }))
        }
        body += "</div>"
        let c = r.confusion
        body += "<h2>Operating point</h2>" + table(["", "flagged", "not flagged"], [
            ["distillation", "\(c.truePositives)", "\(c.falseNegatives)"], ["benign", "\(c.falsePositives)", "\(c.trueNegatives)"],
        ])
        body += "<h2>Recall per campaign</h2>" + table(["campaign", "accounts", "flagged", "recall"],
                                                         r.campaigns.map { [$0.name, "\($0.accounts)", "\($0.flagged)", f($0.rate)] })
        if let cl = r.clusters {
            body += "<p>Attacker clusters: \(cl.attackerClusters); touched: \(pct(cl.clustersTouched)); accounts flagged: \(pct(cl.accountsFlagged)).</p>"
        }
        body += "<h2>False-positive rate per benign segment</h2>" + table(["segment", "accounts", "flagged", "FPR"],
                                                                           r.segments.map { [$0.name, "\($0.accounts)", "\($0.flagged)", pct($0.rate)] })
        body += "<h2>Threshold table</h2>" + table(["threshold", "recall", "FPR", "precision", "flagged"], r.thresholdTable.map {
            [f($0.threshold), f($0.recall), pct($0.fpr), f($0.precision), "\($0.truePositives + $0.falsePositives)"]
        })
        let css = """
        body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1100px;color:#1d2330;padding:0 1rem}
        h1{margin:0 0 .2rem}h2{margin-top:2rem;border-bottom:1px solid #e3e6ec;padding-bottom:.3rem}.sub{color:#5b6475;margin-top:0}
        .cards{display:flex;gap:1rem;flex-wrap:wrap;margin:1.2rem 0}.card{border:1px solid #e3e6ec;border-radius:10px;padding:.8rem 1rem;min-width:170px}
        .card .k{color:#5b6475;font-size:.85rem}.card .v{font-size:1.7rem;font-weight:600}.card .c{color:#5b6475;font-size:.8rem}
        .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:1rem;align-items:start;margin-top:1.5rem}
        figure{margin:0;border:1px solid #e3e6ec;border-radius:10px;padding:.6rem}figcaption{font-weight:600;margin-bottom:.3rem}
        table{border-collapse:collapse;margin:.5rem 0}td,th{border-bottom:1px solid #e3e6ec;padding:.3rem .8rem;text-align:right}
        td:first-child,th:first-child{text-align:left}.verdict{font-weight:600;font-size:1.1rem}svg text{font-size:11px;fill:#5b6475}.legend{margin:.2rem 0 0;font-size:.8rem;color:#5b6475}
        """
        return "<!doctype html><html lang=en><head><meta charset=utf-8><meta name=viewport content=\"width=device-width\">"
            + "<title>\(esc(r.title))</title><style>\(css)</style></head><body>\(body)</body></html>\n"
    }

    // MARK: - Plots (inline SVG)

    // Margins leave room for the rotated y-axis title beside the tick labels and for the last x tick label,
    // which is centred on the right end of the axis (checked in a headless browser: see scripts/report_screenshot.sh).
    static let w = 340.0, h = 240.0, left = 50.0, bottom = 32.0, top = 12.0, right = 22.0

    static func frame(_ xLabel: String, _ yLabel: String, xTicks: [(Double, String)], yTicks: [(Double, String)]) -> String {
        var s = "<line x1=\(left) y1=\(h - bottom) x2=\(w - right) y2=\(h - bottom) stroke=#999 />"
        s += "<line x1=\(left) y1=\(top) x2=\(left) y2=\(h - bottom) stroke=#999 />"
        for (x, l) in xTicks { s += "<text x=\(x) y=\(h - bottom + 13) text-anchor=middle>\(l)</text>" }
        for (y, l) in yTicks { s += "<text x=\(left - 4) y=\(y + 4) text-anchor=end>\(l)</text>" }
        s += "<text x=\((left + w - right) / 2) y=\(h - 3) text-anchor=middle>\(esc(xLabel))</text>"
        s += "<text x=12 y=\((top + h - bottom) / 2) text-anchor=middle transform=\"rotate(-90 12 \((top + h - bottom) / 2))\">\(esc(yLabel))</text>"
        return s
    }

    static let unitTicks = [0.0, 0.25, 0.5, 0.75, 1.0]
    static func tick(_ x: Double) -> String { x == 0 ? "0" : x == 1 ? "1" : String(format: "%g", x) }

    static func px(_ x: Double) -> Double { left + x * (w - left - right) }
    static func py(_ y: Double) -> Double { h - bottom - y * (h - bottom - top) }

    static func linePlot(_ pts: [EvaluationReport.CurvePoint], xLabel: String, yLabel: String, diagonal: Bool, logX: Bool) -> String {
        // On a log FPR axis (1e-4 … 1) the region a T&S team operates in (FPR ≤ 1%) gets half the width.
        func tx(_ x: Double) -> Double { logX ? (log10(max(x, 1e-4)) + 4) / 4 : x }
        let xt: [(Double, String)] = logX ? [(px(0), "0.01%"), (px(0.25), "0.1%"), (px(0.5), "1%"), (px(0.75), "10%"), (px(1), "100%")]
            : unitTicks.map { (px($0), tick($0)) }
        var s = svgOpen() + frame(xLabel, yLabel, xTicks: xt, yTicks: unitTicks.map { (py($0), tick($0)) })
        if diagonal && !logX { s += "<line x1=\(px(0)) y1=\(py(0)) x2=\(px(1)) y2=\(py(1)) stroke=#ccc stroke-dasharray=4 />" }
        let path = pts.filter { $0.x.isFinite && $0.y.isFinite }.map { "\(r1(px(tx($0.x)))),\(r1(py($0.y)))" }.joined(separator: " ")
        s += "<polyline fill=none stroke=#2563eb stroke-width=2 points=\"\(path)\" />"
        return s + "</svg>"
    }

    static func calibrationPlot(_ bins: [CalibrationMetrics.Bin]) -> String {
        var s = svgOpen() + frame("mean predicted", "observed rate", xTicks: unitTicks.map { (px($0), tick($0)) },
                                  yTicks: unitTicks.map { (py($0), tick($0)) })
        s += "<line x1=\(px(0)) y1=\(py(0)) x2=\(px(1)) y2=\(py(1)) stroke=#ccc stroke-dasharray=4 />"
        let path = bins.map { "\(r1(px($0.meanPredicted))),\(r1(py($0.observedRate)))" }.joined(separator: " ")
        s += "<polyline fill=none stroke=#2563eb stroke-width=2 points=\"\(path)\" />"
        for b in bins { s += "<circle cx=\(r1(px(b.meanPredicted))) cy=\(r1(py(b.observedRate))) r=3 fill=#2563eb><title>\(b.count) accounts</title></circle>" }
        return s + "</svg>"
    }

    static func histogramPlot(_ hgm: EvaluationReport.Histogram) -> String {
        // Each class is normalised to its own total so that 5% positives remain visible next to 95% negatives.
        let tp = max(1, hgm.positives.reduce(0, +)), tn = max(1, hgm.negatives.reduce(0, +))
        let fp = hgm.positives.map { Double($0) / Double(tp) }, fn = hgm.negatives.map { Double($0) / Double(tn) }
        let m = max(fp.max() ?? 1, fn.max() ?? 1, 1e-9)
        var s = svgOpen() + frame("score", "share of class", xTicks: unitTicks.map { (px($0), tick($0)) },
                                  yTicks: [(py(0), "0"), (py(1), String(format: "%.0f%%", m * 100))])
        let n = Double(fn.count), bw = (w - left - right) / n
        for i in 0..<fn.count {
            let x = px(Double(i) / n)
            s += "<rect x=\(r1(x)) y=\(r1(py(fn[i] / m))) width=\(r1(bw / 2)) height=\(r1(py(0) - py(fn[i] / m))) fill=#94a3b8><title>benign \(hgm.negatives[i])</title></rect>"
            s += "<rect x=\(r1(x + bw / 2)) y=\(r1(py(fp[i] / m))) width=\(r1(bw / 2)) height=\(r1(py(0) - py(fp[i] / m))) fill=#dc2626><title>distillation \(hgm.positives[i])</title></rect>"
        }
        return s + "</svg>"
    }

    /// `counts`: whole-number values (split counts) are labelled without decimals.
    static func barPlot(_ items: [(String, Double)], maxValue: Double, percentLabels: Bool, counts: Bool = false) -> String {
        let rowH = 18.0, labelW = 168.0  // fits the longest feature name (28 characters)
        let height = max(40, Double(items.count) * rowH + 10)
        var s = "<svg viewBox=\"0 0 \(w) \(height)\" width=100% role=img>"
        for (i, (name, v)) in items.enumerated() {
            let y = 5 + Double(i) * rowH
            // 66 units stay free right of the longest bar for its value label ("100.00%").
            let bar = (w - labelW - 66) * (maxValue > 0 ? min(1, v / maxValue) : 0)
            s += "<text x=\(labelW - 4) y=\(y + 12) text-anchor=end>\(esc(String(name.prefix(28))))</text>"
            s += "<rect x=\(labelW) y=\(y + 2) width=\(r1(bar)) height=\(rowH - 5) fill=#2563eb />"
            let label = percentLabels ? pct(v) : counts ? String(format: "%.0f", v) : f(v)
            s += "<text x=\(r1(labelW + bar + 4)) y=\(y + 12)>\(label)</text>"
        }
        return s + "</svg>"
    }

    static func svgOpen() -> String { "<svg viewBox=\"0 0 \(w) \(h)\" width=100% role=img>" }
    static func figure(_ title: String, _ svg: String) -> String { "<figure><figcaption>\(esc(title))</figcaption>\(svg)</figure>" }
    static func card(_ k: String, _ v: String, _ c: String) -> String {
        "<div class=card><div class=k>\(esc(k))</div><div class=v>\(esc(v))</div><div class=c>\(esc(c))</div></div>"
    }
    static func table(_ head: [String], _ rows: [[String]]) -> String {
        "<table><tr>" + head.map { "<th>\(esc($0))</th>" }.joined() + "</tr>"
            + rows.map { "<tr>" + $0.map { "<td>\(esc($0))</td>" }.joined() + "</tr>" }.joined() + "</table>"
    }

    static func esc(_ s: String) -> String {
        var o = ""
        for ch in s {
            switch ch {
            case "&": o += "&amp;"
            case "<": o += "&lt;"
            case ">": o += "&gt;"
            case "\"": o += "&quot;"
            default: o.append(ch)
            }
        }
        return o
    }

    static func f(_ x: Double) -> String { x.isFinite ? String(format: "%.4f", x) : "n/a" }
    static func signed(_ x: Double) -> String { x.isFinite ? String(format: "%+.4f", x) : "n/a" }
    static func pct(_ x: Double) -> String { x.isFinite ? String(format: "%.2f%%", x * 100) : "n/a" }
    static func r1(_ x: Double) -> String { String(format: "%.1f", x) }
    static func ci(_ i: Bootstrap.Interval) -> String { i.lower.isFinite ? "[\(f(i.lower)), \(f(i.upper))]" : "n/a" }
}
