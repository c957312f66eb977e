import Foundation

/// A DSSE (Dead Simple Signing Envelope) as stored on disk: the signed bytes travel base64-encoded inside the
/// envelope, so verification never depends on how a JSON library re-serialises the model.
///
/// Signatures cover `PAE(payloadType, payload)` =
/// `"DSSEv1" SP len(type) SP type SP len(body) SP body` (lengths as ASCII decimal byte counts), which binds the
/// payload type: a signature made for another type of document cannot be replayed as a model file.
struct DSSEEnvelope: Codable, Equatable {
    struct Signature: Codable, Equatable {
        var keyid: String
        var sig: String
    }

    var payloadType: String
    var payload: String
    var signatures: [Signature]

    /// Pre-authentication encoding of DSSE v1.
    static func pae(payloadType: String, payload: Data) -> Data {
        var out = Data("DSSEv1 \(payloadType.utf8.count) \(payloadType) \(payload.count) ".utf8)
        out.append(payload)
        return out
    }

    /// Sorted keys and a trailing newline, so signing the same model with the same key gives the same file.
    func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = (try? encoder.encode(self)) ?? Data()  // only strings: encoding cannot fail
        data.append(0x0A)
        return data
    }
}
