/// Code actions for the placement diagnostics: "Move to <section>" (a file rename into the suggested
/// section's folder) and "Keep in <section>: declare <persona> in front matter" (the author states
/// the page's audience, which settles a `persona-mismatch` or keeps a page the classifier doubts where
/// it is; never the preferred fix, since it silences the warning for good).
public struct PlacementActions: CodeActionProvider {
    public static let codes: Set<String> = ["misplaced-document", "unplaced-document", "persona-mismatch"]

    public init() {}

    public func actions(in path: String, range: ByteRange, diagnostics: [Diagnostic], snapshot: WorkspaceSnapshot) -> [CodeActionProposal] {
        guard let document = snapshot.document(path) else { return [] }
        var result: [CodeActionProposal] = []
        let model = PlacementModel.of(snapshot)
        for diagnostic in diagnostics where diagnostic.file == path && Self.codes.contains(diagnostic.code) {
            if case .string(let sectionPath)? = diagnostic.data["suggestedSection"],
               let move = Self.move(path, to: sectionPath, model: model, snapshot: snapshot, fixing: diagnostic) {
                result.append(move)
            }
            if let persona = Self.personaToDeclare(for: diagnostic, path: path, model: model),
               let declare = Self.declare(persona, in: document, section: model.sectionIndex(of: path).map { model.sections.sections[$0] },
                                          catalog: model.catalog, fixing: diagnostic) {
                result.append(declare)
            }
        }
        return result
    }

    /// "Move to Developer Portal › Operator Guides": renames the file into the section's folder,
    /// keeping its path below its current section (`user-guides/deployment/k8s.md` from section
    /// `user-guides` to `operator-guides` becomes `operator-guides/deployment/k8s.md`; a page in no
    /// section keeps its name), and rewrites the relative links that would break: the page's own, and other
    /// pages' links to it (the edits come first, in the files' current paths, then the rename). None
    /// when a file of that name is already there.
    public static func move(_ path: String, to sectionPath: String, model: PlacementModel, snapshot: WorkspaceSnapshot, fixing diagnostic: Diagnostic) -> CodeActionProposal? {
        guard let section = model.sections.sections.first(where: { $0.path == sectionPath }) else { return nil }
        let target = section.path.isEmpty ? subPath(of: path, model: model) : section.path + "/" + subPath(of: path, model: model)
        guard target != path, snapshot.document(target) == nil else { return nil }
        return CodeActionProposal(title: "Move to \(section.title)", kind: "quickfix", fixes: [diagnostic],
                                  operations: LinkRelocation.edits(snapshot, moves: [path: target]).map { .edit($0) } + [.renameFile(from: path, to: target)],
                                  isPreferred: diagnostic.code != "persona-mismatch")
    }

    /// The page's path below its section's folder, or its name when it is in no section.
    static func subPath(of path: String, model: PlacementModel) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let index = model.sectionIndex(of: path) else { return name }
        let folder = model.sections.sections[index].path
        if folder.isEmpty { return path }
        return path.hasPrefix(folder + "/") ? String(path.dropFirst(folder.count + 1)) : name
    }

    /// The persona the action declares: for `persona-mismatch` the section's, for `misplaced-document`
    /// the section's (the author keeps the page where it is), for `unplaced-document` the suggested one.
    static func personaToDeclare(for diagnostic: Diagnostic, path: String, model: PlacementModel) -> Int? {
        switch diagnostic.code {
        case "persona-mismatch":
            guard let index = model.sections.sectionIndex(for: path) else { return nil }
            return model.sections.sections[index].personas.first
        case "misplaced-document":
            guard case .string(let id)? = diagnostic.data["placedPersona"] else { return nil }
            return model.catalog.index(of: id)
        case "unplaced-document":
            guard case .string(let id)? = diagnostic.data["suggestedPersona"] else { return nil }
            return model.catalog.index(of: id)
        default:
            return nil
        }
    }

    /// "Keep in Developer Portal › User Guides: declare End User in front matter" ("Declare End User in
    /// front matter" for a page in no section): replaces the value of an existing `persona:` (or
    /// `audience:`) entry, adds the key to existing front matter, or opens a front-matter block.
    public static func declare(_ persona: Int, in document: WorkspaceDocument, section: Section?, catalog: PersonaCatalog, fixing diagnostic: Diagnostic) -> CodeActionProposal? {
        let id = catalog.personas[persona].id
        let text = document.text
        let newline = text.lineBreak(after: text.lineRange(0))
        let edit: FileEdit
        if let entry = PlacementModel.declarationEntry(document.markdown) {
            if entry.valueRange.isEmpty {
                edit = FileEdit(file: document.path, range: entry.keyRange.upperBound..<text.lineRange(text.line(of: entry.keyRange.lowerBound)).upperBound, newText: ": \(id)")
            } else {
                guard text.string(in: entry.valueRange) != id else { return nil }
                edit = FileEdit(file: document.path, range: entry.valueRange, newText: id)
            }
        } else if let frontMatter = document.markdown.frontMatter {
            edit = FileEdit(file: document.path, range: frontMatter.contentRange.upperBound..<frontMatter.contentRange.upperBound, newText: "persona: \(id)\(newline)")
        } else {
            edit = FileEdit(file: document.path, range: 0..<0, newText: "---\(newline)persona: \(id)\(newline)---\(newline)\(newline)")
        }
        let title = catalog.personas[persona].title
        return CodeActionProposal(title: (section.map { "Keep in \($0.title): declare " } ?? "Declare ") + "\(title) in front matter", kind: "quickfix",
                                  fixes: [diagnostic], operations: [.edit(edit)], isPreferred: false)
    }
}
