/// `front-matter-syntax`: a YAML, TOML or JSON front-matter block Docent could not read as written (an
/// unclosed quote or list, a line that is no `key: value`, a duplicate key, tabs in YAML
/// indentation). The site generator would reject it or read it differently, and the values Docent
/// takes from it (title, persona, audience) may be wrong.
public struct FrontMatterSyntaxRule: Rule {
    public static let description = RuleDescription(code: "front-matter-syntax", summary: "The front matter cannot be read as YAML, TOML or JSON", defaultSeverity: .warning)

    public init() {}

    public func check(_ path: String, in snapshot: WorkspaceSnapshot, cache: AnalysisCache) -> [Diagnostic] {
        guard let frontMatter = snapshot.document(path)?.markdown.frontMatter else { return [] }
        let syntax = switch frontMatter.syntax {
        case .yaml: "yaml"
        case .toml: "toml"
        case .json: "json"
        }
        return frontMatter.problems.map { problem in
            Diagnostic(code: Self.description.code, severity: Self.description.defaultSeverity, message: problem.message,
                       file: path, range: problem.range, data: ["syntax": .string(syntax)])
        }
    }
}
