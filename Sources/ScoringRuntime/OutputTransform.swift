/// How a raw margin becomes the score the model file promises. Named by the file, never guessed.
public enum OutputTransform: String, Sendable, Codable, Equatable {
    /// `p = 1 / (1 + exp(-margin))`.
    case sigmoid
    /// `p = margin`.
    case identity

    @inline(__always)
    public func apply(_ margin: Double) -> Double {
        switch self {
        case .sigmoid: return margin >= 0 ? 1 / (1 + _exp(-margin)) : { let e = _exp(margin); return e / (1 + e) }()
        case .identity: return margin
        }
    }
}

#if canImport(Glibc)
import Glibc
@inline(__always) func _exp(_ x: Double) -> Double { Glibc.exp(x) }
#elseif canImport(Darwin)
import Darwin
@inline(__always) func _exp(_ x: Double) -> Double { Darwin.exp(x) }
#endif
