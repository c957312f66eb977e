/// A fitted logistic regression in the form prediction needs.
/// Raw margin: `intercept + Σ_j coefficients[j] * (x_j - mean[j]) / scale[j]`; missing values (NaN) are
/// imputed with `mean[j]` (contribute 0). The output transform is the sigmoid.
public struct LogisticModel: Sendable, Equatable, Codable {
    public var mean: [Double]
    public var scale: [Double]
    public var coefficients: [Double]
    public var intercept: Double

    public init(mean: [Double], scale: [Double], coefficients: [Double], intercept: Double) {
        self.mean = mean
        self.scale = scale
        self.coefficients = coefficients
        self.intercept = intercept
    }
}
