/// An edit to one file, in byte offsets of that file's current text.
public struct FileEdit: Hashable, Sendable {
    public var file: String
    public var range: ByteRange
    public var newText: String

    public init(file: String, range: ByteRange, newText: String) {
        self.file = file
        self.range = range
        self.newText = newText
    }
}

/// One step of a workspace edit: a text edit, a file rename (a "Move to section" action), or a new
/// file with its text (a part moved to a page of its own).
public enum WorkspaceEditOperation: Hashable, Sendable {
    case edit(FileEdit)
    case renameFile(from: String, to: String)
    case newFile(path: String, text: String)
}

/// A code action in Core terms; DocentLSP turns it into an LSP `CodeAction` with a `WorkspaceEdit`.
public struct CodeActionProposal: Hashable, Sendable {
    /// LSP kinds: "quickfix", "refactor", "refactor.rewrite", "source.fixAll.docent".
    public var title: String
    public var kind: String
    /// The diagnostics (by code and range) the action fixes.
    public var fixes: [Diagnostic]
    public var operations: [WorkspaceEditOperation]
    public var isPreferred: Bool
    /// Whether `docent check --fix` may apply it without a person looking (no guessing involved).
    public var isSafe: Bool

    public init(title: String, kind: String, fixes: [Diagnostic] = [], operations: [WorkspaceEditOperation], isPreferred: Bool = false, isSafe: Bool = false) {
        self.title = title
        self.kind = kind
        self.fixes = fixes
        self.operations = operations
        self.isPreferred = isPreferred
        self.isSafe = isSafe
    }
}

/// Something that proposes code actions for a range of a document, given the diagnostics there.
public protocol CodeActionProvider: Sendable {
    func actions(in path: String, range: ByteRange, diagnostics: [Diagnostic], snapshot: WorkspaceSnapshot) -> [CodeActionProposal]
}

/// Every code action provider, in one list. Each feature area adds its provider here.
public enum CodeActionRegistry {
    public static let providers: [any CodeActionProvider] = [
        TerminologyFixes(),
        PlacementActions(),
        SuppressionCommentFixes(),
    ]

    public static func actions(in path: String, range: ByteRange, diagnostics: [Diagnostic], snapshot: WorkspaceSnapshot) -> [CodeActionProposal] {
        providers.flatMap { $0.actions(in: path, range: range, diagnostics: diagnostics, snapshot: snapshot) }
    }
}
