import DocentCore
import DocentIO
import Foundation

/// `docent sections [DIR] [--json]`: the section tree with its personas, page counts and how many
/// pages (and `##` parts) read as written for another persona — configured sections, or those
/// inferred from folder names when `docent.json` has none.
enum SectionsCommand {
    struct Row {
        var section: Section?
        var depth: Int
        var pages: Int
        var misplaced: Int
        var misplacedParts: Int
        var mismatched: Int
        /// Pages whose built-in signals lead, by persona: the signals a page carries whatever its
        /// neighbours, to question a section's persona (its learned profile cannot: it comes from the
        /// section's own pages).
        var signalLeads: [Int: Int] = [:]
    }

    /// The persona whose built-in signals clearly lead a page's (at least
    /// `PlacementPresentation.strongEvidence`, and `leadFactor` times the next), or nil.
    static func signalLead(_ scores: [PersonaScore]) -> Int? {
        let sorted = scores.sorted { $0.evidence > $1.evidence }
        guard let first = sorted.first, first.evidence >= PlacementPresentation.strongEvidence else { return nil }
        let second = sorted.count > 1 ? sorted[1].evidence : 0
        return first.evidence >= leadFactor * second ? first.persona : nil
    }

    static let leadFactor = 1.5

    /// A checked section most of whose pages (at least 3, more than half) carry another persona's
    /// signals: the persona, and how many pages. Docent learns what a section reads like from its
    /// own pages, so a folder labelled with the wrong persona is never questioned page by page.
    static func questionedPersona(_ row: Row) -> (persona: Int, pages: Int)? {
        guard let section = row.section, section.isChecked, row.pages > 0 else { return nil }
        guard let (persona, count) = row.signalLeads.filter({ !section.personas.contains($0.key) }).max(by: { ($0.value, $1.key) < ($1.value, $0.key) }),
              count >= 3, count * 2 > row.pages else { return nil }
        return (persona, count)
    }

    static func run(_ arguments: [String]) -> Int32 {
        guard let options = parseOptions(arguments, command: "sections", valued: ["--config"], boolean: ["--json"]) else { return 2 }
        guard options.positional.count <= 1 else {
            printError("docent sections: expected at most one DIR")
            return 2
        }
        guard let directory = WorkspaceRootFinder.root(ofDirectory: options.positional.first, configFile: options.value("--config"), command: "sections") else { return 2 }
        guard let result = loadWorkspace(directory, command: "sections", configFile: options.value("--config")) else { return 2 }
        let snapshot = result.snapshot
        let model = PlacementModel.of(snapshot)
        let rows = makeRows(snapshot: snapshot, model: model)
        if options.flags.contains("--json") {
            print(JSONSerializer.string(json(rows, model: model), pretty: true))
        } else {
            // The argument (`.` when none), or the workspace root it lies in (relative to the current directory).
            let argument = options.positional.first ?? "."
            var root = argument
            if WorkspaceRootFinder.resolved(URL(fileURLWithPath: directory)).path != WorkspaceRootFinder.resolved(URL(fileURLWithPath: argument)).path {
                let prefix = WorkspaceRootFinder.prefix(from: WorkspaceRootFinder.currentDirectory, to: WorkspaceRootFinder.resolved(URL(fileURLWithPath: directory)))
                root = prefix.isEmpty ? "." : String(prefix.dropLast())
            }
            print(text(rows, model: model, root: root), terminator: "")
        }
        return 0
    }

    static func makeRows(snapshot: WorkspaceSnapshot, model: PlacementModel) -> [Row] {
        let sections = model.sections.sections
        var rows = sections.indices.sorted { sections[$0].path < sections[$1].path }.map { index in
            let section = sections[index]
            let depth = sections.filter { $0.path != section.path && ($0.path.isEmpty || section.path.hasPrefix($0.path + "/")) }.count
            return Row(section: section, depth: depth, pages: 0, misplaced: 0, misplacedParts: 0, mismatched: 0)
        }
        var unplaced = Row(section: nil, depth: 0, pages: 0, misplaced: 0, misplacedParts: 0, mismatched: 0)
        let order = sections.indices.sorted { sections[$0].path < sections[$1].path }
        let rowOfSection = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        let configuration = snapshot.configuration
        for path in snapshot.checkedPaths {
            let cache = AnalysisCache()
            func count(_ rule: any Rule) -> Int {
                configuration.setting(forRule: type(of: rule).description.code, path: path) == .off ? 0 : rule.check(path, in: snapshot, cache: cache).count
            }
            guard let index = model.sectionIndex(of: path), let row = rowOfSection[index] else {
                unplaced.pages += 1
                continue
            }
            rows[row].pages += 1
            if let assessment = model.assessment(of: path, in: snapshot), let lead = signalLead(assessment.scores) {
                rows[row].signalLeads[lead, default: 0] += 1
            }
            rows[row].misplaced += count(MisplacedDocumentRule())
            rows[row].misplacedParts += count(MisplacedSectionRule())
            // Unknown names under `audience:` are information, not a mismatch.
            if configuration.setting(forRule: PersonaMismatchRule.description.code, path: path) != .off {
                rows[row].mismatched += PersonaMismatchRule().check(path, in: snapshot, cache: cache).filter { $0.severity != .information }.count
            }
        }
        if unplaced.pages > 0 { rows.append(unplaced) }
        return rows
    }

    static func text(_ rows: [Row], model: PlacementModel, root: String) -> String {
        let catalog = model.catalog
        let origin = model.sections.isConfigured ? "configured in docent.json" : (model.sections.sections.isEmpty ? "none configured, none inferred from folder names" : "inferred from folder names; configure them with \"sections\" in docent.json")
        var output = "Sections of \(root) (\(origin)):\n\n"
        var table: [[String]] = []
        for row in rows {
            let indent = String(repeating: "  ", count: row.depth)
            let path = row.section.map { $0.path.isEmpty ? "." : $0.path } ?? "(no section)"
            let title = row.section?.title ?? ""
            var personas = ""
            if let section = row.section {
                personas = section.servesEveryone ? "any" : PlacementPresentation.personaTitles(section.personas, catalog: catalog)
                if !section.unknownPersonas.isEmpty { personas += " (unknown: \(section.unknownPersonas.joined(separator: ", ")))" }
            }
            var count = "\(row.pages) page\(row.pages == 1 ? "" : "s")"
            var notes: [String] = []
            if row.misplaced > 0 { notes.append("\(row.misplaced) misplaced") }
            if row.misplacedParts > 0 { notes.append("\(row.misplacedParts) misplaced part\(row.misplacedParts == 1 ? "" : "s")") }
            if row.mismatched > 0 { notes.append("\(row.mismatched) persona mismatch\(row.mismatched == 1 ? "" : "es")") }
            if !notes.isEmpty { count += "  " + notes.joined(separator: " · ") }
            table.append([indent + path, title, personas, count])
        }
        output += TextTable.render(table)
        let questioned = rows.compactMap { row in questionedPersona(row).map { (row, $0) } }
        if !questioned.isEmpty { output += "\n" }
        for (row, (persona, pages)) in questioned {
            guard let section = row.section else { continue }
            output += "\(section.title) is for \(PlacementPresentation.personaTitles(section.personas, catalog: catalog)), but \(pages) of its \(row.pages) pages "
                + "carry mostly \(catalog.personas[persona].title) signals: if it is written for \(catalog.personas[persona].title), say so in docent.json "
                + "(pages are compared with their section's own pages, so a section's persona is not questioned page by page).\n"
        }
        return output
    }

    /// A section as `sections --json` and `classify --json` give it. `personas` is always an array; a
    /// section for every persona ("any") has none and `everyone: true`.
    static func json(_ section: Section, catalog: PersonaCatalog) -> JSONObject {
        ["path": .string(section.path), "title": .string(section.title),
         "personas": .array(section.personas.map { .string(catalog.personas[$0].id) }),
         "everyone": .bool(section.servesEveryone), "inferred": .bool(section.isInferred)]
    }

    static func json(_ rows: [Row], model: PlacementModel) -> JSONValue {
        .array(rows.map { row in
            // The pages in no section: the same keys, with no path or title and no persona.
            var object = row.section.map { json($0, catalog: model.catalog) }
                ?? ["path": .null, "title": .null, "personas": [], "everyone": false, "inferred": false]
            object["pages"] = .number(Double(row.pages))
            object["misplacedDocuments"] = .number(Double(row.misplaced))
            object["misplacedSections"] = .number(Double(row.misplacedParts))
            object["personaMismatches"] = .number(Double(row.mismatched))
            // Pages whose built-in signals clearly lead, by persona id; and, for a section most of
            // whose pages lead with another persona, that persona (`sections` prints a note).
            var leads = JSONObject()
            for (persona, count) in row.signalLeads.sorted(by: { $0.key < $1.key }) { leads[model.catalog.personas[persona].id] = .number(Double(count)) }
            object["signalLeads"] = .object(leads)
            object["signalsSuggest"] = questionedPersona(row).map { .string(model.catalog.personas[$0.persona].id) } ?? .null
            return .object(object)
        })
    }
}
