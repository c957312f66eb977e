/// The part of a model file read first: what it is and which version of the body follows.
struct ModelFileHeader: Codable {
    var format: String
    var version: Int
}
