import HydraWatchCLI
import ScoringRuntime
import TrafficFeatures

/// Streaming mode (`--traffic`): the extractor's reader and accumulators, driven by `ScoringSession`.
extension ScoreCommand {
    func scoreTraffic() throws {
        let file = try loadModel()
        let context: FeatureContext
        do {
            context = FeatureContext(models: try models.map(ModelRelease.read) ?? [],
                                     accounts: try accounts.map(AccountRecord.read) ?? [])
        } catch let e as TrafficError {
            throw Self.failure(e)
        }
        let options = ScoringSession.Options(emitEvery: emitEvery?.seconds, idleEvict: idleEvict?.seconds,
                                             reasons: reasons, fanOutCap: fanOutCap, explanation: explain)
        let session: ScoringSession
        do {
            session = try ScoringSession(model: file, context: context, options: options)
        } catch let e as ModelFileError {
            throw CommandFailure.verification("\(model) does not fit the features computed from traffic: \(e.description)")
        }
        try checkExplanation(session.scorer)
        if session.threshold == nil {
            Diagnostics.note("hydrawatch-score: note: the model has no operating threshold; decisions are null")
        }
        let reader: TrafficReader
        do {
            reader = try TrafficReader(options: ReadOptions(maxErrors: maxErrors, strict: strict, rejectsPath: rejects))
        } catch let e as TrafficError {
            throw Self.failure(e)
        }
        var shown = 0
        reader.onIssue = { issue in
            shown += 1
            if shown <= 20 { Diagnostics.error("hydrawatch-score: rejected: \(issue)") }
        }
        var writer = try ScoreLineWriter(path: out)
        var periodic = 0
        do {
            _ = try reader.read(path: traffic!) { record in
                for line in session.add(record) {
                    if line.asOf != nil { periodic += 1 }
                    try writer.append(line.json)
                }
            }
        } catch let e as TrafficError {
            throw Self.failure(e)
        }
        var flagged = 0
        let final = session.finish()
        for line in final {
            if line.flagged == true { flagged += 1 }
            try writer.append(line.json)
        }
        try writer.flush()
        let stats = reader.stats
        if stats.rejected > 0 {
            let reasons = stats.rejectedByReason.sorted { $0.key.rawValue < $1.key.rawValue }
                .map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: " ")
            Diagnostics.note("hydrawatch-score: \(stats.rejected) of \(stats.lines) lines rejected: \(reasons)")
        }
        let stream = session.stream
        Diagnostics.note("hydrawatch-score: \(stream.used) requests used, \(stream.duplicates) duplicates; "
            + "\(final.count) accounts at the end, \(session.evicted) evicted, \(periodic) periodic lines"
            + (session.threshold.map { "; \(flagged) flagged at threshold \($0) at the end" } ?? ""))
    }

    /// The extractor's mapping of reading errors to exit statuses, with the library's own sentence.
    static func failure(_ e: TrafficError) -> Error {
        switch e {
        case let .cannotOpen(path, reason), let .readFailed(path, reason):
            return TrafficFailure(exitStatus: .noInput, message: "cannot read \(path): \(reason)")
        case let .cannotWrite(path, reason): return CommandFailure.cannotWrite(path, reason)
        case .tooManyRejects, .malformed: return CommandFailure.badInput("\(e)")
        }
    }
}
