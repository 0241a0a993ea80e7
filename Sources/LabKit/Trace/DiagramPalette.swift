/// The colors of the space-time diagram, shared by the drawing and its legend.
enum DiagramPalette {
    static let message = "#2b4c7e"
    static let duplicate = "#c46200"
    static let drop = "#c01c28"
    static let inFlight = "#9a9a9a"
    static let delivery = "#1a5fb4"
    static let timer = "#7b3fa0"
    static let log = "#7a7a7a"
    static let command = "#0b7a75"
    static let crash = "#c01c28"
    static let restart = "#2e8b3e"
    static let partition = "#b35900"
    static let partitionFill = "#fff0db"
    static let lifeline = "#9a9a9a"
    static let downLifeline = "#e39a9a"
    static let grid = "#f0f0f0"
    static let axis = "#555555"
}
