import DocentCore
import DocentIO
import Foundation

/// `docent`: the command-line face of Docent. Each subcommand calls the same DocentCore functions the
/// language server does.
let arguments = Array(CommandLine.arguments.dropFirst())
let exitCode = CommandLineTool.run(arguments)
exit(exitCode)
