import DocentCore
import DocentIO
import Foundation

/// `docent-bench placement WORKSPACE [--labels FILE]`: how well `misplaced-document` and
/// `misplaced-section` find pages and parts put in the wrong section.
///
/// Starting from a correctly arranged workspace (in memory; nothing is written), each round moves a
/// sample of pages into a section of another persona and runs the rule on every page of a checked
/// section: a warning on a moved page is a detection, on any other page a false warning. Every
/// candidate page is moved exactly once over the rounds. The same is done for `misplaced-section`
/// with pages given a `##` part taken from a page of another persona.
enum PlacementScenario {
    struct Counts {
        var detected = 0
        var missed = 0
        var falseWarnings = 0
        var correctPageChecks = 0
        var suggestionMatches = 0
        /// Detected moved pages whose suggested section is the one they came from.
        var sectionMatches = 0
        var hostFlaggedAsDocument = 0
        /// Moved pages with too little prose for the rule to judge (counted as missed).
        var tooShortMoved = 0
        /// Missed grafted parts that read most as another persona than their donor page's: a part is
        /// labelled with its page's persona, and pages mix.
        var missedReadingOtherwise = 0

        var precision: Double { Double(detected) / Double(detected + falseWarnings) }
        var recall: Double { Double(detected) / Double(detected + missed) }
        var falseWarningsPer50: Double { Double(falseWarnings) / Double(max(1, correctPageChecks)) * 50 }
    }

    static func run(_ arguments: [String]) -> Int32 {
        let options: BenchmarkOptions
        do {
            options = try BenchmarkOptions(arguments, valued: ["--labels", "--seed", "--fraction", "--param", "--dump", "--export", "--stability-edits"], boolean: ["--verbose", "--agreed-only"])
        } catch {
            printError("docent-bench placement: \(error)")
            return 2
        }
        guard let root = options.positional.first else {
            printError("docent-bench placement: which workspace?\n\(usage)")
            return 2
        }
        let labelsPath = options.value("--labels") ?? (root as NSString).appendingPathComponent("labels.json")
        let seed = UInt64(options.value("--seed") ?? "1") ?? 1
        let fraction = Double(options.value("--fraction") ?? "0.1") ?? 0.1
        let verbose = options.flags.contains("--verbose")
        dumpPath = options.value("--dump")
        dumpLines = []
        defer { if let dumpPath { try? dumpLines.joined(separator: "\n").write(toFile: dumpPath, atomically: true, encoding: .utf8) } }
        var parameters = PlacementParameters()
        for assignment in options.values["--param"] ?? [] {
            guard apply(assignment, to: &parameters) else {
                printError("docent-bench placement: unknown parameter or value '\(assignment)'")
                return 2
            }
        }

        guard let workspace = loadBenchmarkWorkspace(root) else { return 2 }
        let truth: PlacementTruth
        do { truth = try PlacementLabels.load(labelsPath, workspace: workspace) } catch {
            printError("docent-bench placement: \(error)")
            return 2
        }
        let documentRule = MisplacedDocumentRule(parameters: parameters)
        let sectionRule = MisplacedSectionRule(parameters: parameters)
        let rules: [any Rule] = [documentRule, sectionRule, PersonaMismatchRule(parameters: parameters), UnplacedDocumentRule(parameters: parameters)]
        let catalog = PersonaCatalog(configuration: truth.arranged.configuration.personas)

        print("docent-bench placement \(root)  (labels: \(labelsPath), \(truth.description), seed \(seed))")
        let (model, buildTime) = measure { PlacementModel.of(truth.arranged, parameters: parameters) }
        let checked = model.sections.sections.filter(\.isChecked)
        print("workspace: \(truth.arranged.documents.count) documents, \(model.sections.sections.count) sections (\(checked.count) checked), "
              + "\(truth.personas.count) pages labelled with one persona; model built in \(buildTime.formatted(0)) ms")
        // What an editor pays per keystroke: one page changed, the model rebuilt (its features reused
        // for every other page), the changed page assessed.
        if let edited = truth.personas.keys.sorted().first, let document = truth.arranged.document(edited) {
            let changed = truth.arranged.applying([.setDocument(path: edited, text: SourceText(document.text.string + "\nOne more sentence.\n"), version: 2)])
            let (_, rebuild) = measure { PlacementModel.of(changed, parameters: parameters).assessment(of: edited, in: changed) }
            print("after a one-page edit: model rebuilt and the page assessed in \(rebuild.formatted(0)) ms")
        }
        for (index, section) in model.sections.sections.enumerated() {
            let personas = section.servesEveryone ? "any" : section.personas.map { catalog.personas[$0].title }.joined(separator: ", ")
            print("  \(section.path.padding(toLength: 48, withPad: " ", startingAt: 0)) \(personas.padding(toLength: 22, withPad: " ", startingAt: 0)) \(model.pageCount(inSection: index)) pages")
        }

        if let exportPath = options.value("--export") {
            func pairs(_ values: [(Int32, Float)]) -> String { "[" + values.map { "[\($0.0),\(String(format: "%.4f", $0.1))]" }.joined(separator: ",") + "]" }
            func numbers(_ values: [Double]) -> String { "[" + values.map { String(format: "%.4f", $0) }.joined(separator: ",") + "]" }
            var lines: [String] = []
            for path in truth.personas.keys.sorted() {
                guard let vectors = model.rawTermCounts(of: path), let assessment = model.assessment(of: path, in: truth.arranged),
                      let section = assessment.sectionIndex, let document = truth.arranged.document(path) else { continue }
                let modelParts = model.parts(of: path)
                let linked = truth.arranged.documentLinks(from: path).map { ($0.link.range, $0.target) }
                let links = linked.map(\.1)
                let parts = modelParts.indices.map { index -> String in
                    let part = modelParts[index]
                    let evidence = model.evidence(of: path, part: index)
                    let level = part.headingIndex.map { document.markdown.headings[$0].level } ?? 0
                    let signals = model.signalWeights(of: path, part: index).sorted { $0.key < $1.key }.map { (Int32($0.key), $0.value) }
                    let partLinks = linked.filter { modelParts[index].range.contains($0.0.lowerBound) }.map { JSONSerializer.string(.string($0.1)) }
                    return "{\"links\":[\(partLinks.joined(separator: ","))],\"words\":\(part.wordCount),\"code\":\(part.codeWordCount),\"level\":\(level),\"evidence\":\(numbers(evidence)),\"signals\":\(pairs(signals)),\"terms\":\(pairs(vectors.parts[index]))}"
                }.joined(separator: ",")
                let expectsPart = truth.expectations.contains { $0.code == "misplaced-section" && $0.path == path }
                lines.append("{\"path\":\(JSONSerializer.string(.string(path))),\"truth\":\(truth.personas[path]!),\"section\":\(section),\"words\":\(assessment.wordCount),"
                    + "\"disputed\":\(truth.disputed.contains(path)),\"expectedPart\":\(expectsPart),"
                    + "\"evidence\":\(numbers(assessment.scores.map(\.evidence))),\"signals\":\(pairs(model.signalWeights(of: path).sorted { $0.key < $1.key }.map { (Int32($0.key), $0.value) })),"
                    + "\"links\":[\(links.map { JSONSerializer.string(.string($0)) }.joined(separator: ","))],"
                    + "\"terms\":\(pairs(vectors.page)),\"parts\":[\(parts)]}")
            }
            let sectionLines = model.sections.sections.map { "{\"path\":\(JSONSerializer.string(.string($0.path))),\"personas\":\($0.personas),\"checked\":\($0.isChecked)}" }
            let idf = model.inverseDocumentFrequencies.map { String(format: "%.5f", $0) }.joined(separator: ",")
            let signalLines = model.signalTable.signals.map { "{\"persona\":\($0.persona),\"weight\":\($0.weight),\"label\":\(JSONSerializer.string(.string($0.label)))}" }
            let text = "{\"sections\":[\(sectionLines.joined(separator: ","))],\"signals\":[\(signalLines.joined(separator: ","))],\"idf\":[\(idf)],\"pages\":[\n\(lines.joined(separator: ",\n"))]}"
            do { try text.write(toFile: exportPath, atomically: true, encoding: .utf8) } catch {
                printError("docent-bench placement: cannot write \(exportPath): \(error.localizedDescription)")
                return 2
            }
        }
        // Labelled findings on the workspace as it is.
        if !truth.expectations.isEmpty {
            var found: [String: (Int, Int)] = [:]
            for expectation in truth.expectations {
                let diagnostics = rules.flatMap { $0.check(expectation.path, in: truth.original, cache: AnalysisCache()) }
                let hit = diagnostics.contains { diagnostic in
                    guard diagnostic.code == expectation.code else { return false }
                    if let section = expectation.suggestedSection, diagnostic.data["suggestedSection"] != .string(section) { return false }
                    if let heading = expectation.heading, diagnostic.data["heading"] != .string(heading) { return false }
                    return true
                }
                found[expectation.code, default: (0, 0)].0 += hit ? 1 : 0
                found[expectation.code, default: (0, 0)].1 += 1
                if verbose && !hit { print("  missed labelled \(expectation.code): \(expectation.path)") }
            }
            print("labelled findings on the workspace as it is: " + found.keys.sorted().map { "\($0) \(found[$0]!.0)/\(found[$0]!.1)" }.joined(separator: ", "))
        }
        let expectedParts = Set(truth.expectations.filter { $0.code == "misplaced-section" }.map(\.path))

        // The correctly arranged workspace must be quiet.
        let agreedOnly = options.flags.contains("--agreed-only")
        let judged = truth.personas.keys.filter { path in
            guard let document = truth.arranged.document(path), !truth.arranged.isGlossary(path) else { return false }
            if agreedOnly && truth.disputed.contains(path) { return false }
            return PlacementModel.declarationEntry(document.markdown) == nil
        }.sorted()
        var baselineDocument = 0
        var baselineSection = 0
        for path in judged {
            let documentWarnings = documentRule.check(path, in: truth.arranged, cache: AnalysisCache())
            let sectionWarnings = expectedParts.contains(path) ? [] : sectionRule.check(path, in: truth.arranged, cache: AnalysisCache())
            baselineDocument += documentWarnings.count
            baselineSection += sectionWarnings.count
            if verbose {
                for warning in documentWarnings + sectionWarnings { print("  baseline false warning \(path): \(warning.message)\(explain(path, truth.arranged, documentRule.parameters))") }
            }
        }
        if dumpPath != nil {
            for path in judged where !expectedParts.contains(path) {
                guard let assessment = model.assessment(of: path, in: truth.arranged), let section = assessment.sectionIndex else { continue }
                for part in assessment.parts { dumpPart(part, label: 0, placed: model.sections.sections[section].personas, donor: truth.personas[path]!) }
            }
        }
        if agreedOnly { print("judged: the \(judged.count) pages both readings agree on (\(truth.disputed.count) disputed pages stay in place, unjudged)") }
        print("correctly arranged: \(baselineDocument) misplaced-document and \(baselineSection) misplaced-section warnings on \(judged.count) pages")
        // Threshold-free: how often the best-scoring persona (among those with a section) is the page's own.
        var correct: [Int: (Int, Int)] = [:]
        for path in judged {
            guard let persona = truth.personas[path], let assessment = model.assessment(of: path, in: truth.arranged) else { continue }
            let best = assessment.scores.filter { hasSection($0.persona, model) }
                .max { $0.share < $1.share }?.persona
            correct[persona, default: (0, 0)].0 += best == persona ? 1 : 0
            if verbose && best != persona { print("  leave-one-out: \(path) reads as \(best.map { catalog.personas[$0].id } ?? "?")\(explain(path, truth.arranged, documentRule.parameters))") }
            correct[persona, default: (0, 0)].1 += 1
        }
        let right = correct.values.reduce(0) { $0 + $1.0 }
        print("leave-one-out: best persona is the page's own for \(right)/\(judged.count) pages ("
              + correct.keys.sorted().map { "\(catalog.personas[$0].id) \(correct[$0]!.0)/\(correct[$0]!.1)" }.joined(separator: ", ") + ")")

        // Its own generator, so that the moves below are the same with or without it.
        var stabilityGenerator = SeededGenerator(seed: seed ^ 0x5EED)
        measureStability(truth: truth, judged: judged, rule: documentRule, edits: Int(options.value("--stability-edits") ?? "30") ?? 30,
                         generator: &stabilityGenerator, verbose: verbose)
        var generator = SeededGenerator(seed: seed)
        let documentCounts = movePages(truth: truth, judged: judged, model: model, rule: documentRule, fraction: fraction, generator: &generator, verbose: verbose)
        print("misplaced-document: \(judged.count) pages each moved once into a section of another persona, \(Int((fraction * 100).rounded())) % per round")
        report(documentCounts, suggestionLabel: "suggested section has the page's persona")
        print("  suggested section is the one the page came from: \(documentCounts.sectionMatches)/\(documentCounts.detected)")
        if documentCounts.tooShortMoved > 0 {
            let judgeable = documentCounts.detected + documentCounts.missed - documentCounts.tooShortMoved
            print("  (\(documentCounts.tooShortMoved) of the missed pages have under \(parameters.minimumWords) words (prose, and code at a quarter), which the rule never judges; "
                  + "recall on the others \((Double(documentCounts.detected) / Double(max(1, judgeable))).formatted(3)))")
        }

        let sectionCounts = graftParts(truth: truth, judged: judged, model: model, sectionRule: sectionRule, documentRule: documentRule,
                                       expectedParts: expectedParts, fraction: fraction, generator: &generator, verbose: verbose)
        print("misplaced-section: pages given a `##` part (40–600 words of prose) from a page of another persona, \(Int((fraction * 100).rounded())) % per round")
        report(sectionCounts, suggestionLabel: "suggested section has the part's persona")
        if sectionCounts.hostFlaggedAsDocument > 0 {
            print("  (\(sectionCounts.hostFlaggedAsDocument) grafted pages were flagged as a whole by misplaced-document instead)")
        }
        if sectionCounts.missedReadingOtherwise > 0 {
            print("  (\(sectionCounts.missedReadingOtherwise) of the missed parts read most as another persona than the page they came from, whose persona labels them)")
        }
        return 0
    }

    /// How much one writer's edit moves the verdicts on other pages. Section profiles are learned from
    /// the workspace, so a page rewritten or deleted changes, a little, how every page of its section
    /// and of the others reads. This counts the other judged pages whose `misplaced-document` verdict
    /// (warned or not, and which persona it names) changes when one page loses the second half of its
    /// text, or is deleted: `edits` pages of each (30 by default), chosen at random.
    static func measureStability(truth: PlacementTruth, judged: [String], rule: MisplacedDocumentRule, edits: Int, generator: inout SeededGenerator, verbose: Bool) {
        func verdicts(_ snapshot: WorkspaceSnapshot, skipping skipped: String?) -> [String: String] {
            var result: [String: String] = [:]
            for path in judged where path != skipped {
                guard let warning = rule.check(path, in: snapshot, cache: AnalysisCache()).first else { continue }
                if case .string(let persona)? = warning.data["suggestedPersona"] { result[path] = persona } else { result[path] = "?" }
            }
            return result
        }
        let baseline = verdicts(truth.arranged, skipping: nil)
        var sample = judged
        sample.shuffle(using: &generator)
        sample = Array(sample.prefix(max(0, edits)))
        for (label, makeChange) in [
            ("loses the second half of its text", { (path: String, text: String) -> WorkspaceChange in
                let bytes = Array(text.utf8)
                var cut = bytes.count / 2
                while cut < bytes.count && bytes[cut] != UInt8(ascii: "\n") { cut += 1 }
                return .setDocument(path: path, text: SourceText(String(decoding: bytes[..<cut], as: UTF8.self) + "\n"), version: 2)
            }),
            ("is deleted", { (path: String, _: String) -> WorkspaceChange in .removeDocument(path: path) }),
        ] {
            var changedCounts: [Int] = []
            for path in sample {
                guard let document = truth.arranged.document(path) else { continue }
                let snapshot = truth.arranged.applying([makeChange(path, document.text.string)])
                var after = verdicts(snapshot, skipping: path)
                var before = baseline
                before[path] = nil
                after[path] = nil
                let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
                changedCounts.append(changed.count)
                if verbose {
                    for other in changed { print("  verdict moved: \(other) \(before[other] ?? "quiet") → \(after[other] ?? "quiet") when \(path) \(label)") }
                }
            }
            let moved = changedCounts.filter { $0 > 0 }.count
            let total = changedCounts.reduce(0, +)
            print("stability: when one page \(label), other pages' misplaced-document verdicts change on \(moved) of \(changedCounts.count) edits "
                  + "(\(total) verdicts in all, at most \(changedCounts.max() ?? 0) per edit, of \(judged.count - 1) pages)")
        }
    }

    nonisolated(unsafe) static var dumpPath: String?
    nonisolated(unsafe) static var dumpLines: [String] = []

    /// One line of `--dump`: how a part and the rest of its page read, for tuning the part rule offline.
    static func dumpPart(_ part: PartAssessment, label: Int, placed: [Int], donor: Int) {
        func list(_ values: [Double]) -> String { "[" + values.map { String(format: "%.4f", $0) }.joined(separator: ",") + "]" }
        dumpLines.append("{\"label\":\(label),\"placed\":\(placed),\"donor\":\(donor),\"words\":\(part.wordCount),\"coherence\":\(String(format: "%.4f", part.coherence)),\"pageRatio\":\(String(format: "%.4f", part.pageRatio)),"
            + "\"flagged\":\(part.finding != nil),\"part\":\(list(part.scores.map(\.share))),\"rest\":\(list(part.restScores.map(\.share))),"
            + "\"evidence\":\(list(part.scores.map(\.evidence))),\"affinity\":\(list(part.scores.map { $0.affinity ?? -1 })),\"restEvidence\":\(list(part.restScores.map(\.evidence)))}")
    }

    static func hasSection(_ persona: Int, _ model: PlacementModel) -> Bool {
        model.sections.sections.contains { $0.isChecked && $0.personas.contains(persona) }
    }

    static func report(_ counts: Counts, suggestionLabel: String) {
        print("  detected \(counts.detected) · missed \(counts.missed) · false warnings \(counts.falseWarnings) on \(counts.correctPageChecks) checks of correctly placed pages")
        print("  precision \(counts.precision.formatted(3))  recall \(counts.recall.formatted(3))  false warnings per 50 correct pages \(counts.falseWarningsPer50.formatted(2))  "
              + "\(suggestionLabel): \(counts.suggestionMatches)/\(counts.detected)")
    }

    /// Moves each judged page once, a batch per round, into a checked section of another persona.
    static func movePages(truth: PlacementTruth, judged: [String], model: PlacementModel, rule: MisplacedDocumentRule, fraction: Double,
                          generator: inout SeededGenerator, verbose: Bool) -> Counts {
        let sections = model.sections.sections.enumerated().filter { $0.element.isChecked }
        var order = judged
        order.shuffle(using: &generator)
        let batchSize = max(1, Int((Double(judged.count) * fraction).rounded()))
        var counts = Counts()
        var start = 0
        while start < order.count {
            let batch = Array(order[start..<min(order.count, start + batchSize)])
            start += batchSize
            var movedTo: [String: String] = [:]
            for path in batch {
                let persona = truth.personas[path]!
                let targets = sections.filter { !$0.element.personas.contains(persona) }
                guard let target = targets.randomElement(using: &generator) else { continue }
                let name = path.split(separator: "/").last.map(String.init) ?? path
                var newPath = target.element.path + "/" + name
                var suffix = 2
                while truth.arranged.document(newPath) != nil || movedTo.values.contains(newPath) {
                    newPath = target.element.path + "/\(suffix)-" + name
                    suffix += 1
                }
                movedTo[path] = newPath
            }
            let snapshot = truth.arranged.applying(LinkRelocation.changes(truth.arranged, moves: movedTo))
            for path in judged {
                let current = movedTo[path] ?? path
                let warnings = rule.check(current, in: snapshot, cache: AnalysisCache())
                if movedTo[path] != nil {
                    if let warning = warnings.first {
                        counts.detected += 1
                        if case .string(let persona)? = warning.data["suggestedPersona"], persona == model.catalog.personas[truth.personas[path]!].id {
                            counts.suggestionMatches += 1
                        }
                        if case .string(let section)? = warning.data["suggestedSection"], let home = model.sectionIndex(of: path),
                           section == model.sections.sections[home].path {
                            counts.sectionMatches += 1
                        }
                    } else {
                        counts.missed += 1
                        if let words = PlacementModel.of(snapshot, parameters: rule.parameters).assessment(of: current, in: snapshot)?.judgedWordCount,
                           words < rule.parameters.minimumWords {
                            counts.tooShortMoved += 1
                        }
                        if verbose { print("  missed move \(path) → \(current)\(explain(current, snapshot, rule.parameters))") }
                    }
                } else {
                    counts.correctPageChecks += 1
                    counts.falseWarnings += warnings.count
                    if verbose { for warning in warnings { print("  false warning \(path): \(warning.message)") } }
                }
            }
        }
        return counts
    }

    /// Gives each judged page (with another persona's pages available) one foreign `##` part.
    static func graftParts(truth: PlacementTruth, judged: [String], model: PlacementModel, sectionRule: MisplacedSectionRule,
                           documentRule: MisplacedDocumentRule, expectedParts: Set<String>, fraction: Double,
                           generator: inout SeededGenerator, verbose: Bool) -> Counts {
        // Donor parts: `##` parts with 40 to 600 words of prose, by the persona of their page.
        var donors: [Int: [(path: String, range: ByteRange, heading: String)]] = [:]
        for path in judged where !expectedParts.contains(path) {
            guard let document = truth.arranged.document(path), let persona = truth.personas[path],
                  let assessment = model.assessment(of: path, in: truth.arranged) else { continue }
            for part in assessment.parts where (40...600).contains(part.wordCount) {
                let heading = document.markdown.headings[part.headingIndex]
                guard heading.level == 2 else { continue }
                donors[persona, default: []].append((path, part.range, MarkdownText.plainText(heading.text)))
            }
        }
        var order = judged.filter { !expectedParts.contains($0) }
        order.shuffle(using: &generator)
        let batchSize = max(1, Int((Double(order.count) * fraction).rounded()))
        var counts = Counts()
        var start = 0
        while start < order.count {
            let batch = Array(order[start..<min(order.count, start + batchSize)])
            start += batchSize
            var changes: [WorkspaceChange] = []
            var grafted: [String: (heading: String, offset: Int, persona: Int)] = [:]
            // The part is moved, not copied: its donor page loses it, so no page of the workspace still
            // holds its text (a copy would be found by its likeness to the donor's section).
            let hosts = Set(batch)
            var usedDonors = Set<String>()
            for path in batch {
                let hostPersona = truth.personas[path]!
                guard let hostSection = model.sections.section(for: path) else { continue }
                let candidates = donors.filter { !hostSection.personas.contains($0.key) }.flatMap { persona, parts in parts.map { (persona, $0) } }
                    .filter { !hosts.contains($0.1.path) && !usedDonors.contains($0.1.path) }
                    .sorted { ($0.1.path, $0.1.range.lowerBound) < ($1.1.path, $1.1.range.lowerBound) }
                guard hostPersona >= 0, let (persona, donor) = candidates.randomElement(using: &generator),
                      let donorText = truth.arranged.document(donor.path)?.text, let host = truth.arranged.document(path)?.text else { continue }
                var text = host.string
                if !text.hasSuffix("\n") { text += "\n" }
                text += "\n"
                let offset = text.utf8.count
                var part = donorText.string(in: donor.range)
                if !part.hasSuffix("\n") { part += "\n" }
                text += part
                grafted[path] = (donor.heading, offset, persona)
                changes.append(.setDocument(path: path, text: SourceText(text), version: nil))
                usedDonors.insert(donor.path)
                var donorBytes = donorText.bytes
                donorBytes.removeSubrange(donor.range)
                changes.append(.setDocument(path: donor.path, text: SourceText(bytes: donorBytes), version: nil))
            }
            let snapshot = truth.arranged.applying(changes)
            for path in judged where !expectedParts.contains(path) {
                let warnings = sectionRule.check(path, in: snapshot, cache: AnalysisCache())
                if let graft = grafted[path] {
                    if dumpPath != nil, let assessment = PlacementModel.of(snapshot, parameters: sectionRule.parameters).assessment(of: path, in: snapshot),
                       let part = assessment.parts.first(where: { $0.range.lowerBound >= graft.offset }), let section = assessment.sectionIndex {
                        dumpPart(part, label: 1, placed: model.sections.sections[section].personas, donor: graft.persona)
                    }
                    let hit = warnings.first { $0.range.lowerBound >= graft.offset && $0.range.lowerBound < graft.offset + 16 + graft.heading.utf8.count }
                    if let hit {
                        counts.detected += 1
                        if case .string(let persona)? = hit.data["suggestedPersona"], persona == model.catalog.personas[graft.persona].id {
                            counts.suggestionMatches += 1
                        }
                    } else {
                        counts.missed += 1
                        if !documentRule.check(path, in: snapshot, cache: AnalysisCache()).isEmpty { counts.hostFlaggedAsDocument += 1 }
                        if let part = PlacementModel.of(snapshot, parameters: sectionRule.parameters).assessment(of: path, in: snapshot)?.parts.first(where: { $0.range.lowerBound >= graft.offset }),
                           let leader = part.scores.max(by: { $0.share < $1.share }), leader.persona != graft.persona {
                            counts.missedReadingOtherwise += 1
                        }
                        if verbose { print("  missed part “\(graft.heading)” (\(model.catalog.personas[graft.persona].id)) in \(path)\(explainPart(path, offset: graft.offset, snapshot, sectionRule.parameters))") }
                    }
                    counts.falseWarnings += warnings.count - (hit == nil ? 0 : 1)
                    if verbose {
                        for warning in warnings where warning.range != hit?.range { print("  false warning beside a graft \(path):\(warning.range.lowerBound) (graft at \(graft.offset)): \(warning.message)") }
                    }
                    counts.correctPageChecks += 1
                } else {
                    counts.correctPageChecks += 1
                    counts.falseWarnings += warnings.count
                    if verbose { for warning in warnings { print("  false warning \(path): \(warning.message)") } }
                }
            }
        }
        return counts
    }

    static func explain(_ path: String, _ snapshot: WorkspaceSnapshot, _ parameters: PlacementParameters) -> String {
        let model = PlacementModel.of(snapshot, parameters: parameters)
        guard let assessment = model.assessment(of: path, in: snapshot) else { return "" }
        let ranking = assessment.ranking.prefix(3).map { "\(model.catalog.personas[$0.persona].id) \(($0.share * 100).formatted(0))% e=\($0.evidence.formatted(1)) a=\(($0.affinity ?? -99).formatted(2))" }
        let near = model.nearestPages(to: path).map { "\(($0.similarity * 100).formatted(0)) \($0.path)" }
        return "  [\(assessment.wordCount) words; \(ranking.joined(separator: ", "))]\n      near: \(near.joined(separator: "\n            "))"
    }

    static func explainPart(_ path: String, offset: Int, _ snapshot: WorkspaceSnapshot, _ parameters: PlacementParameters) -> String {
        let model = PlacementModel.of(snapshot, parameters: parameters)
        guard let assessment = model.assessment(of: path, in: snapshot), let part = assessment.parts.first(where: { $0.range.lowerBound >= offset }) else { return "" }
        let ranking = part.scores.sorted { $0.share > $1.share }.prefix(3).map { "\(model.catalog.personas[$0.persona].id) \(($0.share * 100).formatted(0))% e=\($0.evidence.formatted(1)) a=\(($0.affinity ?? -99).formatted(2))" }
        return "  [\(part.wordCount) words; \(ranking.joined(separator: ", "))]"
    }

    /// Sets one parameter from `name=value`.
    static func apply(_ assignment: String, to parameters: inout PlacementParameters) -> Bool {
        let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let value = Double(parts[1]) else { return false }
        switch parts[0] {
        case "temperature": parameters.temperature = value
        case "evidencePrior": parameters.evidencePrior = value
        case "maximumLearnedWeight": parameters.maximumLearnedWeight = value
        case "learnedHalfWeightPages": parameters.learnedHalfWeightPages = value
        case "minimumWords": parameters.minimumWords = Int(value)
        case "minimumShare": parameters.minimumShare = value
        case "minimumRatio": parameters.minimumRatio = value
        case "maximumPlacedShare": parameters.maximumPlacedShare = value
        case "strongShare": parameters.strongShare = value
        case "builtInWeight": parameters.builtInWeight = value
        case "glossaryTermWeight": parameters.glossaryTermWeight = value
        case "strongRatio": parameters.strongRatio = value
        case "linkWeight": parameters.linkWeight = value
        case "suggestionNeighbours": parameters.suggestionNeighbours = Int(value)
        case "suggestionNeighbourWeight": parameters.suggestionNeighbourWeight = value
        case "suggestionLinkWeight": parameters.suggestionLinkWeight = value
        case "partMinimumLead": parameters.partMinimumLead = value
        case "ownPartsShare": parameters.ownPartsShare = value
        case "linkPrior": parameters.linkPrior = value
        case "inboundLinkWeight": parameters.inboundLinkWeight = value
        case "inboundLinkPrior": parameters.inboundLinkPrior = value
        case "linkDamping": parameters.linkDamping = value
        case "neighbourTextWeight": parameters.neighbourTextWeight = value
        case "profileHalfTrustPages": parameters.profileHalfTrustPages = value
        case "minimumPartWords": parameters.minimumPartWords = Int(value)
        case "partThreshold": parameters.partThreshold = value
        case "partPageRatioWeight": parameters.partPageRatioWeight = value
        case "partCoherenceWeight": parameters.partCoherenceWeight = value
        case "partLengthWeight": parameters.partLengthWeight = value
        case "partShiftWeight": parameters.partShiftWeight = value
        case "personaModelSmoothing": parameters.personaModelSmoothing = value
        case "restModelSmoothing": parameters.restModelSmoothing = value
        default: return false
        }
        return true
    }
}
