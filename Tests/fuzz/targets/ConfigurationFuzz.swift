import DocentCore
import DocentIO

/// Fuzz target: `docent.json` — the JSON parser (with and without locations) and the configuration
/// loader, then the loaded globs and rule settings used the way a workspace uses them.
@_cdecl("LLVMFuzzerTestOneInput")
public func configurationFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let value = try? JSONParser.parse(bytes) {
        // What is parsed serializes, and the serialization parses to the same value.
        let again = try? JSONParser.parse(JSONSerializer.bytes(value))
        precondition(again == value, "JSON round trip changed the value")
    }
    _ = try? JSONParser.parseWithLocations(bytes)
    let (configuration, problems) = ConfigurationLoader.load(bytes, file: "docent.json")
    for problem in problems { precondition(problem.line >= 1 && problem.column >= 1, "problem position") }
    for path in ["docs/index.md", "docs/glossary.md", "docs/a/b/c.mdx", "README.md", "node_modules/x.md", "日本/語.md"] {
        _ = configuration.includes(path)
        _ = configuration.glossarySource(for: path)
    }
    let snapshot = WorkspaceSnapshot(configuration: configuration, configurationProblems: problems, documents: [
        WorkspaceDocument(path: "docs/glossary.md", text: SourceText("## Term\n\nA definition.\n")),
        WorkspaceDocument(path: "docs/index.md", text: SourceText("# Index\n\nThe term is here.\n")),
    ])
    _ = RuleRegistry.diagnostics(for: "docs/index.md", in: snapshot)
    return 0
}
