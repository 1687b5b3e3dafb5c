/// A plain-text table: each column as wide as its widest cell, columns two spaces apart (never
/// truncated), the last column unpadded and no trailing spaces.
enum TextTable {
    static func render(_ rows: [[String]], indent: String = "  ") -> String {
        var widths: [Int] = []
        for row in rows {
            for (column, cell) in row.enumerated().dropLast() {
                if column == widths.count { widths.append(0) }
                widths[column] = max(widths[column], cell.count)
            }
        }
        var output = ""
        for row in rows {
            var line = indent
            for (column, cell) in row.enumerated() {
                line += cell
                if column < row.count - 1 { line += String(repeating: " ", count: widths[column] - cell.count + 2) }
            }
            while line.last == " " { line.removeLast() }
            output += line + "\n"
        }
        return output
    }
}
