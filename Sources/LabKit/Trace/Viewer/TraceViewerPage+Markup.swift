extension TraceViewerPage {
    /// The page's fixed elements, which the script fills in: heading and legend, the toolbar (nodes, kinds,
    /// search, jump to the failure), the diagram's scrolling pane, the details panel and the status line.
    static func markup(title: String) -> String {
        """
        <header class="top">
          <h1>\(title)</h1>
          <p id="subtitle"></p>
          <ul class="legend">\(legend)</ul>
        </header>
        <nav id="toolbar">
          <fieldset id="nodes"><legend>Nodes</legend></fieldset>
          <fieldset id="kinds"><legend>Show</legend>
            <label><input type="checkbox" id="show-timer-sets"> timers armed</label>
            <label><input type="checkbox" id="show-logs" checked> log lines</label>
          </fieldset>
          <div class="search">
            <input type="search" id="search" placeholder="Search events  ( / )" aria-label="Search events" autocomplete="off">
            <span id="matches" aria-live="polite"></span>
          </div>
          <div class="failure">
            <button type="button" id="jump-failure">Jump to the failure  ( f )</button>
            <span id="failure-reason"></span>
          </div>
        </nav>
        <main>
          <section id="diagram-pane" aria-label="Space-time diagram">
            <div id="scroller">
              <div id="lane-names"></div>
              <div id="sizer"><svg id="diagram" xmlns="http://www.w3.org/2000/svg"></svg><svg id="axis" xmlns="http://www.w3.org/2000/svg"></svg></div>
            </div>
          </section>
          <aside id="details" aria-label="Selected event"></aside>
        </main>
        <footer>
          <span id="status" aria-live="polite"></span>
          <span class="keys"><kbd>→</kbd>/<kbd>↓</kbd>/<kbd>j</kbd> next · <kbd>←</kbd>/<kbd>↑</kbd>/<kbd>k</kbd> previous · \
        <kbd>Home</kbd>/<kbd>End</kbd> first/last · <kbd>PgUp</kbd>/<kbd>PgDn</kbd> a screen · <kbd>f</kbd> failure · \
        <kbd>/</kbd> search, <kbd>Enter</kbd> next match · click an event to select it</span>
        </footer>
        """
    }

    /// The static diagram's legend, each symbol drawn by ``DiagramPainter`` itself.
    private static let legend: String = DiagramPainter.LegendEntry.allCases.map { entry in
        var painter = DiagramPainter(layout: DiagramLayout(events: [], showLogs: true, showTimerSets: false, top: 0), width: 0)
        painter.drawSymbol(entry, x: 2, y: 9)
        return "<li><svg width=\"30\" height=\"18\" viewBox=\"0 0 30 18\" aria-hidden=\"true\">\(painter.canvas.body)</svg>\(SVGCanvas.escape(entry.label))</li>"
    }.joined()
}
