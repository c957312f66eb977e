import Foundation
@testable import ScoringRuntime
import XCTest

/// Signed production files: a round trip, and one precise refusal per way a file can be wrong. Keys are made at
/// test time; none is stored in the repository.
final class SignedModelTests: XCTestCase {
    let key = ModelSigningKey()

    func signed(_ file: ModelFile = ModelFileSamples.treeEnsemble) throws -> Data {
        try SignedModel.sign(modelData: file.jsonData(), with: key)
    }

    func envelope(_ data: Data) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func reencode(_ object: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    func assertRefused(_ data: Data, trusted: [TrustedKey]? = nil, allowUnsigned: Bool = false,
                       _ expected: SignedModelError, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try SignedModel.load(data: data, trustedKeys: trusted ?? [key.publicKey], allowUnsigned: allowUnsigned),
                             file: file, line: line) { error in
            XCTAssertEqual(error as? SignedModelError, expected, "\(error)", file: file, line: line)
        }
    }

    func testRoundTripAndDeterminism() throws {
        for sample in [ModelFileSamples.logistic, ModelFileSamples.treeEnsemble] {
            let data = try signed(sample)
            XCTAssertEqual(try SignedModel.load(data: data, trustedKeys: [key.publicKey], allowUnsigned: false), sample)
            XCTAssertEqual(data, try signed(sample), "Ed25519 is deterministic: same key and model give the same file")
            let e = try envelope(data)
            XCTAssertEqual(e["payloadType"] as? String, "application/vnd.hydrawatch.model+json")
            let sig = try XCTUnwrap((e["signatures"] as? [[String: Any]])?.first)
            XCTAssertEqual(sig["keyid"] as? String, key.publicKey.keyid)
        }
    }

    func testRotationAcceptsAnyTrustedKey() throws {
        let other = ModelSigningKey()
        XCTAssertNoThrow(try SignedModel.load(data: signed(), trustedKeys: [other.publicKey, key.publicKey], allowUnsigned: false))
    }

    func testPAEMatchesTheDSSESpecification() {
        let pae = DSSEEnvelope.pae(payloadType: "http://example.com/HelloWorld", payload: Data("hello world".utf8))
        XCTAssertEqual(String(decoding: pae, as: UTF8.self), "DSSEv1 29 http://example.com/HelloWorld 11 hello world")
    }

    func testKeyidIsSHA256OfTheRawPublicKey() throws {
        let raw = Data(repeating: 0, count: 32)
        XCTAssertEqual(try TrustedKey(rawRepresentation: raw).keyid,
                       "66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925")
    }

    func testFlippedPayloadByteIsABadSignature() throws {
        var e = try envelope(signed())
        var payload = try XCTUnwrap(Data(base64Encoded: e["payload"] as! String))
        payload[payload.count / 2] ^= 0x01
        e["payload"] = payload.base64EncodedString()
        assertRefused(try reencode(e), .badSignature(keyid: key.publicKey.keyid))
    }

    func testFlippedSignatureByteIsABadSignature() throws {
        var e = try envelope(signed())
        var sigs = e["signatures"] as! [[String: Any]]
        var sig = try XCTUnwrap(Data(base64Encoded: sigs[0]["sig"] as! String))
        sig[5] ^= 0x80
        sigs[0]["sig"] = sig.base64EncodedString()
        e["signatures"] = sigs
        assertRefused(try reencode(e), .badSignature(keyid: key.publicKey.keyid))
    }

    func testUnknownKey() throws {
        let other = ModelSigningKey()
        assertRefused(try signed(), trusted: [other.publicKey], .unknownKey(keyids: [key.publicKey.keyid]))
        assertRefused(try signed(), trusted: [], .unknownKey(keyids: [key.publicKey.keyid]))
    }

    func testNoSignatureWrongTypeAndBadBase64() throws {
        var e = try envelope(signed())
        e["signatures"] = [[String: Any]]()
        assertRefused(try reencode(e), .noSignature)
        e = try envelope(signed())
        e["payloadType"] = "application/vnd.in-toto+json"
        assertRefused(try reencode(e), .wrongPayloadType(found: "application/vnd.in-toto+json"))
        e = try envelope(signed())
        e["payload"] = "not base64!"
        assertRefused(try reencode(e), .badBase64(field: "payload"))
    }

    func testTruncatedFileIsNotAnEnvelope() throws {
        let data = try signed()
        XCTAssertThrowsError(try SignedModel.load(data: data.prefix(data.count / 2), trustedKeys: [key.publicKey], allowUnsigned: false)) {
            guard case .notAnEnvelope = $0 as? SignedModelError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try SignedModel.load(data: Data(), trustedKeys: [key.publicKey], allowUnsigned: true)) {
            guard case .notAnEnvelope = $0 as? SignedModelError else { return XCTFail("\($0)") }
        }
    }

    func testUnsignedNeedsTheAllowFlag() throws {
        let plain = try ModelFileSamples.logistic.jsonData()
        assertRefused(plain, .unsignedRefused)
        XCTAssertEqual(try SignedModel.load(data: plain, trustedKeys: [], allowUnsigned: true), ModelFileSamples.logistic)
    }

    /// Signs bytes the writer would refuse, to show the loader still validates what a trusted key signed.
    func signRaw(_ mutate: (inout [String: Any]) -> Void) throws -> Data {
        var body = try XCTUnwrap(JSONSerialization.jsonObject(with: ModelFileSamples.treeEnsemble.jsonData()) as? [String: Any])
        mutate(&body)
        return try SignedModel.sign(modelData: JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), with: key)
    }

    func testSignedButInvalidPayloadsAreRefusedWithTheModelError() throws {
        // A NaN cannot be written as JSON; 1e999 decodes as infinity, which validation refuses.
        var data = try signRaw { $0["thresholds"] = [["threshold": 0.5, "target_fpr": 0.001]] }
        XCTAssertNoThrow(try SignedModel.load(data: data, trustedKeys: [key.publicKey], allowUnsigned: false))
        let text = try String(decoding: Data(base64Encoded: envelope(data)["payload"] as! String)!, as: UTF8.self)
        let bad = text.replacingOccurrences(of: "\"threshold\":0.5", with: "\"threshold\":1e999")
        XCTAssertNotEqual(bad, text)
        data = try SignedModel.sign(modelData: Data(bad.utf8), with: key)
        XCTAssertThrowsError(try SignedModel.load(data: data, trustedKeys: [key.publicKey], allowUnsigned: false)) {
            guard case .payloadInvalid = $0 as? SignedModelError else { return XCTFail("\($0)") }
        }

        data = try signRaw { body in
            var model = body["model"] as! [String: Any], ens = model["tree_ensemble"] as! [String: Any]
            var trees = ens["trees"] as! [[String: Any]]
            trees[0]["left_child"] = [7, -1, -1]
            ens["trees"] = trees; model["tree_ensemble"] = ens; body["model"] = model
        }
        assertRefused(data, .payloadInvalid(.invalid(path: "model.tree_ensemble.trees[0].left_child[0]", reason: "child 7 out of range 1..<3")))

        data = try signRaw { body in
            var schema = body["schema"] as! [String: Any]
            schema["fingerprint"] = "sha256:" + String(repeating: "0", count: 64)
            body["schema"] = schema
        }
        assertRefused(data, .payloadInvalid(.invalid(path: "schema.fingerprint", reason: "does not match the feature names and schema version")))
    }

    /// JSON cannot carry a NaN, so a NaN threshold can only come from code: the writer refuses to produce the
    /// payload at all, and therefore nothing with a NaN threshold can ever be signed.
    func testNaNThresholdIsRefusedBeforeSigning() {
        var file = ModelFileSamples.logistic
        file.thresholds = [OperatingThreshold(threshold: .nan, targetFPR: 0.001)]
        XCTAssertThrowsError(try signed(file)) {
            XCTAssertEqual($0 as? ModelFileError, .invalid(path: "thresholds[0]", reason: "threshold must be finite and target_fpr in [0, 1]"))
        }
    }

    func testKeyFilesRoundTrip() throws {
        let text = ModelKeyFile.privateKeyText(key)
        XCTAssertTrue(text.hasPrefix(ModelKeyFile.privateKeyHeader + "\n"))
        XCTAssertEqual(try ModelKeyFile.signingKey(text: text).seed, key.seed)
        XCTAssertEqual(try ModelKeyFile.trustedKey(text: ModelKeyFile.publicKeyText(key.publicKey)), key.publicKey)
        XCTAssertThrowsError(try ModelKeyFile.signingKey(text: ModelKeyFile.publicKeyText(key.publicKey)))
        XCTAssertThrowsError(try ModelKeyFile.trustedKey(text: "AAAA\n"))
    }
}
