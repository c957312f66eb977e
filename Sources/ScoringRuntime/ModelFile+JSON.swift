import Foundation

extension ModelFile {
    /// Encodes as JSON with sorted keys, two-space indentation and shortest round-trip numbers, so equal
    /// models give byte-identical files. Validates first: a file this writes always loads.
    public func jsonData() throws -> Data {
        try validate()
        let body = ModelFileV1Body(format: ModelFile.format, version: ModelFile.currentVersion, toolVersion: toolVersion,
                                   schema: schema, model: model, outputTransform: outputTransform,
                                   thresholds: thresholds, provenance: provenance)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        do {
            var data = try encoder.encode(body)
            data.append(0x0A)
            return data
        } catch let error as EncodingError {
            throw ModelFileError.invalid(path: "", reason: "cannot encode: \(error)")
        }
    }

    /// Decodes the header first (`format`, `version`), then the body for that version, then validates.
    public init(jsonData data: Data) throws {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let header: ModelFileHeader
        do {
            header = try decoder.decode(ModelFileHeader.self, from: data)
        } catch {
            throw ModelFile.translate(error)
        }
        guard header.format == ModelFile.format else { throw ModelFileError.notAModelFile(format: header.format) }
        switch header.version {
        case 1:
            let body: ModelFileV1Body
            do {
                body = try decoder.decode(ModelFileV1Body.self, from: data)
            } catch {
                throw ModelFile.translate(error)
            }
            self.init(toolVersion: body.toolVersion, schema: body.schema, model: body.model,
                      outputTransform: body.outputTransform, thresholds: body.thresholds, provenance: body.provenance)
        default:
            throw ModelFileError.unsupportedVersion(header.version)
        }
        try validate()
    }

    /// Reads and validates a model file from disk.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ModelFileError.malformed(path: "", reason: "cannot read \(url.path): \(error.localizedDescription)")
        }
        try self.init(jsonData: data)
    }

    static func translate(_ error: Error) -> ModelFileError {
        func path(_ keys: [CodingKey]) -> String {
            var s = ""
            for k in keys {
                if let i = k.intValue { s += "[\(i)]" } else { s += (s.isEmpty ? "" : ".") + snake(k.stringValue) }
            }
            return s
        }
        switch error {
        case let DecodingError.keyNotFound(key, ctx):
            let p = path(ctx.codingPath + [key])
            return .malformed(path: p, reason: "missing field \"\(snake(key.stringValue))\"")
        case let DecodingError.typeMismatch(type, ctx):
            return .malformed(path: path(ctx.codingPath), reason: "expected \(type)")
        case let DecodingError.valueNotFound(type, ctx):
            return .malformed(path: path(ctx.codingPath), reason: "expected \(type), found null")
        case let DecodingError.dataCorrupted(ctx):
            return .malformed(path: path(ctx.codingPath), reason: ctx.debugDescription)
        default:
            return .malformed(path: "", reason: "\(error)")
        }
    }

    /// camelCase → snake_case, as the encoder writes keys.
    static func snake(_ key: String) -> String {
        var out = ""
        for ch in key {
            if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
        }
        return out
    }
}
