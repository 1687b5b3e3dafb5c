import DocentLSP
import Foundation

/// `docent lsp [--stdio]`: the language server on standard input and output.
enum LSPCommand {
    static func run(_ arguments: [String]) -> Int32 {
        for argument in arguments where argument != "--stdio" {
            printError("docent lsp: unknown option \(argument)")
            return 2
        }
        return LanguageServerMain.runOnStandardStreams()
    }
}
