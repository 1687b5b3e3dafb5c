import DocentCore
import DocentIO
import DocentLSP
import Foundation

/// `docent classify FILE [--json]`: how a page reads — a score per persona and the signals behind
/// them, for the page and for each `##` part — next to the section it sits in.
enum ClassifyCommand {
    static func run(_ arguments: [String]) -> Int32 {
        guard let options = parseOptions(arguments, command: "classify", valued: ["--config"], boolean: ["--json"]) else { return 2 }
        guard options.positional.count == 1, let file = options.positional.first else {
            printError("docent classify: expected one FILE")
            return 2
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
            printError("docent classify: no such file: \(file)")
            return 2
        }
        guard !isDirectory.boolValue else {
            printError("docent classify: \(file) is a folder; classify takes one Markdown file")
            return 2
        }
        let url = URL(fileURLWithPath: file)
        // Without a configuration only Markdown is read: say so before walking the folder around it.
        let configurationRoot = WorkspaceRootFinder.configurationRoot(options.value("--config"))
        let (root, isConfigured) = WorkspaceRootFinder.root(of: url, isDirectory: false, configurationRoot: configurationRoot)
        if let configurationRoot, let outside = WorkspaceRootFinder.outside(file, configurationRoot: configurationRoot) {
            printError("docent classify: \(outside.message)")
            return 2
        }
        guard options.value("--config") != nil || ["md", "mdx"].contains(url.pathExtension.lowercased()) || isConfigured else {
            printError("docent classify: \(file) is not a Markdown file (.md, .mdx); classify takes one page")
            return 2
        }
        guard let result = loadWorkspace(root.path, command: "classify", configFile: options.value("--config")) else { return 2 }
        let snapshot = result.snapshot
        guard let path = WorkspaceLoader(root: root).relativePath(of: url), let document = snapshot.document(path), snapshot.isChecked(path) else {
            let hint = WorkspaceRootFinder.notReadHint(configurationFile: result.configurationFile)
            printError("docent classify: \(file) is not a document of the workspace at \(root.path) (\(hint))")
            return 2
        }
        let model = PlacementModel.of(snapshot)
        guard let assessment = model.assessment(of: path, in: snapshot) else { return 2 }
        if options.flags.contains("--json") {
            print(JSONSerializer.string(json(assessment, model: model, document: document), pretty: true))
        } else {
            print(text(assessment, model: model, document: document, displayPath: PathDisplay(root: root).callAsFunction), terminator: "")
        }
        return 0
    }

    static func lines(_ ranges: [ByteRange], in text: SourceText) -> String {
        var numbers: [Int] = []
        for range in ranges {
            let line = text.line(of: range.lowerBound) + 1
            if numbers.last != line { numbers.append(line) }
        }
        let shown = numbers.prefix(6).map(String.init).joined(separator: ", ")
        return numbers.count > 6 ? "lines \(shown), …" : (numbers.count == 1 ? "line \(shown)" : "lines \(shown)")
    }

    /// The report as text. Files (the page, the similar pages) are named by `displayPath`: from the
    /// current directory, as `check` names them. A section keeps its path as `docent.json` and
    /// `sections` write it: relative to the workspace root, which is how it is configured.
    static func text(_ assessment: PlacementAssessment, model: PlacementModel, document: WorkspaceDocument, displayPath: (String) -> String) -> String {
        let catalog = model.catalog
        var output = "\(displayPath(assessment.path))\n"
        if let index = assessment.sectionIndex {
            let section = model.sections.sections[index]
            let personas = section.servesEveryone ? "any persona" : PlacementPresentation.personaTitles(section.personas, catalog: catalog)
            output += "  section:   \(section.title) (\(section.path.isEmpty ? "." : section.path)/) · \(personas)\(section.isInferred ? " · inferred from the folder name" : "")\n"
        } else {
            output += "  section:   none\(model.sections.isConfigured ? "" : " (no sections configured or inferred for this folder)")\n"
        }
        if !assessment.declaredPersonas.isEmpty || !assessment.unknownDeclaredPersonas.isEmpty {
            let names = assessment.declaredPersonas.map { catalog.personas[$0].title } + assessment.unknownDeclaredPersonas.map { "“\($0)” (unknown)" }
            output += "  declared:  \(names.joined(separator: ", "))\n"
        }
        output += "  reads as:  \(PlacementPresentation.shareSummary(assessment.scores, model: model))  (\(assessment.wordCount) word\(assessment.wordCount == 1 ? "" : "s") of prose)\n"
        if let verdict = PlacementVerdict.verdict(assessment, model: model) { output += "  verdict:   \(verdict)\n" }
        if let why = PlacementVerdict.whyNoWarning(assessment, model: model) { output += "             \(why)\n" }
        output += "\nSignals (built-in and configured), strongest first:\n"
        if assessment.evidence.isEmpty { output += "  none\n" }
        output += TextTable.render(assessment.evidence.prefix(20).map { item in
            [catalog.personas[item.persona].title, "\(item.label) ×\(item.ranges.count)", "+\(format(item.contribution))", lines(item.ranges, in: document.text)]
        })
        for (title, counts) in [("Links to pages of each persona's sections", assessment.linkCounts),
                                ("Links from pages of each persona's sections", assessment.inboundLinkCounts)] {
            let linked = counts.indices.filter { counts[$0] > 0 }.sorted { (counts[$0], $1) > (counts[$1], $0) }
            guard !linked.isEmpty else { continue }
            output += "\n\(title): \(linked.map { "\(catalog.personas[$0].title) \(counts[$0])" }.joined(separator: " · "))\n"
        }
        if !assessment.sectionAffinities.isEmpty {
            output += "\nAffinity with each section's other pages (learned log-odds, higher is closer):\n"
            output += TextTable.render(assessment.sectionAffinities.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).map { index, affinity in
                [model.sections.sections[index].title, format(affinity, decimals: 2)]
            })
        }
        let similar = model.nearestPages(to: assessment.path)
        if !similar.isEmpty {
            output += "\nMost similar pages of the sections (cosine of TF-IDF vectors):\n"
            for (path, similarity) in similar {
                let section = model.sectionIndex(of: path).map { " · \(model.sections.sections[$0].title)" } ?? ""
                output += "  \(format(similarity, decimals: 2))  \(displayPath(path))\(section)\n"
            }
        }
        if !assessment.parts.isEmpty {
            output += "\nParts:\n"
            for part in assessment.parts {
                let heading = document.markdown.headings[part.headingIndex]
                output += "  ## \(MarkdownText.plainText(heading.text)) (line \(document.text.line(of: heading.range.lowerBound) + 1), \(part.wordCount) words)\n"
                output += "     \(PlacementPresentation.shareSummary(part.scores, model: model))\n"
                let signals = part.evidence.prefix(4).map { "\($0.label) (\(catalog.personas[$0.persona].title))" }
                if !signals.isEmpty { output += "     signals: \(signals.joined(separator: ", "))\n" }
                if let finding = part.finding {
                    output += "     misplaced — reads as \(catalog.personas[finding.suggestedPersona].title); suggested section: \(model.sections.sections[finding.suggestedSection].title)\n"
                }
            }
        }
        return output
    }

    static func format(_ value: Double, decimals: Int = 1) -> String {
        let text = String(PlacementPresentation.rounded(value, places: decimals))
        guard let dot = text.firstIndex(of: ".") else { return text }
        let fraction = text[text.index(after: dot)...]
        return String(text[..<dot]) + "." + String(fraction).padding(toLength: decimals, withPad: "0", startingAt: 0)
    }

    static func json(_ assessment: PlacementAssessment, model: PlacementModel, document: WorkspaceDocument) -> JSONValue {
        let catalog = model.catalog
        func scores(_ scores: [PersonaScore]) -> JSONValue {
            .array(scores.sorted { ($0.share, $1.persona) > ($1.share, $0.persona) }.map { score in
                var object = JSONObject()
                object["persona"] = .string(catalog.personas[score.persona].id)
                object["share"] = .number(PlacementPresentation.rounded(score.share, places: 3))
                object["evidence"] = .number(PlacementPresentation.rounded(score.evidence))
                object["affinity"] = score.affinity.map { .number(PlacementPresentation.rounded($0, places: 3)) } ?? .null
                return .object(object)
            })
        }
        func signals(_ evidence: [SignalEvidence]) -> JSONValue {
            .array(evidence.map { item in
                var object = JSONObject()
                object["persona"] = .string(catalog.personas[item.persona].id)
                object["signal"] = .string(item.label)
                object["contribution"] = .number(PlacementPresentation.rounded(item.contribution))
                object["ranges"] = .array(item.ranges.map { LSPConversion.range(document.text.positionRange(of: $0, encoding: .utf16)) })
                return .object(object)
            })
        }
        func finding(_ finding: PlacementFinding?) -> JSONValue {
            guard let finding else { return .null }
            var object = JSONObject()
            // A page in no section has no placed persona (as unplaced-document's data says).
            if assessment.sectionIndex != nil { object["placedPersona"] = .string(catalog.personas[finding.placedPersona].id) }
            object["suggestedPersona"] = .string(catalog.personas[finding.suggestedPersona].id)
            object["suggestedSection"] = .string(model.sections.sections[finding.suggestedSection].path)
            object["confidence"] = .number(finding.confidence)
            object["suggestedShare"] = .number(finding.suggestedShare)
            if assessment.sectionIndex != nil { object["placedShare"] = .number(finding.placedShare) }
            return .object(object)
        }
        var object = JSONObject()
        object["file"] = .string(assessment.path)
        if let index = assessment.sectionIndex {
            let section = model.sections.sections[index]
            object["section"] = .object(SectionsCommand.json(section, catalog: catalog))
        } else {
            object["section"] = .null
        }
        object["declaredPersonas"] = .array(assessment.declaredPersonas.map { .string(catalog.personas[$0].id) })
        object["words"] = .number(Double(assessment.wordCount))
        object["scores"] = scores(assessment.scores)
        object["signals"] = signals(assessment.evidence)
        func byPersona(_ counts: [Int]) -> JSONValue {
            var object = JSONObject()
            for persona in counts.indices where counts[persona] > 0 { object[catalog.personas[persona].id] = .number(Double(counts[persona])) }
            return .object(object)
        }
        object["links"] = byPersona(assessment.linkCounts)
        object["linkedFrom"] = byPersona(assessment.inboundLinkCounts)
        object["finding"] = finding(assessment.finding ?? assessment.suggestion)
        // The verdict the text report gives, with a stable code for scripts, and why a leading foreign
        // persona does not warn.
        object["verdict"] = PlacementVerdict.code(assessment, model: model).map(JSONValue.string) ?? .null
        object["verdictText"] = PlacementVerdict.verdict(assessment, model: model).map(JSONValue.string) ?? .null
        object["whyNoWarning"] = PlacementVerdict.whyNoWarning(assessment, model: model).map(JSONValue.string) ?? .null
        object["sectionAffinities"] = .array(assessment.sectionAffinities.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).map { index, affinity in
            let section = model.sections.sections[index]
            return ["section": .string(section.path), "title": .string(section.title),
                    "affinity": .number(PlacementPresentation.rounded(affinity, places: 3))]
        })
        object["similarPages"] = .array(model.nearestPages(to: assessment.path).map { path, similarity in
            ["path": .string(path), "similarity": .number(PlacementPresentation.rounded(similarity, places: 3)),
             "section": model.sectionIndex(of: path).map { .string(model.sections.sections[$0].path) } ?? .null]
        })
        object["parts"] = .array(assessment.parts.map { part in
            let heading = document.markdown.headings[part.headingIndex]
            var item = JSONObject()
            item["heading"] = .string(MarkdownText.plainText(heading.text))
            item["range"] = LSPConversion.range(document.text.positionRange(of: heading.textRange, encoding: .utf16))
            item["words"] = .number(Double(part.wordCount))
            item["scores"] = scores(part.scores)
            item["signals"] = signals(part.evidence)
            item["finding"] = finding(part.finding)
            // How unlike the rest of its page the part reads (measured for parts long enough to judge).
            let measured = part.isMeasured
            item["coherence"] = measured ? .number(PlacementPresentation.rounded(part.coherence, places: 3)) : .null
            item["pageRatio"] = measured ? .number(PlacementPresentation.rounded(part.pageRatio, places: 3)) : .null
            return .object(item)
        })
        return .object(object)
    }
}
