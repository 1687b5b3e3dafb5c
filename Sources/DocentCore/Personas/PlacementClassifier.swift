#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The numbers that turn evidence into scores and scores into findings. The defaults were chosen with
/// `docent-bench placement` (see the README); a benchmark may try others.
public struct PlacementParameters: Hashable, Sendable {
    /// How much one use of a glossary term counts as a term of the page (0: glossary terms are not
    /// used). Off by default: on the benchmark, glossary terms followed the topic of a page more than
    /// its reader and made the placement slightly worse.
    public var glossaryTermWeight: Double = 0
    /// How sharply similarities with the section profiles separate personas (log-odds per unit of cosine).
    public var temperature: Double = 20
    /// The weight of the built-in evidence's log-distribution; nil: one minus the learned weight.
    public var builtInWeight: Double? = 0.5
    /// Pseudo-evidence every persona gets, so that a single hint does not decide.
    public var evidencePrior: Double = 1.5
    /// The most the learned profiles may count against the built-in signals (0…1).
    public var maximumLearnedWeight: Double = 0.64
    /// Pages per section at which learned profiles count half of their maximum.
    public var learnedHalfWeightPages: Double = 3
    /// Pages of a persona's profile at which its learned score is trusted half (0: always fully).
    public var profileHalfTrustPages: Double = 3
    /// A page needs this many words of prose before it is judged.
    public var minimumWords: Int = 40
    /// The suggested persona's share must reach this…
    public var minimumShare: Double = 0.3
    /// …and be this many times the share of the section's own personas…
    public var minimumRatio: Double = 2
    /// …which must not exceed this.
    public var maximumPlacedShare: Double = 0.15
    /// Or: the suggested persona leads decisively — at least this share…
    public var strongShare: Double = 0.6
    /// …and this many times the section's own share.
    public var strongRatio: Double = 5
    /// A `##` part needs this many words of prose (code adds to them at a quarter).
    public var minimumPartWords: Int = 40
    /// Weight of where a page's links lead: `linkWeight · ln((n_p + linkPrior) / (n + P·linkPrior))` is
    /// added to persona p's log-score, n_p being the page's links to documents in p's sections (page
    /// findings only; a part's few links say little).
    public var linkWeight: Double = 0.5
    public var linkPrior: Double = 1
    /// The same for the links that lead to the page from pages of each persona's sections.
    public var inboundLinkWeight: Double = 0.25
    public var inboundLinkPrior: Double = 2
    /// Hub damping: a link to page j counts indegree(j)^−d, a link from page j outdegree(j)^−d, so that
    /// index pages linking to (or linked from) everything say less.
    public var linkDamping: Double = 0.5
    /// How much a page's learned affinity with each section takes from the text of the pages it links
    /// to (their mean unit vector, scored against the profiles without the page and them):
    /// affinity ← (1 − w)·own + w·neighbours.
    public var neighbourTextWeight: Double = 0.25
    /// A part is named when one log-odds, `z`, reaches `partThreshold`:
    /// `z = ln(foreign share ÷ placed share) + partPageRatioWeight · r − partCoherenceWeight · ln(c + 0.01)
    ///      + partLengthWeight · ln(words) + partShiftWeight · shift`, where
    /// - `r` is how much better the section's persona explains the part's words than the rest of its page
    ///   does (nats per word; high when the part is unlike its own page),
    /// - `c` is the cosine of the part's TF-IDF vector with the rest of the page's,
    /// - `shift` is how much more the foreign persona leads in the part than in the rest of the page.
    /// A part that reads as another persona, shares little with its page and reads unlike it adds up;
    /// any one of them alone does not.
    public var partThreshold: Double = 9.5
    public var partPageRatioWeight: Double = 1.5
    public var partCoherenceWeight: Double = 1.2
    public var partLengthWeight: Double = 0.3
    public var partShiftWeight: Double = 0.15
    /// …and the part must read more as the foreign persona than as the section's, by this factor: a
    /// part unlike its page but not written for anyone else is not named for another audience.
    public var partMinimumLead: Double = 1
    /// A page that reads as another persona as a whole, but whose `##` parts reading as its section's
    /// persona hold at least this share of its prose, owes that reading to its other parts (pasted in
    /// from elsewhere): those parts are named, by the page rule, instead of the page (0: never).
    public var ownPartsShare: Double = 0.5
    /// Which of the suggested persona's sections a finding names: the section whose profile the text
    /// is closest to (its learned affinity), plus `suggestionNeighbourWeight` times the summed cosine
    /// of the text's `suggestionNeighbours` most similar pages that sit in the section, plus
    /// `suggestionLinkWeight · ln(1 + links)` between the page and the section's pages.
    public var suggestionNeighbours: Int = 3
    public var suggestionNeighbourWeight: Double = 10
    public var suggestionLinkWeight: Double = 2
    /// Pseudo-counts of the workspace's word frequencies in each persona's word model…
    public var personaModelSmoothing: Double = 1000
    /// …and of the persona's word model in the rest-of-page model.
    public var restModelSmoothing: Double = 10

    public init() {}
}

/// How much a page (or part) reads like each persona.
public struct PersonaScore: Hashable, Sendable {
    public var persona: Int
    /// Share of the combined score, 0…1; the shares of a page sum to 1.
    public var share: Double
    /// Built-in signal evidence.
    public var evidence: Double
    /// The learned log-odds of the persona's best-fitting section (for a page's own personas: of the
    /// section it sits in), after trust shrinkage; nil when no section has it.
    public var affinity: Double?
}

/// A built-in or configured signal found in the page, with every place it occurs.
public struct SignalEvidence: Hashable, Sendable {
    public var persona: Int
    public var label: String
    public var ranges: [ByteRange]
    /// What the signal adds to the persona's evidence.
    public var contribution: Double
}

/// Why a page or part looks misplaced, and where it would fit.
public struct PlacementFinding: Hashable, Sendable {
    /// The best-scoring persona of the section it sits in.
    public var placedPersona: Int
    public var suggestedPersona: Int
    public var suggestedSection: Int
    /// How clearly the suggested persona wins against its rival, the section's personas (for a page in
    /// no section, the next persona): suggested share ÷ (suggested share + rival share), 0.5…1.
    public var confidence: Double
    /// The suggested persona's share, and the section's personas' (0 for a page in no section).
    public var suggestedShare: Double = 0
    public var placedShare: Double = 0
    /// The strongest signals for the suggested persona, for the message.
    public var labels: [String]
    /// Where the evidence is, for `relatedInformation`: the strongest built-in signals (`isSignal`),
    /// then, when there are fewer than three, words typical of the suggested section's pages.
    public var related: [(label: String, range: ByteRange, isSignal: Bool)]

    public static func == (lhs: PlacementFinding, rhs: PlacementFinding) -> Bool {
        lhs.placedPersona == rhs.placedPersona && lhs.suggestedPersona == rhs.suggestedPersona && lhs.suggestedSection == rhs.suggestedSection
            && lhs.confidence == rhs.confidence && lhs.labels == rhs.labels && lhs.related.map(\.range) == rhs.related.map(\.range)
            && lhs.related.map(\.isSignal) == rhs.related.map(\.isSignal)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(suggestedPersona)
        hasher.combine(suggestedSection)
        hasher.combine(labels)
    }
}

/// How one `##` part of a page reads.
public struct PartAssessment: Sendable {
    public var headingIndex: Int
    public var range: ByteRange
    public var wordCount: Int
    public var scores: [PersonaScore]
    public var evidence: [SignalEvidence]
    public var finding: PlacementFinding?
    /// How the rest of the page (every other part) reads, to tell a foreign part from a page that mixes.
    public var restScores: [PersonaScore] = []
    /// Whether the part was measured against the rest of its page (`restScores`, `coherence`,
    /// `pageRatio`): only parts long enough to judge, of pages in a checked section.
    public var isMeasured = false
    /// Cosine similarity of the part's terms with the rest of the page's (0…1).
    public var coherence: Double = 0
    /// How much better the section's persona explains the part's words than the rest of the page does,
    /// in nats per word (see `PlacementParameters.partThreshold`).
    public var pageRatio: Double = 0
}

/// How a page reads, where it sits, and whether it (or a part of it) is misplaced.
public struct PlacementAssessment: Sendable {
    public var path: String
    public var sectionIndex: Int?
    /// Personas named in front matter (`persona:` or `audience:`), resolved.
    public var declaredPersonas: [Int]
    /// Names in front matter that match no persona.
    public var unknownDeclaredPersonas: [String]
    /// Words of prose, and words in inline code and code blocks.
    public var wordCount: Int
    public var codeWordCount: Int = 0
    /// The length the page rule judges: prose, and code at a quarter (`PageFeatures.judgedWordCount`).
    public var judgedWordCount: Int { PageFeatures.judgedLength(words: wordCount, code: codeWordCount) }
    /// One score per persona of the catalog, in catalog order.
    public var scores: [PersonaScore]
    /// Learned log-odds for each checked section (its other pages), by section index.
    public var sectionAffinities: [Int: Double]
    /// Every signal found, the strongest first.
    public var evidence: [SignalEvidence]
    public var parts: [PartAssessment]
    /// Set when the page reads clearly as another persona than its section's.
    public var finding: PlacementFinding?
    /// For a page outside every section: where it would fit, when the evidence is strong.
    public var suggestion: PlacementFinding?
    /// The page's links to each persona's sections, and the links to it from each persona's sections
    /// (see `PlacementParameters.linkWeight`).
    public var linkCounts: [Int] = []
    public var inboundLinkCounts: [Int] = []

    /// Scores from the highest share down.
    public var ranking: [PersonaScore] { scores.sorted { ($0.share, $1.persona) > ($1.share, $0.persona) } }
}

/// A page's (or part's) terms in the model's vocabulary, sorted by id: sublinear frequencies
/// (`1 + ln tf`), and the same terms weighted by inverse document frequency at unit length.
struct TermCounts: Sendable {
    var ids: [Int32] = []
    /// `1 + ln tf`, tf weighted by where the word stands.
    var weights: [Float] = []
    /// Unit-length TF-IDF weights (aligned with `ids`).
    var unit: [Float] = []
    var mass: Float = 0

    var isEmpty: Bool { ids.isEmpty }
}

/// A checked section's learned profile: the sum of its pages' unit vectors, and of their sublinear
/// term counts (to name the words that tie a page to a section).
struct SectionProfile: Sendable {
    var unitSum: [Float]
    var unitNormSquared: Float = 0
    var counts: [Float]
    var mass: Float = 0
    /// Pages of the section that learn the profile (for how much the learned scores count).
    var pageCount: Int = 0
    /// Pages whose vectors are in the sums: `pageCount` less the pages left out as misplaced.
    var memberCount: Int = 0
}

/// The placement model of one workspace snapshot: personas, sections, every page's features and the
/// profiles learned from the pages in each section. Built once per snapshot (features once per
/// document text); assessing a page then costs a pass over its terms per section.
public final class PlacementModel: Sendable {
    public let catalog: PersonaCatalog
    public let sections: SectionMap
    public let signalTable: SignalTable
    public let parameters: PlacementParameters

    struct Page: Sendable {
        var features: PageFeatures
        var section: Int?
        var counts: TermCounts
        /// The vocabulary id of each of the page's terms (`features.keys`), or -1.
        var termIds: [Int32]
        /// Whether the page is part of its section's profile (so it is left out of it when assessed).
        var isInProfile: Bool
        var declared: [Int]
        var unknownDeclared: [String]
        /// The raw (place-weighted) count of the page's words in the vocabulary.
        var rawMass: Float = 0
        /// The pages of checked sections this page links to, once per link (itself left out), and,
        /// for a page of a checked section, the pages of checked sections that link to it.
        var outboundLinks: [String] = []
        var inboundLinks: [String] = []
        /// Left out of its section's profile because it reads as another persona (see `init(_:pruning:)`).
        var isPruned = false
        /// Whether the page's unit vector is in its section's profile.
        var isInSectionProfile: Bool { isInProfile && !isPruned }
    }

    let pages: [String: Page]
    let vocabulary: WordHashMap<Int32>
    /// The hash of each vocabulary id's term.
    let vocabularyKeys: [UInt64]
    let inverseDocumentFrequency: [Float]
    /// Sublinear counts of every page, and their total: how common each word is in the workspace.
    let background: [Float]
    let backgroundMass: Float
    let profiles: [SectionProfile?]
    /// Raw counts of every word over the profile pages of each persona's sections, by persona, and their
    /// totals (pages left out of the profiles as misplaced included: see `init(_:pruning:)`).
    let personaCounts: [[Float]]
    let personaMass: [Double]
    /// How common each word is in the workspace (raw counts, every page), to smooth the persona models.
    let wordProbability: [Float]
    /// The sections that have a profile, in section order, and per section its column in `profileRows` (or -1).
    let profileSections: [Int]
    let profileColumn: [Int]
    /// The profiles' unit sums by term: row `id` holds column `k` for section `profileSections[k]`, so a
    /// page's terms meet every profile in one pass.
    let profileRows: [Float]
    /// For each page some page links to: its unit vector's dot product with every profile (by
    /// column), so that the text of linked pages is scored without adding their vectors up.
    let linkedPageProfileDots: [String: [Float]]
    /// Checked sections by persona.
    let sectionsByPersona: [[Int]]
    /// Pages in the profiles of each persona's sections.
    let personaPageCounts: [Int]
    let learnedWeight: Double
    /// The latest assessments, the newest last: the rules of one page run one after another, and an
    /// editor asks about the pages it shows. Every page's would cost more memory than the model.
    private let assessments = Mutex<[PlacementAssessment]>([])
    static let rememberedAssessments = 16

    init(snapshot: WorkspaceSnapshot, catalog: PersonaCatalog, signalTable: SignalTable, parameters: PlacementParameters,
         features: [String: PageFeatures]) {
        self.catalog = catalog
        self.signalTable = signalTable
        self.parameters = parameters
        let paths = snapshot.checkedPaths
        let sections = SectionMap(configuration: snapshot.configuration, catalog: catalog, paths: paths)
        self.sections = sections

        // Document frequencies, then a vocabulary of the terms shared by at least two pages.
        var documentFrequency = WordHashMap<Int32>(capacity: 4096)
        for path in paths {
            guard let page = features[path] else { continue }
            for key in page.keys { documentFrequency.update(key, initial: 0) { $0 += 1 } }
        }
        var vocabulary = WordHashMap<Int32>(capacity: documentFrequency.count / 2)
        var idf: [Float] = []
        var vocabularyKeys: [UInt64] = []
        let total = Float(max(paths.count, 1))
        documentFrequency.forEachEntry { key, count in
            guard count >= 2 else { return }
            vocabulary[key] = Int32(idf.count)
            idf.append(logf((total + 1) / Float(count)))
            vocabularyKeys.append(key)
        }
        let size = idf.count
        self.vocabulary = vocabulary
        self.vocabularyKeys = PageFeatures.exact(vocabularyKeys)
        self.inverseDocumentFrequency = PageFeatures.exact(idf)

        var byPersona = [[Int]](repeating: [], count: catalog.personas.count)
        for (index, section) in sections.sections.enumerated() where section.isChecked {
            for persona in section.personas { byPersona[persona].append(index) }
        }
        self.sectionsByPersona = byPersona

        // Sublinear counts per page, and their sum over the workspace.
        var pages: [String: Page] = [:]
        var background = [Float](repeating: 0, count: size)
        var backgroundMass: Float = 0
        for path in paths {
            guard let page = features[path], let document = snapshot.document(path) else { continue }
            let (counts, termIds) = Self.counts(page, vocabulary: vocabulary)
            let section = sections.sectionIndex(for: path)
            let (declared, unknown) = Self.declaredPersonas(document.markdown, catalog: catalog)
            var isInProfile = false
            if let section, sections.sections[section].isChecked, !counts.isEmpty,
               declared.isEmpty || declared.contains(where: sections.sections[section].personas.contains) {
                isInProfile = true
            }
            for index in counts.ids.indices { background[Int(counts.ids[index])] += counts.weights[index] }
            backgroundMass += counts.mass
            pages[path] = Page(features: page, section: section, counts: counts, termIds: termIds, isInProfile: isInProfile, declared: declared, unknownDeclared: unknown)
        }
        // The link graph: every page's links to pages of checked sections; inbound links (and the
        // degrees that damp them) count only links between pages of checked sections.
        func isClassified(_ path: String) -> Bool { pages[path]?.section.map { sections.sections[$0].isChecked } ?? false }
        for path in paths where pages[path] != nil {
            let targets = snapshot.documentLinks(from: path).map(\.target).filter { $0 != path && isClassified($0) }
            pages[path]!.outboundLinks = targets
            if isClassified(path) { for target in targets { pages[target]!.inboundLinks.append(path) } }
        }
        self.background = background
        self.backgroundMass = backgroundMass

        // Raw word counts by persona (for the part rule's word models), and over the whole workspace.
        var personaCounts = [[Float]](repeating: [Float](repeating: 0, count: size), count: catalog.personas.count)
        var personaMass = [Double](repeating: 0, count: catalog.personas.count)
        var totals = [Float](repeating: 0, count: size)
        for path in paths {
            guard var page = pages[path] else { continue }
            let personas = page.isInProfile ? page.section.map { sections.sections[$0].personas } ?? [] : []
            var mass: Float = 0
            page.termIds.withUnsafeBufferPointer { termIds in
                page.features.weights.withUnsafeBufferPointer { weights in
                    for index in 0..<termIds.count where termIds[index] >= 0 {
                        let id = Int(termIds[index])
                        totals[id] += weights[index]
                        mass += weights[index]
                        for persona in personas { personaCounts[persona][id] += weights[index] }
                    }
                }
            }
            page.rawMass = mass
            pages[path] = page
            for persona in personas { personaMass[persona] += Double(mass) }
        }
        let smoothedTotal = totals.reduce(Float(0)) { $0 + $1 + 0.001 }
        self.personaCounts = personaCounts
        self.personaMass = personaMass
        self.wordProbability = totals.map { ($0 + 0.001) / max(smoothedTotal, 1e-9) }

        // Unit vectors, then the section profiles.
        var profiles = [SectionProfile?](repeating: nil, count: sections.sections.count)
        for (index, section) in sections.sections.enumerated() where section.isChecked {
            profiles[index] = SectionProfile(unitSum: [Float](repeating: 0, count: size), counts: [Float](repeating: 0, count: size))
        }
        for path in paths {
            guard var page = pages[path] else { continue }
            page.counts.unit = Self.unitWeights(page.counts, idf: idf)
            pages[path] = page
            guard page.isInProfile, let section = page.section else { continue }
            for index in page.counts.ids.indices {
                let id = Int(page.counts.ids[index])
                profiles[section]!.unitSum[id] += page.counts.unit[index]
                profiles[section]!.counts[id] += page.counts.weights[index]
            }
            profiles[section]!.mass += page.counts.mass
            profiles[section]!.pageCount += 1
            profiles[section]!.memberCount += 1
        }
        for index in profiles.indices where profiles[index] != nil {
            profiles[index]!.unitNormSquared = profiles[index]!.unitSum.reduce(0) { $0 + $1 * $1 }
        }
        let profileSections = profiles.indices.filter { profiles[$0] != nil }
        var profileColumn = [Int](repeating: -1, count: profiles.count)
        for (column, section) in profileSections.enumerated() { profileColumn[section] = column }
        self.profileSections = profileSections
        self.profileColumn = profileColumn
        self.profileRows = Self.rows(profiles, sections: profileSections, size: size)
        self.pages = pages
        self.profiles = profiles
        self.linkedPageProfileDots = Self.linkedPageProfileDots(pages, rows: profileRows, columns: profileSections.count)
        self.personaPageCounts = byPersona.map { $0.reduce(0) { $0 + (profiles[$1]?.pageCount ?? 0) } }
        // Learned profiles count more as sections grow: with two or three pages per section the
        // built-in signals carry most of the weight, with hundreds the workspace's own usage does.
        let pageCounts = profiles.compactMap { $0?.pageCount }.filter { $0 > 0 }
        let average = pageCounts.isEmpty ? 0 : Double(pageCounts.reduce(0, +)) / Double(pageCounts.count) - 1
        self.learnedWeight = pageCounts.count < 2 ? 0 : parameters.maximumLearnedWeight * max(0, average) / (max(0, average) + parameters.learnedHalfWeightPages)
    }

    /// See `linkedPageProfileDots`.
    static func linkedPageProfileDots(_ pages: [String: Page], rows: [Float], columns: Int) -> [String: [Float]] {
        var targets = Set<String>()
        for page in pages.values { targets.formUnion(page.outboundLinks) }
        var result: [String: [Float]] = [:]
        for path in targets {
            guard let page = pages[path] else { continue }
            result[path] = [Float](unsafeUninitializedCapacity: columns) { dots, initialized in
                dots.initialize(repeating: 0)
                addProfileDots(of: page.counts, rows: rows, columns: columns, into: dots)
                initialized = columns
            }
        }
        return result
    }

    /// Adds the dot product of `text`'s unit vector with every profile to `dots` (by column), in one
    /// pass over its terms through the term-by-section rows.
    static func addProfileDots(of text: TermCounts, rows: [Float], columns: Int, into dots: UnsafeMutableBufferPointer<Float>) {
        rows.withUnsafeBufferPointer { rows in
            text.ids.withUnsafeBufferPointer { ids in
                text.unit.withUnsafeBufferPointer { unit in
                    for position in 0..<ids.count {
                        let weight = unit[position]
                        let base = Int(ids[position]) * columns
                        for column in 0..<columns { dots[column] += weight * rows[base + column] }
                    }
                }
            }
        }
    }

    /// The profiles' unit sums by term (see `profileRows`).
    static func rows(_ profiles: [SectionProfile?], sections profileSections: [Int], size: Int) -> [Float] {
        let columns = profileSections.count
        var rows = [Float](repeating: 0, count: size * columns)
        rows.withUnsafeMutableBufferPointer { rows in
            for (column, section) in profileSections.enumerated() {
                profiles[section]!.unitSum.withUnsafeBufferPointer { sum in
                    for id in 0..<size { rows[id * columns + column] = sum[id] }
                }
            }
        }
        return rows
    }

    /// `model` with the pages at `paths` left out of their sections' profiles (their vectors and counts
    /// taken out of the sums). How much the learned scores count (the sections' page counts) and the
    /// part rule's persona word counts stay as they are: that is the method the benchmark measured.
    init(_ model: PlacementModel, pruning paths: [String]) {
        catalog = model.catalog
        sections = model.sections
        signalTable = model.signalTable
        parameters = model.parameters
        vocabulary = model.vocabulary
        vocabularyKeys = model.vocabularyKeys
        inverseDocumentFrequency = model.inverseDocumentFrequency
        background = model.background
        backgroundMass = model.backgroundMass
        personaCounts = model.personaCounts
        personaMass = model.personaMass
        wordProbability = model.wordProbability
        profileSections = model.profileSections
        profileColumn = model.profileColumn
        sectionsByPersona = model.sectionsByPersona
        personaPageCounts = model.personaPageCounts
        learnedWeight = model.learnedWeight
        var pages = model.pages
        var profiles = model.profiles
        var touched = Set<Int>()
        for path in paths {
            guard var page = pages[path], page.isInSectionProfile, let section = page.section, profiles[section] != nil else { continue }
            page.isPruned = true
            pages[path] = page
            touched.insert(section)
            for index in page.counts.ids.indices {
                let id = Int(page.counts.ids[index])
                profiles[section]!.unitSum[id] -= page.counts.unit[index]
                profiles[section]!.counts[id] = max(0, profiles[section]!.counts[id] - page.counts.weights[index])
            }
            profiles[section]!.mass = max(0, profiles[section]!.mass - page.counts.mass)
            profiles[section]!.memberCount -= 1
        }
        for index in touched.sorted() { profiles[index]!.unitNormSquared = profiles[index]!.unitSum.reduce(0) { $0 + $1 * $1 } }
        self.pages = pages
        self.profiles = profiles
        profileRows = touched.isEmpty ? model.profileRows : Self.rows(profiles, sections: model.profileSections, size: model.inverseDocumentFrequency.count)
        linkedPageProfileDots = touched.isEmpty ? model.linkedPageProfileDots : Self.linkedPageProfileDots(pages, rows: profileRows, columns: model.profileSections.count)
    }

    /// The model of a snapshot: the profiles are learned from every page of each section, then once
    /// more without the pages they find misplaced. A page that reads as another persona should not
    /// describe the section it sits in, or a few such pages in a small section make it look like theirs.
    static func build(snapshot: WorkspaceSnapshot, catalog: PersonaCatalog, signalTable: SignalTable, parameters: PlacementParameters,
                      features: [String: PageFeatures]) -> PlacementModel {
        let draft = PlacementModel(snapshot: snapshot, catalog: catalog, signalTable: signalTable, parameters: parameters, features: features)
        let pruned = draft.misplacedProfilePages()
        return pruned.isEmpty ? draft : PlacementModel(draft, pruning: pruned)
    }

    /// The pages of the profiles that the page rule finds misplaced (front-matter declarations are
    /// trusted), in path order.
    func misplacedProfilePages() -> [String] {
        var result: [String] = []
        for (path, page) in pages where page.isInSectionProfile && page.declared.isEmpty {
            guard let section = page.section, page.features.wordCount >= parameters.minimumWords else { continue }
            let pageDot = ownPageDot(page)
            let affinities = pageAffinities(page, path: path, own: self.affinities(page.counts, page: page, ownPageDot: pageDot), ownPageDot: pageDot)
            let evidence = self.evidence(page.features.hits, indices: Array(page.features.hits.indices))
            let scores = self.scores(affinities: affinities, evidence: evidence, ownSection: section, links: linkEvidence(page))
            if pageVerdict(scores: scores, placed: sections.sections[section].personas, excluding: section) != nil { result.append(path) }
        }
        return result.sorted()
    }

    /// Per persona, the weight of `links` (paths of pages of checked sections) leading to or from its
    /// sections: each link weighs `degree(page)^−linkDamping` when `degree` is given, else 1; a section
    /// of several personas counts for each.
    func linkWeights(_ links: [String], degree: ((Page) -> Int)? = nil) -> [Double] {
        var weights = [Double](repeating: 0, count: catalog.personas.count)
        for path in links {
            guard let other = pages[path], let section = other.section else { continue }
            let weight = degree.map { pow(Double(max(1, $0(other))), -parameters.linkDamping) } ?? 1
            for persona in sections.sections[section].personas where persona < weights.count { weights[persona] += weight }
        }
        return weights
    }

    /// The page's outbound and inbound link weights per persona (damped, for the scores).
    func linkEvidence(_ page: Page) -> LinkEvidence {
        LinkEvidence(outbound: linkWeights(page.outboundLinks, degree: { $0.inboundLinks.count }),
                     inbound: linkWeights(page.inboundLinks, degree: { $0.outboundLinks.count }))
    }

    struct LinkEvidence {
        var outbound: [Double] = []
        var inbound: [Double] = []
    }

    /// The learned affinities of the text of the pages `page` links to: their mean unit vector's
    /// cosine with each checked section's profile, the page and those pages left out of the profiles
    /// (times the temperature). Nil when the page links to no page with words.
    func neighbourAffinities(_ page: Page, path: String, ownPageDot pageDot: Float) -> [Double?]? {
        var seen = Set<String>()
        var neighbours: [(page: Page, dots: [Float])] = []
        for target in page.outboundLinks where target != path && seen.insert(target).inserted {
            guard let other = pages[target], !other.counts.isEmpty, let dots = linkedPageProfileDots[target] else { continue }
            neighbours.append((other, dots))
        }
        guard !neighbours.isEmpty else { return nil }
        // m = Σ u_j / ‖Σ u_j‖ over the neighbours j. Everything below is a sum of dot products of unit
        // vectors: pairwise among the neighbours and the page, and each with the profiles (precomputed).
        func dot(_ a: Page, _ b: Page) -> Float { Self.dot(a.counts.ids, a.counts.unit, b.counts.ids, b.counts.unit) }
        let count = neighbours.count
        var pair = [Float](repeating: 0, count: count * count)
        for first in 0..<count {
            pair[first * count + first] = 1
            for second in (first + 1)..<count {
                let value = dot(neighbours[first].page, neighbours[second].page)
                pair[first * count + second] = value
                pair[second * count + first] = value
            }
        }
        let norm = pair.reduce(0, +).squareRoot()
        guard norm > 1e-6 else { return nil }
        let meanDotNeighbour = (0..<count).map { second in (0..<count).reduce(Float(0)) { $0 + pair[$1 * count + second] } / norm }
        let pageLeavesProfile = page.isInSectionProfile && page.section.map { profiles[$0] != nil } == true
        let pageDots = pageLeavesProfile ? neighbours.map { dot(page, $0.page) } : []
        let meanDotPage = pageDots.reduce(0, +) / norm
        let ownDot = pageLeavesProfile ? pageDot : 0
        var result = filledArray(Double?.none, count: profiles.count)
        for (column, index) in profileSections.enumerated() {
            // S⁻ = S − Σ u_r over the page and its neighbours that are members of the profile:
            // m·S⁻ = m·S − Σ m·u_r, ‖S⁻‖² = ‖S‖² − 2 Σ S·u_r + ‖Σ u_r‖².
            var dot = neighbours.reduce(Float(0)) { $0 + $1.dots[column] } / norm
            var normSquared = profiles[index]!.unitNormSquared
            let leaving = (0..<count).filter { neighbours[$0].page.isInSectionProfile && neighbours[$0].page.section == index }
            let pageLeaves = pageLeavesProfile && page.section == index
            var leavingNormSquared = Float(leaving.count + (pageLeaves ? 1 : 0))
            for (position, first) in leaving.enumerated() {
                dot -= meanDotNeighbour[first]
                normSquared -= 2 * neighbours[first].dots[column]
                for second in leaving[(position + 1)...] { leavingNormSquared += 2 * pair[first * count + second] }
                if pageLeaves { leavingNormSquared += 2 * pageDots[first] }
            }
            if pageLeaves {
                dot -= meanDotPage
                normSquared -= 2 * ownDot
            }
            normSquared += leavingNormSquared
            guard profiles[index]!.memberCount - leaving.count - (pageLeaves ? 1 : 0) > 0, normSquared > 1e-6 else { continue }
            result[index] = parameters.temperature * Double(max(0, dot) / normSquared.squareRoot())
        }
        return result
    }

    /// A page's affinities with the text of the pages it links to mixed in (see `neighbourTextWeight`).
    func pageAffinities(_ page: Page, path: String, own: [Double?], ownPageDot pageDot: Float) -> [Double?] {
        let weight = parameters.neighbourTextWeight
        guard weight > 0, let neighbours = neighbourAffinities(page, path: path, ownPageDot: pageDot) else { return own }
        return own.indices.map { index in
            guard own[index] != nil || neighbours[index] != nil else { return nil }
            return (1 - weight) * (own[index] ?? 0) + weight * (neighbours[index] ?? 0)
        }
    }

    /// The personas a page declares in front matter (`persona:`, `audience:`), and names that match none.
    static func declaredPersonas(_ markdown: MarkdownDocument, catalog: PersonaCatalog) -> ([Int], [String]) {
        guard let frontMatter = markdown.frontMatter else { return ([], []) }
        var known: [Int] = []
        var unknown: [String] = []
        for key in ["persona", "personas", "audience"] {
            for name in declaredNames(frontMatter, key: key) {
                if let index = catalog.index(of: name) {
                    if !known.contains(index) { known.append(index) }
                } else {
                    unknown.append(name)
                }
            }
        }
        return (known, unknown)
    }

    /// The names a front-matter key declares: its values, each split at commas and trimmed.
    static func declaredNames(_ frontMatter: FrontMatter, key: String) -> [String] {
        frontMatter.strings(key).flatMap { $0.split(separator: ",").map { String($0).trimmingSpaces() } }.filter { !$0.isEmpty }
    }

    /// The front-matter entry that declares the page's persona.
    public static func declarationEntry(_ markdown: MarkdownDocument) -> FrontMatterEntry? {
        guard let frontMatter = markdown.frontMatter else { return nil }
        return ["persona", "personas", "audience"].lazy.compactMap { frontMatter.entry($0) }.first
    }

    /// The page's counts in the vocabulary, and the vocabulary id of each of its terms (or -1).
    static func counts(_ page: PageFeatures, vocabulary: WordHashMap<Int32>) -> (TermCounts, [Int32]) {
        var order: [UInt64] = []
        var weights: [Float] = []
        order.reserveCapacity(page.keys.count)
        weights.reserveCapacity(page.keys.count)
        var termIds: [Int32] = []
        termIds.reserveCapacity(page.keys.count)
        page.keys.withUnsafeBufferPointer { keys in
            page.weights.withUnsafeBufferPointer { pageWeights in
                for index in 0..<keys.count {
                    guard let id = vocabulary[keys[index]] else { termIds.append(-1); continue }
                    termIds.append(id)
                    order.append(UInt64(UInt32(bitPattern: id)) << 32 | UInt64(weights.count))
                    weights.append(max(0.1, 1 + logf(pageWeights[index])))
                }
            }
        }
        return (sortedCounts(order: &order, weights: weights), termIds)
    }

    /// Counts sorted by id from entries in any order: `order` holds `id << 32 | position`.
    static func sortedCounts(order: inout [UInt64], weights: [Float]) -> TermCounts {
        order.sort()
        var result = TermCounts()
        let count = order.count
        result.ids.reserveCapacity(count)
        result.weights.reserveCapacity(count)
        var mass: Float = 0
        for entry in order {
            let position = Int(entry & 0xFFFF_FFFF)
            result.ids.append(Int32(bitPattern: UInt32(truncatingIfNeeded: entry >> 32)))
            result.weights.append(weights[position])
            mass = mass + weights[position]
        }
        result.mass = mass
        return result
    }

    static func unitWeights(_ counts: TermCounts, idf: [Float]) -> [Float] {
        var weights = filledArray(Float(0), count: counts.ids.count)
        var norm: Float = 0
        for index in counts.ids.indices {
            let weight = counts.weights[index] * idf[Int(counts.ids[index])]
            weights[index] = weight
            norm += weight * weight
        }
        guard norm > 0 else { return weights }
        let scale = 1 / norm.squareRoot()
        for index in weights.indices { weights[index] *= scale }
        return weights
    }

    /// The terms of part `part` of `page`.
    func counts(ofPart part: Int, of page: Page) -> TermCounts {
        let features = page.features
        let range = features.parts[part].termRange
        var order: [UInt64] = []
        var weights: [Float] = []
        order.reserveCapacity(range.count)
        weights.reserveCapacity(range.count)
        features.partTerms.withUnsafeBufferPointer { partTerms in
            features.partWeights.withUnsafeBufferPointer { partWeights in
                page.termIds.withUnsafeBufferPointer { termIds in
                    for position in range {
                        let id = termIds[Int(partTerms[position])]
                        guard id >= 0 else { continue }
                        order.append(UInt64(UInt32(bitPattern: id)) << 32 | UInt64(weights.count))
                        weights.append(max(0.1, 1 + logf(partWeights[position])))
                    }
                }
            }
        }
        var counts = Self.sortedCounts(order: &order, weights: weights)
        counts.unit = Self.unitWeights(counts, idf: inverseDocumentFrequency)
        return counts
    }

    /// The terms of every part of `page` but part `part`: the page's weights less the part's.
    func counts(ofRestOf page: Page, excluding part: Int) -> TermCounts {
        let features = page.features
        let range = features.parts[part].termRange
        let termCount = features.keys.count
        var order: [UInt64] = []
        var weights: [Float] = []
        order.reserveCapacity(termCount)
        weights.reserveCapacity(termCount)
        withUnsafeTemporaryAllocation(of: Float.self, capacity: termCount) { inPart in
            inPart.initialize(repeating: 0)
            features.partTerms.withUnsafeBufferPointer { partTerms in
                features.partWeights.withUnsafeBufferPointer { partWeights in
                    for position in range { inPart[Int(partTerms[position])] = partWeights[position] }
                }
            }
            features.weights.withUnsafeBufferPointer { pageWeights in
                page.termIds.withUnsafeBufferPointer { termIds in
                    for index in 0..<termCount {
                        let id = termIds[index]
                        guard id >= 0 else { continue }
                        let left = pageWeights[index] - inPart[index]
                        if left >= 0.01 {
                            order.append(UInt64(UInt32(bitPattern: id)) << 32 | UInt64(weights.count))
                            weights.append(max(0.1, 1 + logf(left)))
                        }
                    }
                }
            }
        }
        var counts = Self.sortedCounts(order: &order, weights: weights)
        counts.unit = Self.unitWeights(counts, idf: inverseDocumentFrequency)
        return counts
    }

    public var documentPaths: [String] { pages.keys.sorted() }

    /// The section a page sits in.
    public func sectionIndex(of path: String) -> Int? { pages[path]?.section ?? sections.sectionIndex(for: path) }

    /// Pages per section, as the model sees them.
    public func pageCount(inSection index: Int) -> Int { pages.values.filter { $0.section == index }.count }

    // MARK: Learned affinity

    /// How much `text` (a page or one of its parts) resembles each checked section's other pages: the
    /// cosine with the section's summed unit vectors, as log-odds (times the temperature). The page is
    /// left out of its own section's profile by subtraction: its unit vector was added to the sum.
    func affinities(_ text: TermCounts, page: Page) -> [Double?] {
        affinities(text, page: page, ownPageDot: ownPageDot(page))
    }

    /// The dot product of the page's unit vector with its own section's profile (which holds it), or 0.
    func ownPageDot(_ page: Page) -> Float {
        guard page.isInSectionProfile, let section = page.section, profileColumn[section] >= 0 else { return 0 }
        let column = profileColumn[section]
        let columns = profileSections.count
        var pageDot: Float = 0
        profileRows.withUnsafeBufferPointer { rows in
            page.counts.ids.withUnsafeBufferPointer { ids in
                page.counts.unit.withUnsafeBufferPointer { unit in
                    for position in 0..<ids.count { pageDot += unit[position] * rows[Int(ids[position]) * columns + column] }
                }
            }
        }
        return pageDot
    }

    /// `affinities(_:page:)` with the page's dot product with its own profile computed once per page.
    func affinities(_ text: TermCounts, page: Page, ownPageDot pageDot: Float) -> [Double?] {
        var result = filledArray(Double?.none, count: profiles.count)
        guard !text.isEmpty else { return result }
        let own = page.isInSectionProfile ? page.section : nil
        let overlap = Self.dot(text.ids, text.unit, page.counts.ids, page.counts.unit)
        let columns = profileSections.count
        guard columns > 0 else { return result }
        withUnsafeTemporaryAllocation(of: Float.self, capacity: columns) { dots in
            dots.initialize(repeating: 0)
            Self.addProfileDots(of: text, rows: profileRows, columns: columns, into: dots)
            for column in 0..<columns {
                let index = profileSections[column]
                var dot = dots[column]
                var normSquared = profiles[index]!.unitNormSquared
                var count = profiles[index]!.memberCount
                if index == own {
                    dot -= overlap
                    normSquared = normSquared - 2 * pageDot + 1
                    count -= 1
                }
                guard count > 0, normSquared > 1e-6 else { continue }
                result[index] = parameters.temperature * Double(max(0, dot) / normSquared.squareRoot())
            }
        }
        return result
    }

    /// The pages of checked sections most similar to the page at `path` (cosine of TF-IDF vectors), the
    /// most similar first; the page itself is left out, pages left out of a profile as misplaced are not.
    public func nearestPages(to path: String, count: Int = 5) -> [(path: String, similarity: Double)] {
        guard let page = pages[path] else { return [] }
        var found: [(path: String, similarity: Double)] = []
        for (other, entry) in pages where entry.isInProfile && other != path {
            let similarity = Double(Self.dot(page.counts.ids, page.counts.unit, entry.counts.ids, entry.counts.unit))
            if similarity > 0 { found.append((other, similarity)) }
        }
        return Array(found.sorted { ($0.similarity, $1.path) > ($1.similarity, $0.path) }.prefix(count))
    }

    /// A page's terms and each of its parts' as raw (place-weighted) counts by vocabulary id, for tuning
    /// with `docent-bench placement --export`.
    public func rawTermCounts(of path: String) -> (page: [(Int32, Float)], parts: [[(Int32, Float)]])? {
        guard let page = pages[path] else { return nil }
        let features = page.features
        var whole: [(Int32, Float)] = []
        for index in features.keys.indices where page.termIds[index] >= 0 { whole.append((page.termIds[index], features.weights[index])) }
        let parts = features.parts.map { part in
            part.termRange.compactMap { position -> (Int32, Float)? in
                let id = page.termIds[Int(features.partTerms[position])]
                return id >= 0 ? (id, features.partWeights[position]) : nil
            }
        }
        return (whole, parts)
    }

    /// The built-in signals found in a page, by signal index (`signalTable.signals`), with the summed
    /// weight of their hits (for tuning), per part when `part` is given.
    public func signalWeights(of path: String, part: Int? = nil) -> [Int: Float] {
        guard let page = pages[path] else { return [:] }
        var result: [Int: Float] = [:]
        let indices = part.map { page.features.hitIndices(ofPart: $0) } ?? Array(page.features.hits.indices)
        for index in indices { result[Int(page.features.hits[index].signal), default: 0] += page.features.hits[index].placeWeight }
        return result
    }

    /// The `##` parts of a page as the model reads them (for tuning).
    public func parts(of path: String) -> [PageFeatures.Part] { pages[path]?.features.parts ?? [] }

    /// Built-in evidence per persona of one part of a page (for tuning).
    public func evidence(of path: String, part: Int) -> [Double] {
        guard let page = pages[path] else { return [] }
        var result = [Double](repeating: 0, count: catalog.personas.count)
        for item in evidence(page.features.hits, indices: page.features.hitIndices(ofPart: part)) { result[item.persona] += item.contribution }
        return result
    }

    /// The model's inverse document frequencies, by vocabulary id (for tuning).
    public var inverseDocumentFrequencies: [Float] { inverseDocumentFrequency }

    /// The dot product of two sparse vectors sorted by id, summed in id order. The shorter side is
    /// walked and the longer one searched (a part's terms against its page's).
    static func dot(_ leftIds: [Int32], _ left: [Float], _ rightIds: [Int32], _ right: [Float]) -> Float {
        var total: Float = 0
        leftIds.withUnsafeBufferPointer { leftIds in
            rightIds.withUnsafeBufferPointer { rightIds in
                left.withUnsafeBufferPointer { left in
                    right.withUnsafeBufferPointer { right in
                        if leftIds.count * 8 < rightIds.count {
                            var b = 0
                            for a in 0..<leftIds.count {
                                b = lowerBound(rightIds, leftIds[a], from: b)
                                guard b < rightIds.count else { break }
                                if rightIds[b] == leftIds[a] { total += left[a] * right[b]; b += 1 }
                            }
                        } else if rightIds.count * 8 < leftIds.count {
                            var a = 0
                            for b in 0..<rightIds.count {
                                a = lowerBound(leftIds, rightIds[b], from: a)
                                guard a < leftIds.count else { break }
                                if leftIds[a] == rightIds[b] { total += left[a] * right[b]; a += 1 }
                            }
                        } else {
                            var a = 0
                            var b = 0
                            while a < leftIds.count && b < rightIds.count {
                                let x = leftIds[a]
                                let y = rightIds[b]
                                if x == y {
                                    total += left[a] * right[b]
                                    a += 1
                                    b += 1
                                } else if x < y {
                                    a += 1
                                } else {
                                    b += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        return total
    }

    /// The first index at or after `start` whose id is not below `id` (galloping, then binary search).
    @inline(__always)
    static func lowerBound(_ ids: UnsafeBufferPointer<Int32>, _ id: Int32, from start: Int) -> Int {
        var low = start
        var step = 1
        var high = start
        while high < ids.count && ids[high] < id {
            low = high + 1
            high = start + step
            step <<= 1
        }
        high = min(high, ids.count)
        while low < high {
            let middle = (low + high) >> 1
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low
    }

    // MARK: Assessing

    /// `assess(_:in:)`, remembered for the latest pages: the four placement rules, hover and commands
    /// ask for the same page one after another.
    public func assessment(of path: String, in snapshot: WorkspaceSnapshot) -> PlacementAssessment? {
        if let found = assessments.withLock({ $0.last { $0.path == path } }) { return found }
        guard let computed = assess(path, in: snapshot) else { return nil }
        assessments.withLock { remembered in
            if remembered.count >= Self.rememberedAssessments { remembered.removeFirst() }
            remembered.append(computed)
        }
        return computed
    }

    /// How the page at `path` reads and whether it is misplaced. Nil for a page the model does not hold.
    public func assess(_ path: String, in snapshot: WorkspaceSnapshot) -> PlacementAssessment? {
        guard let page = pages[path], let document = snapshot.document(path) else { return nil }
        let occurrences = FirstOccurrences(path: path, snapshot: snapshot, model: self)
        let pageDot = ownPageDot(page)
        let affinities = self.affinities(page.counts, page: page, ownPageDot: pageDot)
        let evidence = self.evidence(page.features.hits, indices: Array(page.features.hits.indices))
        let scores = self.scores(affinities: pageAffinities(page, path: path, own: affinities, ownPageDot: pageDot), evidence: evidence, ownSection: page.section,
                                 links: linkEvidence(page))
        var assessment = PlacementAssessment(
            path: path, sectionIndex: page.section, declaredPersonas: page.declared, unknownDeclaredPersonas: page.unknownDeclared,
            wordCount: page.features.wordCount, codeWordCount: page.features.codeWordCount, scores: scores,
            sectionAffinities: Dictionary(uniqueKeysWithValues: affinities.indices.compactMap { index in affinities[index].map { (index, $0) } }), evidence: evidence, parts: [],
            finding: nil, suggestion: nil,
            linkCounts: linkWeights(page.outboundLinks).map { Int($0.rounded()) }, inboundLinkCounts: linkWeights(page.inboundLinks).map { Int($0.rounded()) })

        let section = page.section.map { sections.sections[$0] }
        let isChecked = section?.isChecked ?? false
        let declaresOther = isChecked && !page.declared.isEmpty && !page.declared.contains(where: section!.personas.contains)
        let declaresOwn = isChecked && page.declared.contains(where: section!.personas.contains)
        if let section, isChecked, !declaresOther, !declaresOwn {
            assessment.finding = finding(scores: scores, affinities: affinities, evidence: evidence, placed: section.personas,
                                         excluding: page.section, words: page.features.judgedWordCount, counts: page.counts, page: page,
                                         text: document.text, terms: { occurrences.page($0) }, isPart: false, path: path)
        }
        if section == nil && sections.isConfigured {
            assessment.suggestion = finding(scores: scores, affinities: affinities, evidence: evidence, placed: [], excluding: nil,
                                            words: page.features.judgedWordCount, counts: page.counts, page: page, text: document.text,
                                            terms: { occurrences.page($0) }, isPart: false, path: path)
        }
        let pageSuggestion = assessment.finding?.suggestedPersona
        var partResults: [PartAssessment] = []
        partResults.reserveCapacity(page.features.parts.count)
        // Per part: its finding by the part rule, unfiltered, and (for a flagged page) how to judge it by
        // the page rule, which runs only when the page turns out to owe its reading to its parts.
        var partCandidates: [PlacementFinding?] = []
        var pageRuleFindings: [(() -> PlacementFinding?)?] = []
        for (partIndex, part) in page.features.parts.enumerated() {
            guard let headingIndex = part.headingIndex else { continue }
            let counts = self.counts(ofPart: partIndex, of: page)
            let partAffinities = self.affinities(counts, page: page, ownPageDot: pageDot)
            let partHits = page.features.hitIndices(ofPart: partIndex)
            let partEvidence = self.evidence(page.features.hits, indices: partHits)
            var result = PartAssessment(headingIndex: headingIndex, range: part.range, wordCount: part.wordCount,
                                        scores: self.scores(affinities: partAffinities, evidence: partEvidence), evidence: partEvidence, finding: nil)
            guard let section, isChecked, !declaresOther, part.judgedWordCount >= parameters.minimumPartWords else {
                partResults.append(result)
                partCandidates.append(nil)
                pageRuleFindings.append(nil)
                continue
            }
            let rest = self.counts(ofRestOf: page, excluding: partIndex)
            result.coherence = Double(Self.dot(counts.ids, counts.unit, rest.ids, rest.unit))
            result.pageRatio = pageRatio(ofPart: partIndex, of: page, placed: section.personas)
            result.isMeasured = true
            var inPart = [Bool](repeating: false, count: page.features.hits.count)
            for index in partHits { inPart[index] = true }
            let restEvidence = self.evidence(page.features.hits, indices: page.features.hits.indices.filter { !inPart[$0] })
            result.restScores = self.scores(affinities: self.affinities(rest, page: page, ownPageDot: pageDot), evidence: restEvidence)
            let words = part.judgedWordCount
            let candidate = finding(scores: result.scores, affinities: partAffinities, evidence: partEvidence, placed: section.personas,
                                    excluding: page.section, words: words, counts: counts, page: page, text: document.text,
                                    terms: { occurrences.part(partIndex, $0) }, isPart: true, path: path,
                                    rest: (result.restScores, result.coherence, result.pageRatio))
            partCandidates.append(candidate)
            let scores = result.scores
            pageRuleFindings.append(pageSuggestion == nil || candidate?.suggestedPersona == pageSuggestion ? nil : {
                self.finding(scores: scores, affinities: partAffinities, evidence: partEvidence, placed: section.personas,
                             excluding: page.section, words: words, counts: counts, page: page, text: document.text,
                             terms: { occurrences.part(partIndex, $0) }, isPart: true, path: path, byPageRule: true)
            })
            partResults.append(result)
        }
        // When most of the page is written for its section, the parts that read as the persona the page
        // is flagged for are named instead of the page (by the part rule, or else by the page rule).
        var namedInstead: [PlacementFinding?] = []
        if let foreign = pageSuggestion, let section, owesReadingToParts(partResults, reading: foreign, placed: section.personas, pageWords: page.features.wordCount) {
            namedInstead = partResults.indices.map { index in
                if let candidate = partCandidates[index], candidate.suggestedPersona == foreign { return candidate }
                return pageRuleFindings[index]?().flatMap { $0.suggestedPersona == foreign ? $0 : nil }
            }
        }
        if namedInstead.contains(where: { $0 != nil }) {
            assessment.finding = nil
            for index in partResults.indices { partResults[index].finding = namedInstead[index] ?? partCandidates[index] }
        } else if let section {
            // A part is not named again when the page is flagged for the same persona as a whole,
            // unless the rest of the page does not read as that persona: then the part is the cause.
            for index in partResults.indices {
                guard let candidate = partCandidates[index] else { continue }
                let restPlaced = section.personas.reduce(0) { $0 + partResults[index].restScores[$1].share }
                if candidate.suggestedPersona != pageSuggestion || partResults[index].restScores[candidate.suggestedPersona].share < restPlaced {
                    partResults[index].finding = candidate
                }
            }
        }
        assessment.parts = partResults
        return assessment
    }

    /// Whether the `##` parts of a page that read as its section's personas, rather than as `foreign`,
    /// hold at least `ownPartsShare` of the page's prose (see `ownPartsShare`).
    func owesReadingToParts(_ parts: [PartAssessment], reading foreign: Int, placed: [Int], pageWords: Int) -> Bool {
        guard parameters.ownPartsShare > 0, pageWords > 0 else { return false }
        let ownWords = parts.filter { part in
            part.isMeasured && placed.reduce(0) { $0 + part.scores[$1].share } >= part.scores[foreign].share
        }.reduce(0) { $0 + $1.wordCount }
        return Double(ownWords) >= parameters.ownPartsShare * Double(pageWords)
    }

    /// How much better the placed personas' word model explains part `part` of `page` than the rest of
    /// the page does: the mean, over the part's words, of ln θ_persona(w) − ln θ_rest(w), in nats per word.
    /// θ_persona is the persona's raw word counts (the page left out) smoothed toward the workspace's
    /// word frequencies (which include the page: at 1,000 pseudo-words its share is small);
    /// θ_rest is the rest of the page's counts smoothed toward θ_persona. With several placed personas,
    /// the one that explains the part best counts.
    func pageRatio(ofPart part: Int, of page: Page, placed: [Int]) -> Double {
        let features = page.features
        let range = features.parts[part].termRange
        let alpha = max(1e-3, parameters.personaModelSmoothing)
        let beta = max(1e-3, parameters.restModelSmoothing)
        let pageMass = Double(page.rawMass)
        return features.partTerms.withUnsafeBufferPointer { partTerms in
            features.partWeights.withUnsafeBufferPointer { partWeights in
                features.weights.withUnsafeBufferPointer { pageWeights in
                    page.termIds.withUnsafeBufferPointer { termIds in
                        var partMass = 0.0
                        for position in range where termIds[Int(partTerms[position])] >= 0 { partMass += Double(partWeights[position]) }
                        guard partMass > 0, !placed.isEmpty else { return 0 }
                        let restMass = max(0, pageMass - partMass) + beta
                        var best = -Double.infinity
                        for persona in placed {
                            let isOwn = page.isInProfile && (page.section.map { sections.sections[$0].personas.contains(persona) } ?? false)
                            let personaMass = max(0, self.personaMass[persona] - (isOwn ? pageMass : 0)) + alpha
                            var total = 0.0
                            personaCounts[persona].withUnsafeBufferPointer { counts in
                                wordProbability.withUnsafeBufferPointer { probability in
                                    for position in range {
                                        let key = Int(partTerms[position])
                                        let id = Int(termIds[key])
                                        guard id >= 0 else { continue }
                                        let inPart = Double(partWeights[position])
                                        let inPage = Double(pageWeights[key])
                                        let count = max(0, Double(counts[id]) - (isOwn ? inPage : 0))
                                        let inPersona = (count + alpha * Double(probability[id])) / personaMass
                                        let inRest = (max(0, inPage - inPart) + beta * inPersona) / restMass
                                        total += inPart * (log(inPersona) - log(inRest))
                                    }
                                }
                            }
                            best = max(best, total / partMass)
                        }
                        return best
                    }
                }
            }
        }
    }

    /// The built-in evidence of a set of hits, per signal, the strongest first. Signals sharing a label
    /// for one persona (`docker` as a word and as a language) merge.
    func evidence(_ hits: [PageFeatures.SignalHit], indices: [Int]) -> [SignalEvidence] {
        guard !indices.isEmpty else { return [] }
        let groups = signalTable.labelGroups
        var order = indices.map { (group: groups[Int(hits[$0].signal)], signal: hits[$0].signal, index: $0) }
        order.sort { ($0.group, $0.signal, $0.index) < ($1.group, $1.signal, $1.index) }
        var result: [SignalEvidence] = []
        var start = 0
        while start < order.count {
            var end = start
            while end < order.count && order[end].group == order[start].group { end += 1 }
            let definition = signalTable.signals[Int(order[start].signal)]
            var contribution = 0.0
            var ranges: [ByteRange] = []
            ranges.reserveCapacity(end - start)
            var signalStart = start
            while signalStart < end {
                var weight: Float = 0
                var signalEnd = signalStart
                while signalEnd < end && order[signalEnd].signal == order[signalStart].signal {
                    weight += hits[order[signalEnd].index].placeWeight
                    ranges.append(hits[order[signalEnd].index].range)
                    signalEnd += 1
                }
                contribution += Double(signalTable.signals[Int(order[signalStart].signal)].weight) * Double(logf(1 + weight))
                signalStart = signalEnd
            }
            if signalStart > start && order[start].signal != order[end - 1].signal { ranges.sort { $0.lowerBound < $1.lowerBound } }
            result.append(SignalEvidence(persona: definition.persona, label: definition.label, ranges: ranges, contribution: contribution))
            start = end
        }
        return result.sorted { ($0.contribution, $1.label) > ($1.contribution, $0.label) }
    }

    /// Combines learned affinities and built-in evidence into one share per persona: a weighted sum of
    /// the learned log-odds and the log of the built-in evidence distribution, normalized.
    /// With `ownSection`, the personas of that section are scored by their likeness to it alone (not to
    /// the best of their sections): the question is whether the page fits where it is.
    func scores(affinities: [Double?], evidence: [SignalEvidence], ownSection: Int? = nil, links: LinkEvidence = LinkEvidence()) -> [PersonaScore] {
        let count = catalog.personas.count
        guard count > 0 else { return [] }
        // The same arithmetic, in the same order, as with arrays of optionals — without allocating them.
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: count * 3) { buffer in
            let evidenceByPersona = UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
            let learned = UnsafeMutableBufferPointer(rebasing: buffer[count..<2 * count])
            let logs = UnsafeMutableBufferPointer(rebasing: buffer[2 * count..<3 * count])
            return withUnsafeTemporaryAllocation(of: Bool.self, capacity: count) { isLearned in
                evidenceByPersona.initialize(repeating: 0)
                learned.initialize(repeating: 0)
                isLearned.initialize(repeating: false)
                for item in evidence { evidenceByPersona[item.persona] += item.contribution }
                let prior = parameters.evidencePrior
                var evidenceSum: Double = 0
                for persona in 0..<count { evidenceSum = evidenceSum + evidenceByPersona[persona] }
                let evidenceTotal = evidenceSum + prior * Double(count)
                var knownCount = 0
                affinities.withUnsafeBufferPointer { affinities in
                    for persona in 0..<count {
                        // `compactMap { affinities[$0] }.max()`
                        for section in sectionsByPersona[persona] {
                            guard let value = affinities[section] else { continue }
                            if !isLearned[persona] {
                                learned[persona] = value
                                isLearned[persona] = true
                            } else if learned[persona] < value {
                                learned[persona] = value
                            }
                        }
                        if isLearned[persona] { knownCount += 1 }
                    }
                    if let ownSection, let value = affinities[ownSection] {
                        for persona in sections.sections[ownSection].personas where isLearned[persona] { learned[persona] = value }
                    }
                }
                // A persona learned from few pages is pulled toward the others' mean: two pages say little.
                var sum: Double = 0
                for persona in 0..<count where isLearned[persona] { sum = sum + learned[persona] }
                let mean = knownCount > 0 ? sum / Double(knownCount) : 0
                if knownCount >= 2, parameters.profileHalfTrustPages > 0 {
                    for persona in 0..<count where isLearned[persona] {
                        let pages = Double(personaPageCounts[persona])
                        let trust = pages / (pages + parameters.profileHalfTrustPages)
                        learned[persona] = mean + trust * (learned[persona] - mean)
                    }
                }
                let alpha = knownCount >= 2 ? learnedWeight : 0
                // A persona no section is written for gets no support from the profiles: it counts like the
                // least similar section. A persona whose sections have no profile pages (all moved out, or
                // all reading as others) is unknown to them, not unlike the page: it counts as the mean, where
                // the pull toward the mean leads as its pages go to none.
                var bottom: Double = 0
                var hasBottom = false
                for persona in 0..<count where isLearned[persona] {
                    if !hasBottom {
                        bottom = learned[persona]
                        hasBottom = true
                    } else if learned[persona] < bottom {
                        bottom = learned[persona]
                    }
                }
                let builtInWeight = parameters.builtInWeight ?? (1 - alpha)
                for persona in 0..<count {
                    let builtIn = log((evidenceByPersona[persona] + prior) / evidenceTotal)
                    let profiled = isLearned[persona] ? learned[persona] : !hasSection(persona: persona) || parameters.profileHalfTrustPages <= 0 ? bottom : mean
                    logs[persona] = alpha * profiled + builtInWeight * builtIn
                }
                // Where the page's links lead, and where the links to it come from.
                func addLinks(_ weights: [Double], weight: Double, prior: Double) {
                    guard weights.count == count, weight > 0 else { return }
                    let total = weights.reduce(0, +)
                    guard total > 0 else { return }
                    let prior = max(1e-3, prior)
                    let denominator = total + prior * Double(count)
                    for persona in 0..<count { logs[persona] += weight * log((weights[persona] + prior) / denominator) }
                }
                addLinks(links.outbound, weight: parameters.linkWeight, prior: parameters.linkPrior)
                addLinks(links.inbound, weight: parameters.inboundLinkWeight, prior: parameters.inboundLinkPrior)
                var top = logs[0]
                for persona in 1..<count where top < logs[persona] { top = logs[persona] }
                var total: Double = 0
                for persona in 0..<count { total = total + exp(logs[persona] - top) }
                return (0..<count).map { persona in
                    PersonaScore(persona: persona, share: exp(logs[persona] - top) / total, evidence: evidenceByPersona[persona],
                                 affinity: isLearned[persona] ? learned[persona] : nil)
                }
            }
        }
    }

    /// The best-scoring persona other than the `placed` ones that has a section other than `ownSection`,
    /// and the placed personas' share.
    func foreignLead(scores: [PersonaScore], placed: [Int], excluding ownSection: Int?) -> (best: PersonaScore, placedShare: Double)? {
        let candidates = scores.filter { !placed.contains($0.persona) && sectionsByPersona[$0.persona].contains { $0 != ownSection } }
        guard let best = candidates.max(by: { ($0.share, $1.persona) < ($1.share, $0.persona) }) else { return nil }
        return (best, placed.isEmpty ? 0 : placed.reduce(0) { $0 + scores[$1].share })
    }

    /// Whether a whole page whose foreign lead is `best` clearly reads as that persona.
    func isPageMisplaced(best: PersonaScore, placedShare: Double) -> Bool {
        let clearlyElsewhere = best.share >= parameters.minimumShare && best.share >= parameters.minimumRatio * placedShare
            && placedShare <= parameters.maximumPlacedShare
        let decisive = best.share >= parameters.strongShare && best.share >= parameters.strongRatio * placedShare
        return clearlyElsewhere || decisive
    }

    /// The persona a whole page clearly reads as instead of its section's, by its scores alone.
    func pageVerdict(scores: [PersonaScore], placed: [Int], excluding ownSection: Int?) -> PersonaScore? {
        guard let (best, placedShare) = foreignLead(scores: scores, placed: placed, excluding: ownSection),
              isPageMisplaced(best: best, placedShare: placedShare) else { return nil }
        return best
    }

    /// A finding when another persona than the `placed` ones clearly leads, and a section exists for it.
    func finding(scores: [PersonaScore], affinities: [Double?], evidence: [SignalEvidence], placed: [Int], excluding ownSection: Int?,
                 words: Int, counts: TermCounts, page: Page, text: SourceText, terms: (UInt64) -> PageFeatures.TermStat?, isPart: Bool,
                 path: String, rest: (scores: [PersonaScore], coherence: Double, pageRatio: Double)? = nil,
                 byPageRule: Bool = false) -> PlacementFinding? {
        let minimumWords = isPart ? parameters.minimumPartWords : parameters.minimumWords
        guard words >= minimumWords else { return nil }
        guard let (best, placedShare) = foreignLead(scores: scores, placed: placed, excluding: ownSection) else { return nil }
        if isPart && !byPageRule {
            // One log-odds that the part is foreign to its page and section (see `partThreshold`).
            guard let rest else { return nil }
            let tiny = 1e-3
            let logRatio = log((best.share + tiny) / (placedShare + tiny))
            let restPlaced = placed.reduce(0) { $0 + rest.scores[$1].share }
            let shift = logRatio - log((rest.scores[best.persona].share + tiny) / (restPlaced + tiny))
            let z = logRatio + parameters.partPageRatioWeight * rest.pageRatio - parameters.partCoherenceWeight * log(rest.coherence + 0.01)
                + parameters.partLengthWeight * log(Double(max(1, words))) + parameters.partShiftWeight * shift
            guard z >= parameters.partThreshold, best.share > parameters.partMinimumLead * placedShare else { return nil }
        } else {
            guard isPageMisplaced(best: best, placedShare: placedShare) else { return nil }
        }
        let sectionChoices = sectionsByPersona[best.persona].filter { $0 != ownSection }
        let suggested = suggestedSection(among: sectionChoices, affinities: affinities, text: counts, page: page, path: path, isPart: isPart)
        let placedPersona = placed.max { scores[$0].share < scores[$1].share } ?? best.persona
        // Name the strongest built-in signals, then the words that tie the page to the suggested section.
        let signals = evidence.filter { $0.persona == best.persona }
        var labels = Array(signals.prefix(3).map(\.label))
        var related: [(label: String, range: ByteRange, isSignal: Bool)] = signals.prefix(5).compactMap { item in item.ranges.first.map { (item.label, $0, true) } }
        if labels.count < 3 {
            for (label, range) in distinctiveTerms(counts, toward: suggested, awayFrom: ownSection, text: text, terms: terms)
            where !labels.contains(label) && labels.count < 3 {
                labels.append(label)
                if related.count < 5 { related.append((label, range, false)) }
            }
        }
        let rival = placed.isEmpty ? scores.filter { $0.persona != best.persona }.map(\.share).max() ?? 0 : placedShare
        return PlacementFinding(placedPersona: placedPersona, suggestedPersona: best.persona, suggestedSection: suggested,
                                confidence: PlacementPresentation.rounded(best.share / max(1e-9, best.share + rival)),
                                suggestedShare: PlacementPresentation.rounded(best.share), placedShare: PlacementPresentation.rounded(placedShare), labels: labels, related: related)
    }

    /// The section among `choices` (one persona's) that the text belongs in: see `suggestionNeighbours`.
    /// A section that holds no page yet (a folder not made, a path mistyped) is named only when the
    /// persona has no other.
    func suggestedSection(among allChoices: [Int], affinities: [Double?], text: TermCounts, page: Page, path: String, isPart: Bool) -> Int {
        let populated = allChoices.count > 1 ? allChoices.filter { section in pages.values.contains { $0.section == section } } : []
        let choices = populated.isEmpty ? allChoices : populated
        guard choices.count > 1 else { return choices[0] }
        var score = [Int: Double]()
        for section in choices { score[section] = affinities[section] ?? -1e9 }
        let k = parameters.suggestionNeighbours
        if k > 0, parameters.suggestionNeighbourWeight > 0, !text.isEmpty {
            var found: [(similarity: Float, section: Int)] = []
            // The page itself (a part's own page too) is not its own neighbour.
            for (otherPath, other) in pages where other.isInSectionProfile && otherPath != path {
                guard let section = other.section, score[section] != nil else { continue }
                let similarity = Self.dot(text.ids, text.unit, other.counts.ids, other.counts.unit)
                if similarity > 0 { found.append((similarity, section)) }
            }
            found.sort { ($0.similarity, $0.section) > ($1.similarity, $1.section) }
            for item in found.prefix(k) { score[item.section]! += parameters.suggestionNeighbourWeight * Double(item.similarity) }
        }
        if !isPart, parameters.suggestionLinkWeight > 0 {
            var links = [Int: Double]()
            for path in page.outboundLinks + page.inboundLinks {
                if let section = pages[path]?.section, score[section] != nil { links[section, default: 0] += 1 }
            }
            for (section, count) in links { score[section]! += parameters.suggestionLinkWeight * log(1 + count) }
        }
        return choices.max { (score[$0]!, $1) < (score[$1]!, $0) }!
    }

    /// The text's words that are relatively most frequent in section `toward` and least in `awayFrom`.
    func distinctiveTerms(_ counts: TermCounts, toward: Int, awayFrom: Int?, text: SourceText, terms: (UInt64) -> PageFeatures.TermStat?) -> [(String, ByteRange)] {
        guard let target = profiles[toward], target.mass > 0 else { return [] }
        let source = awayFrom.flatMap { profiles[$0] }
        // Section word frequencies, smoothed toward the workspace's.
        let smoothing: Float = 1000
        let minimumTypicalWeight: Float = 3
        let backgroundMass = max(self.backgroundMass, 1)
        var scored: [(Float, Int)] = []
        for index in counts.ids.indices {
            let id = Int(counts.ids[index])
            // A word the section's pages use only once or twice does not make it typical of them.
            guard target.counts[id] >= minimumTypicalWeight else { continue }
            let backgroundProbability = background[id] / backgroundMass
            let inTarget = (target.counts[id] + smoothing * backgroundProbability) / (target.mass + smoothing)
            let inSource = source.map { ($0.counts[id] + smoothing * backgroundProbability) / ($0.mass + smoothing) } ?? backgroundProbability
            let pull = logf(inTarget / inSource) * inverseDocumentFrequency[id]
            if pull > 0 { scored.append((counts.weights[index] * pull, index)) }
        }
        scored.sort { $0.0 > $1.0 }
        var result: [(String, ByteRange)] = []
        var seen = Set<String>()
        var considered = 0
        for (_, index) in scored where considered < 8 {
            guard let stat = terms(vocabularyKeys[Int(counts.ids[index])]) else { continue }
            let start = Int(stat.firstStart)
            let range = start..<min(text.count, start + Int(stat.firstLength))
            let word = text.string(in: range)
            let label = word.contains(where: \.isUppercase) && word.dropFirst().contains(where: \.isUppercase) ? word : word.lowercased()
            // Words that carry no subject ("probably", "however") explain nothing to a writer.
            guard !Self.functionWords.contains(label) else { continue }
            considered += 1
            if seen.insert(label).inserted { result.append((label, range)) }
        }
        return result
    }

    /// English function words, hedges and connectives: never named as evidence (they still count in the scores).
    static let functionWords: Set<String> = [
        "a", "about", "above", "actually", "after", "again", "against", "all", "almost", "already", "also", "although", "always",
        "am", "among", "an", "and", "another", "any", "anyway", "are", "around", "as", "at", "be", "because", "been", "before",
        "being", "below", "between", "both", "but", "by", "can", "cannot", "could", "did", "do", "does", "doing", "done", "down",
        "during", "each", "either", "else", "enough", "even", "ever", "every", "few", "for", "from", "further", "had", "has",
        "have", "having", "he", "her", "here", "hers", "him", "his", "how", "however", "i", "if", "in", "indeed", "instead",
        "into", "is", "it", "its", "itself", "just", "least", "less", "let", "likely", "may", "maybe", "me", "might", "more",
        "most", "mostly", "much", "must", "my", "neither", "never", "no", "nor", "not", "now", "of", "off", "often", "on",
        "once", "only", "or", "other", "others", "otherwise", "our", "ours", "out", "over", "own", "perhaps", "please",
        "possibly", "probably", "quite", "rather", "really", "same", "several", "shall", "she", "should", "simply", "since",
        "so", "some", "something", "sometimes", "somewhat", "still", "such", "than", "that", "the", "their", "theirs", "them",
        "then", "there", "therefore", "these", "they", "this", "those", "though", "through", "thus", "to", "too", "under",
        "unless", "until", "up", "upon", "us", "usually", "very", "was", "we", "well", "were", "what", "whatever", "when",
        "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would",
        "yet", "you", "your", "yours", "yourself",
    ]
}

/// Where the terms of a page (or of one of its parts) first occur, for messages that name words: the
/// page is read again, once, when a message first asks (the model keeps no positions).
final class FirstOccurrences {
    let path: String
    let snapshot: WorkspaceSnapshot
    let model: PlacementModel
    private var raw: [PageFeatures.RawPart]?
    private var pageTerms: WordHashMap<PageFeatures.TermStat>?

    init(path: String, snapshot: WorkspaceSnapshot, model: PlacementModel) {
        self.path = path
        self.snapshot = snapshot
        self.model = model
    }

    private func parts() -> [PageFeatures.RawPart] {
        if let raw { return raw }
        var extracted: [PageFeatures.RawPart] = []
        if let document = snapshot.document(path) {
            let weight = model.parameters.glossaryTermWeight
            extracted = FeatureExtractor.extractRaw(document.text, markdown: document.markdown, signals: model.signalTable,
                                                    glossaryUses: weight > 0 ? FeatureExtractor.glossaryUses(path, in: snapshot) : [],
                                                    glossaryWeight: Float(weight)).parts
        }
        raw = extracted
        return extracted
    }

    func page(_ key: UInt64) -> PageFeatures.TermStat? {
        if pageTerms == nil { pageTerms = PageFeatures.sum(parts()) }
        return pageTerms![key]
    }

    func part(_ index: Int, _ key: UInt64) -> PageFeatures.TermStat? {
        let parts = parts()
        return index < parts.count ? parts[index].terms[key] : nil
    }
}

extension FeatureExtractor {
    /// The glossary terms a page uses, as features: where, and the hash of the term's name (lower-cased).
    static func glossaryUses(_ path: String, in snapshot: WorkspaceSnapshot) -> [GlossaryUse] {
        let names = snapshot.glossary.names
        return snapshot.termMatches(in: path).map { GlossaryUse(range: $0.range, term: names[$0.name].text.lowercased().hashValueFNV) }
    }
}

extension PlacementModel {
    /// What the page rule (`isPageMisplaced`) sees on an assessed page of a checked section, the page's
    /// front-matter declaration aside: the foreign persona that leads (one with a section to move the
    /// page to), the section's personas' share, whether the page is long enough to be judged and
    /// whether the rule would warn. Nil outside checked sections or when no other persona has a section.
    public func pageRule(_ assessment: PlacementAssessment) -> (lead: PersonaScore, placedShare: Double, isLongEnough: Bool, wouldWarn: Bool)? {
        guard let index = assessment.sectionIndex, sections.sections[index].isChecked,
              let (best, placedShare) = foreignLead(scores: assessment.scores, placed: sections.sections[index].personas, excluding: index) else { return nil }
        let isLongEnough = assessment.judgedWordCount >= parameters.minimumWords
        return (best, placedShare, isLongEnough, isLongEnough && isPageMisplaced(best: best, placedShare: placedShare))
    }

    /// Whether `persona` has a section of its own (one the placement rules check) in the workspace.
    public func hasSection(persona: Int) -> Bool { !sectionsByPersona[persona].isEmpty }
}
