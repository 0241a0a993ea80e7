/// The viewer page's script, in parts by topic, run once the page has loaded. Plain JavaScript, no library:
/// it reads the trace from the page's JSON element and writes text only through `textContent`, never as markup.
enum TraceViewerScript {
    /// The whole script, strict and in a function of its own so it leaves no globals.
    static let source = "(function () {\n'use strict';\n" + [trace, layout, drawing, controls, details, driver].joined(separator: "\n") + "})();"

    /// The trace and its per-message and per-node facts, the static diagram's sizes, the failure to jump to.
    static let trace = #"""
    // The trace (see TraceViewerPage.data), the geometry of the static diagram, and what the reader chose.
    const data = JSON.parse(document.getElementById('trace-data').textContent);
    const events = data.events, nodes = data.nodes, palette = data.palette;
    const LINE = 0, KIND = 1, NODE = 2, PEER = 3, MESSAGE = 4, INSTANT = 5, DETAIL = 6;
    const K = {};
    data.kinds.forEach((name, index) => { K[name] = index; });
    const G = { axis: 112, row: 18, gap: 6, char: 6.1, offset: 10, top: 14 };
    // The time axis widens for labels longer than the static diagram's 112 pixels hold (runs of days).
    G.axis = Math.max(G.axis, Math.ceil(data.instants.reduce((most, instant) => Math.max(most, instant[0].length), 0) * 5.8 + 26));
    const SVG = 'http://www.w3.org/2000/svg';
    const $ = (id) => document.getElementById(id);

    const state = {
      nodeShown: nodes.map(() => true),
      showTimerSets: false,
      showLogs: true,
      selected: -1,       // index into events, or -1
      query: '',
      matches: [],        // rows of the shown events that match the query
      layout: null,
    };

    // Facts about each message over the whole trace: whether it arrived, was lost, or was copied.
    const arrived = new Uint8Array(data.messages.length), dropped = new Uint8Array(data.messages.length);
    const duplicated = new Uint8Array(data.messages.length), receipts = new Uint16Array(data.messages.length);
    const byMessage = data.messages.map(() => []);
    events.forEach((e, i) => {
      const m = e[MESSAGE];
      if (m < 0) return;
      byMessage[m].push(i);
      if (e[KIND] === K.receive) { arrived[m] = 1; if (receipts[m] < 65535) receipts[m] += 1; }
      if (e[KIND] === K.drop) dropped[m] = 1;
      if (e[KIND] === K.duplicate) duplicated[m] = 1;
    });
    receipts.forEach((count, m) => { if (count > 1) duplicated[m] = 1; });

    // The log lines of each node, in trace order, for the details panel.
    const logsOf = nodes.map(() => []);
    events.forEach((e, i) => { if (e[KIND] === K.log) logsOf[e[NODE]].push(i); });

    // What is written beside a lifeline (messages are labelled on their arrows), as in the static diagram.
    function annotation(e) {
      switch (data.kinds[e[KIND]]) {
        case 'deliver': return e[DETAIL];
        case 'timer-fired': return 'timer ' + e[DETAIL];
        case 'timer-set': return 'set ' + e[DETAIL];
        case 'log': return e[DETAIL];
        case 'command': return 'command ' + e[DETAIL];
        case 'crash': return 'CRASH';
        case 'restart': return 'restart';
        case 'failure': return 'FAILED: ' + e[DETAIL];
        case 'duplicate': return 'copied ×2 → ' + nodes[e[PEER]];
        default: return null;
      }
    }

    // Column width and text limits, measured once over the whole trace so filtering never reflows them.
    const sizes = (() => {
      let longestAnnotation = 0, longestLabel = 0;
      for (const e of events) {
        const text = annotation(e);
        if (text !== null) longestAnnotation = Math.max(longestAnnotation, Math.min(text.length, 40));
        if (e[KIND] === K.send) longestLabel = Math.max(longestLabel, Math.min(e[DETAIL].length + 3, 26));
      }
      const column = Math.min(Math.max(Math.max(longestAnnotation, longestLabel) * G.char + 34, 170), 290);
      return { column, annotation: Math.floor((column - G.offset - 16) / G.char), label: Math.min(26, Math.floor((column - 24) / G.char)) };
    })();

    function truncate(text, limit) {
      return text.length <= limit ? text : text.slice(0, Math.max(limit - 1, 0)) + '…';
    }

    // A failure event's text, or the first crash, is where "jump to the failure" lands.
    const failureTarget = (() => {
      const failure = events.findIndex((e) => e[KIND] === K.failure);
      if (failure >= 0) return { index: failure, label: 'Jump to the failure' };
      const crash = events.findIndex((e) => e[KIND] === K.crash);
      if (crash >= 0) return { index: crash, label: 'Jump to the first crash' };
      return null;
    })();
    """#
}
