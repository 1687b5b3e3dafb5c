import Foundation

enum ProcessInfoCores {
    static let count = ProcessInfo.processInfo.activeProcessorCount
}
