/// Settings of one extraction run.
public struct ExtractionOptions: Sendable {
    public var read: ReadOptions
    public var window: TimeWindow
    /// Keys shared by more accounts than this are not used to link accounts (see `AccountLinker`).
    public var fanOutCap: Int

    public init(read: ReadOptions = ReadOptions(), window: TimeWindow = TimeWindow(), fanOutCap: Int = 50) {
        self.read = read
        self.window = window
        self.fanOutCap = fanOutCap
    }
}
