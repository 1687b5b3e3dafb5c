import Synchronization

extension PlacementModel {
    /// The placement model of `snapshot`, shared by every rule, hover and command that asks for the same
    /// documents and configuration. Features are computed once per document text (a moved or unchanged
    /// document reuses them), the vocabulary and section profiles once per snapshot.
    public static func of(_ snapshot: WorkspaceSnapshot, parameters: PlacementParameters = PlacementParameters()) -> PlacementModel {
        PlacementModelCache.shared.model(for: snapshot, parameters: parameters)
    }
}

/// Memoizes placement models and document features across calls. The language server asks for
/// diagnostics one document at a time, each with a fresh `AnalysisCache`; without this memo every
/// document would rebuild the whole workspace's profiles.
///
/// A document's text is recognized by the identity of its byte buffer: the cache keeps a reference to
/// the buffer, so the buffer cannot be changed in place or freed and reused while the entry exists.
final class PlacementModelCache: Sendable {
    static let shared = PlacementModelCache()

    struct TextKey: Hashable {
        var address: Int
        var count: Int
        var isMDX: Bool
        /// The glossary the page's term uses were found with (generations are unique).
        var glossaryGeneration: Int
    }

    struct FeatureEntry {
        /// Keeps the buffer alive (and shared, so it is copied before any change).
        var bytes: [UInt8]
        var features: PageFeatures
    }

    /// What a model depends on: the configuration, the parameters, and every document's path and text
    /// (by buffer identity), folded into a fingerprint in one pass without sorting or allocating.
    struct ModelKey: Equatable {
        var configuration: Configuration
        var parameters: PlacementParameters
        var documentCount: Int
        var fingerprint: Int
    }

    struct CachedModel {
        var key: ModelKey
        var model: PlacementModel
        /// The snapshot's documents, kept so that their storage cannot change in place while cached,
        /// which makes storage identity a valid (and O(1)) test for "the same documents".
        var documents: [String: WorkspaceDocument]
    }

    struct State {
        var catalog: PersonaCatalog?
        var table: SignalTable?
        var features: [TextKey: FeatureEntry] = [:]
        var models: [CachedModel] = []
        /// Models being built, whose documents any asking thread helps to read.
        var batches: [FeatureBatch] = []
    }

    private let state = Mutex(State())
    /// How many models are kept (the language server may still answer for the previous snapshot).
    private static let keptModels = 2

    static func textKey(_ document: WorkspaceDocument, glossaryGeneration: Int) -> TextKey {
        let address = document.text.bytes.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) }
        return TextKey(address: address, count: document.text.count, isMDX: document.path.lowercased().hasSuffix(".mdx"), glossaryGeneration: glossaryGeneration)
    }

    static func key(_ snapshot: WorkspaceSnapshot, parameters: PlacementParameters) -> ModelKey {
        // Order-independent (a sum of per-document hashes), so equal workspaces match however their
        // dictionaries are laid out.
        var fingerprint = 0
        for (path, document) in snapshot.documents {
            var hasher = Hasher()
            hasher.combine(path)
            hasher.combine(textKey(document, glossaryGeneration: snapshot.glossaryGeneration))
            fingerprint = fingerprint &+ hasher.finalize()
        }
        return ModelKey(configuration: snapshot.configuration, parameters: parameters, documentCount: snapshot.documents.count, fingerprint: fingerprint)
    }

    /// The address of a dictionary's storage (a native dictionary is one reference), or nil.
    static func storageIdentity(_ documents: [String: WorkspaceDocument]) -> Int? {
        guard MemoryLayout<[String: WorkspaceDocument]>.size == MemoryLayout<Int>.size else { return nil }
        return unsafeBitCast(documents, to: Int.self)
    }

    func model(for snapshot: WorkspaceSnapshot, parameters: PlacementParameters) -> PlacementModel {
        // Fast path: the very same documents (every rule of a check asks with the same snapshot).
        if let identity = Self.storageIdentity(snapshot.documents), let found = state.withLock({ state in
            state.models.first { Self.storageIdentity($0.documents) == identity && $0.key.parameters == parameters && $0.key.configuration == snapshot.configuration }?.model
        }) {
            return found
        }
        let key = Self.key(snapshot, parameters: parameters)
        let (cached, batch) = state.withLock { state -> (PlacementModel?, FeatureBatch?) in
            if let found = state.models.first(where: { $0.key == key }) { return (found.model, nil) }
            if let running = state.batches.first(where: { $0.key == key }) { return (nil, running) }
            let catalog = PersonaCatalog(configuration: snapshot.configuration.personas)
            if state.catalog != catalog {
                state.catalog = catalog
                state.table = SignalTable(catalog: catalog)
                state.features = [:]
            }
            let batch = FeatureBatch(key: key, catalog: catalog, table: state.table!, snapshot: snapshot)
            state.batches.append(batch)
            return (nil, batch)
        }
        if let cached { return cached }
        guard let batch else { preconditionFailure("a model or a batch") }
        // Every thread that needs the model while it is being built extracts documents too: claim the
        // next unclaimed one until none is left, then wait for those still being extracted elsewhere
        // (a document is extracted under its slot's lock, so a thread that needs it waits for it
        // rather than extracting it again).
        while true {
            let index = batch.next.add(1, ordering: .relaxed).oldValue
            guard index < batch.paths.count else { break }
            batch.fill(index) { features(of: batch, index) }
        }
        for index in batch.paths.indices {
            batch.fill(index) { features(of: batch, index) }
        }
        // One thread builds the model, outside the cache's lock (other snapshots' models stay
        // available); the others wait for it on the batch's lock.
        let model = batch.model.withLock { model in
            if let model { return model }
            let built = PlacementModel.build(snapshot: batch.snapshot, catalog: batch.catalog, signalTable: batch.table, parameters: parameters,
                                             features: batch.results())
            model = built
            return built
        }
        return state.withLock { state in
            if let found = state.models.first(where: { $0.key == key }) { return found.model }
            state.models.insert(CachedModel(key: key, model: model, documents: batch.snapshot.documents), at: 0)
            if state.models.count > Self.keptModels { state.models.removeLast() }
            state.batches.removeAll { $0 === batch }
            let used = Set(batch.snapshot.documents.values.map { Self.textKey($0, glossaryGeneration: batch.snapshot.glossaryGeneration) })
            if state.features.count > 2 * used.count + 256 {
                state.features = state.features.filter { used.contains($0.key) }
            }
            return model
        }
    }

    /// The features of a batch's document: from the cache, or extracted (outside the lock) and cached.
    private func features(of batch: FeatureBatch, _ index: Int) -> PageFeatures {
        let path = batch.paths[index]
        let document = batch.snapshot.documents[path]!
        let textKey = Self.textKey(document, glossaryGeneration: batch.snapshot.glossaryGeneration)
        if let entry = state.withLock({ $0.features[textKey] }) { return entry.features }
        let uses = batch.key.parameters.glossaryTermWeight > 0 ? FeatureExtractor.glossaryUses(path, in: batch.snapshot) : []
        let extracted = FeatureExtractor.extract(document.text, markdown: document.markdown, signals: batch.table,
                                                 glossaryUses: uses, glossaryWeight: Float(batch.key.parameters.glossaryTermWeight))
        state.withLock { $0.features[textKey] = FeatureEntry(bytes: document.text.bytes, features: extracted) }
        return extracted
    }
}

/// The checked documents (`WorkspaceSnapshot.checkedPaths`) of a model being built, shared by the
/// threads that extract their features.
final class FeatureBatch: Sendable {
    let key: PlacementModelCache.ModelKey
    let catalog: PersonaCatalog
    let table: SignalTable
    let snapshot: WorkspaceSnapshot
    let paths: [String]
    let next = Atomic<Int>(0)
    /// One slot per document, locked while its features are extracted.
    private let slots: [Slot]
    /// The model, once one thread has built it.
    let model = Mutex<PlacementModel?>(nil)

    final class Slot: Sendable {
        let features = Mutex<PageFeatures?>(nil)
    }

    init(key: PlacementModelCache.ModelKey, catalog: PersonaCatalog, table: SignalTable, snapshot: WorkspaceSnapshot) {
        self.key = key
        self.catalog = catalog
        self.table = table
        self.snapshot = snapshot
        self.paths = snapshot.checkedPaths
        self.slots = paths.map { _ in Slot() }
    }

    /// Extracts document `index` unless it is done; waits while another thread extracts it.
    func fill(_ index: Int, _ extract: () -> PageFeatures) {
        slots[index].features.withLock { features in
            if features == nil { features = extract() }
        }
    }

    func results() -> [String: PageFeatures] {
        var result: [String: PageFeatures] = [:]
        result.reserveCapacity(paths.count)
        for (index, slot) in slots.enumerated() { result[paths[index]] = slot.features.withLock { $0 } }
        return result
    }
}
