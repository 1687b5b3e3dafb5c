import DocentCore
import DocentIO
import Foundation
import Testing

/// The files that name every rule for an editor or a validator list exactly the rules Docent has:
/// a rule added to the registry and forgotten there gets no completion or description in VS Code,
/// and is flagged as unknown by the JSON schema.
@Suite struct EditorConfigurationTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func json(_ path: String) throws -> JSONValue {
        try JSONParser.parse(Array(try Data(contentsOf: repository.appendingPathComponent(path))))
    }

    static let codes = Set(RuleRegistry.descriptions.map(\.code))

    @Test func theVSCodeSettingsNameEveryRule() throws {
        let package = try Self.json("editors/vscode/package.json")
        let rules = package["contributes"]?["configuration"]?["properties"]?["docent.rules"]?["properties"]?.objectValue
        #expect(Set(try #require(rules).keys) == Self.codes)
        // Every rule takes the five severities.
        for description in RuleRegistry.descriptions {
            #expect(rules?[description.code]?["enum"] == ["error", "warning", "information", "hint", "off"])
        }
    }

    @Test func theSchemaNamesEveryRule() throws {
        let schema = try Self.json("docent.schema.json")
        let names = schema["$defs"]?["rules"]?["propertyNames"]?["enum"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(Set(names) == Self.codes)
        #expect(names.count == Self.codes.count)
    }
}
