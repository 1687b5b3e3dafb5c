import Foundation

/// Entry point of `docent lsp`, filled by the server.
public enum LanguageServerMain {
    public static func runOnStandardStreams() -> Int32 {
        FileHandle.standardError.write(Data("docent lsp: the language server is not built yet\n".utf8))
        return 1
    }
}
