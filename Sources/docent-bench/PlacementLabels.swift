import DocentCore
import DocentIO
import Foundation

/// What a placement benchmark measures against: a workspace in which every page sits in a section of
/// its own persona, and each page's persona.
struct PlacementTruth {
    /// The workspace as it is on disk (for labelled findings).
    var original: WorkspaceSnapshot
    /// The correctly arranged workspace, in memory.
    var arranged: WorkspaceSnapshot
    /// Arranged path → the persona the page is written for (pages of `any` sections are left out).
    var personas: [String: Int]
    /// Findings the labels expect on the original workspace.
    var expectations: [Expectation]
    var description: String
    /// Arranged paths of pages whose persona a second, independent reading of the proposal put
    /// elsewhere (`"disputed"` in an arrangement): they stay in place, and `--agreed-only` leaves them
    /// out of what is judged.
    var disputed: Set<String> = []

    struct Expectation {
        var path: String
        var code: String
        /// `misplaced-document`, `unplaced-document`: the section expected in `data.suggestedSection`.
        var suggestedSection: String?
        /// `misplaced-section`: the heading text expected.
        var heading: String?
    }
}

enum PlacementLabels {
    /// Reads `labels` in either of two forms:
    ///
    /// - an arrangement, `{ "sections": [{path, title, persona}], "pages": { "<section path>": ["<file or folder/>", …] } }`:
    ///   every page moves (in memory) under the section whose list names it most specifically;
    /// - per-page labels, `{ "<path>": { "persona", "placement", "suggestedSection", … } }`, with the
    ///   sections of the workspace's own `docent.json`: pages labelled misplaced move to their
    ///   suggested section.
    static func load(_ labelsPath: String, workspace: WorkspaceSnapshot) throws -> PlacementTruth {
        guard let data = FileManager.default.contents(atPath: labelsPath) else { throw BenchmarkError("cannot read \(labelsPath)") }
        let value: JSONValue
        do { value = try JSONParser.parse([UInt8](data)) } catch { throw BenchmarkError("\(labelsPath): \(error)") }
        guard let object = value.objectValue else { throw BenchmarkError("\(labelsPath): expected an object") }
        if object["pages"] != nil && object["sections"] != nil {
            return try arrangement(object, workspace: workspace, file: labelsPath)
        }
        return try pageLabels(object, workspace: workspace)
    }

    static func arrangement(_ object: JSONObject, workspace: WorkspaceSnapshot, file: String) throws -> PlacementTruth {
        var configuration = workspace.configuration
        var sections: [SectionConfiguration] = []
        for item in object["sections"]?.arrayValue ?? [] {
            guard let section = item.objectValue, let path = section["path"]?.stringValue else { throw BenchmarkError("\(file): a section needs a path") }
            let personas = section["persona"].map { $0.arrayValue?.compactMap(\.stringValue) ?? [$0.stringValue ?? ""] } ?? []
            sections.append(SectionConfiguration(path: path, title: section["title"]?.stringValue, personas: personas))
        }
        configuration.sections = sections
        // Most specific entry wins: an exact file, else the longest folder prefix.
        var exact: [String: String] = [:]
        var prefixes: [(prefix: String, section: String)] = []
        for (section, entries) in object["pages"]?.objectValue?.entries ?? [] {
            guard sections.contains(where: { $0.path == section }) else { throw BenchmarkError("\(file): \"\(section)\" is not a section") }
            for entry in entries.arrayValue?.compactMap(\.stringValue) ?? [] {
                if entry.hasSuffix("/") || entry == "*" { prefixes.append((entry == "*" ? "" : entry, section)) } else { exact[entry] = section }
            }
        }
        prefixes.sort { $0.prefix.count > $1.prefix.count }
        let disputedOriginals = Set(object["disputed"]?.objectValue?.entries.map(\.0) ?? [])
        var disputed: Set<String> = []
        var moves: [String: String] = [:]
        var unmapped: [String] = []
        for path in workspace.sortedPaths {
            guard workspace.document(path) != nil else { continue }
            guard let section = exact[path] ?? prefixes.first(where: { path.hasPrefix($0.prefix) })?.section else {
                unmapped.append(path)
                continue
            }
            moves[path] = section + "/" + path
            if disputedOriginals.contains(path) { disputed.insert(section + "/" + path) }
        }
        if let unknown = disputedOriginals.first(where: { workspace.document($0) == nil }) {
            throw BenchmarkError("\(file): disputed page \(unknown) is not in the workspace")
        }
        if !unmapped.isEmpty {
            throw BenchmarkError("\(file): \(unmapped.count) pages belong to no section, e.g. \(unmapped.prefix(5).joined(separator: ", "))")
        }
        // Links are rewritten as the pages move, so that they still reach the same documents.
        let documents = LinkRelocation.relocated(workspace, moves: moves).map { WorkspaceDocument(path: $0.new, text: $0.text) }
        let arranged = WorkspaceSnapshot(configuration: configuration, documents: documents)
        let catalog = PersonaCatalog(configuration: configuration.personas)
        let map = SectionMap(configuration: configuration, catalog: catalog, paths: arranged.sortedPaths)
        var personas: [String: Int] = [:]
        for path in arranged.sortedPaths {
            guard let section = map.section(for: path), section.isChecked, section.personas.count == 1 else { continue }
            personas[path] = section.personas[0]
        }
        return PlacementTruth(original: workspace, arranged: arranged, personas: personas, expectations: [],
                              description: object["description"]?.stringValue ?? "arrangement", disputed: disputed)
    }

    static func pageLabels(_ object: JSONObject, workspace: WorkspaceSnapshot) throws -> PlacementTruth {
        let catalog = PersonaCatalog(configuration: workspace.configuration.personas)
        var expectations: [PlacementTruth.Expectation] = []
        var personas: [String: Int] = [:]
        var moved: [String: String] = [:]
        for (path, label) in object.entries {
            guard let label = label.objectValue, workspace.document(path) != nil else { continue }
            let placement = label["placement"]?.stringValue ?? "correct"
            let persona = label["persona"]?.stringValue.flatMap { catalog.index(of: $0) }
            switch placement {
            case "misplaced-document":
                let target = label["suggestedSection"]?.stringValue
                expectations.append(.init(path: path, code: "misplaced-document", suggestedSection: target))
                if let target {
                    let name = path.split(separator: "/").last.map(String.init) ?? path
                    moved[path] = target + "/" + name
                }
            case "misplaced-section":
                let heading = label["foreignSection"]?.stringValue.map { String($0.drop(while: { $0 == "#" || $0 == " " })) }
                expectations.append(.init(path: path, code: "misplaced-section", heading: heading))
            case "persona-mismatch":
                expectations.append(.init(path: path, code: "persona-mismatch"))
            case "unplaced":
                // Glossary files sit outside sections on purpose, and the placement rules leave them alone.
                if label["glossary"]?.boolValue != true {
                    expectations.append(.init(path: path, code: "unplaced-document", suggestedSection: label["suggestedSection"]?.stringValue))
                }
            default:
                break
            }
            if let persona, placement != "unplaced" { personas[moved[path] ?? path] = persona }
        }
        let arranged = workspace.applying(LinkRelocation.changes(workspace, moves: moved))
        return PlacementTruth(original: workspace, arranged: arranged, personas: personas, expectations: expectations, description: "page labels")
    }
}
