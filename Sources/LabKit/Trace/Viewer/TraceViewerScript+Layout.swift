extension TraceViewerScript {
    /// Rows, columns and what spans rows, for the events the filters show.
    static let layout = #"""
    // Rows for the shown events (one each, grouped by instant as in the static diagram), lane columns for the
    // shown nodes, and what spans rows: message arrows, crashed stretches of lifelines, partitions.
    // Partitions and heals concern the whole network, so they stay shown whichever nodes are.
    function isShown(e) {
      if (e[KIND] === K.partition || e[KIND] === K.heal) return true;
      if (!state.nodeShown[e[NODE]]) return false;
      if (e[KIND] === K['timer-set']) return state.showTimerSets;
      if (e[KIND] === K.log) return state.showLogs;
      return true;
    }

    const CHUNK = 64;

    function computeLayout() {
      const column = new Int32Array(nodes.length).fill(-1);
      let columns = 0;
      nodes.forEach((_, n) => { if (state.nodeShown[n]) column[n] = columns++; });
      // The first lane's name, centred on it, must clear the time axis.
      const firstName = nodes.find((_, n) => column[n] === 0) || '';
      const inset = Math.max(24, Math.min(firstName.length * 7.4 + 18, 260) / 2 - 4);
      const x = (n) => G.axis + inset + column[n] * sizes.column;

      const rows = [], rowOf = new Int32Array(events.length).fill(-1);
      events.forEach((e, i) => { if (isShown(e)) { rowOf[i] = rows.length; rows.push(i); } });
      const y = new Float64Array(rows.length), bandStart = new Uint8Array(rows.length);
      const sendRow = new Map();
      let cursor = G.top, lastInstant = -1;
      rows.forEach((i, r) => {
        const e = events[i];
        if (e[INSTANT] !== lastInstant) {
          cursor += lastInstant < 0 ? G.row : G.gap + G.row;
          lastInstant = e[INSTANT];
          bandStart[r] = 1;
        } else {
          cursor += G.row;
        }
        y[r] = cursor;
        if (e[KIND] === K.send && e[MESSAGE] >= 0 && !sendRow.has(e[MESSAGE])) sendRow.set(e[MESSAGE], r);
        if (reasonGoesBelow(e, sendRow.get(e[MESSAGE]), rows, column)) cursor += G.row * 0.7;
      });
      const height = cursor + G.row * 1.5;

      // Each arrow (arrival or loss) is listed in every chunk of rows it crosses, so drawing a window of rows
      // finds the arrows passing through it without looking at the others.
      const chunks = Array.from({ length: Math.ceil(rows.length / CHUNK) + 1 }, () => []);
      rows.forEach((i, r) => {
        const e = events[i];
        if (e[KIND] !== K.receive && e[KIND] !== K.drop) return;
        const from = sendRow.has(e[MESSAGE]) ? sendRow.get(e[MESSAGE]) : r;
        for (let c = Math.floor(from / CHUNK); c <= Math.floor(r / CHUNK); c++) chunks[c].push(r);
      });

      const down = [], partitions = [];
      const downSince = new Map();
      let partitionSince = -1;
      rows.forEach((i, r) => {
        const e = events[i];
        if (e[KIND] === K.crash && !downSince.has(e[NODE])) downSince.set(e[NODE], y[r]);
        if (e[KIND] === K.restart && downSince.has(e[NODE])) {
          down.push({ node: e[NODE], from: downSince.get(e[NODE]), to: y[r] });
          downSince.delete(e[NODE]);
        }
        if (e[KIND] === K.partition) {
          if (partitionSince >= 0) partitions.push({ from: partitionSince, to: y[r] });
          partitionSince = y[r];
        }
        if (e[KIND] === K.heal && partitionSince >= 0) {
          partitions.push({ from: partitionSince, to: y[r] });
          partitionSince = -1;
        }
      });
      downSince.forEach((from, node) => down.push({ node, from, to: height }));
      if (partitionSince >= 0) partitions.push({ from: partitionSince, to: height });

      const width = Math.max(G.axis + inset + Math.max(columns, 1) * sizes.column, 480);
      return { column, columns, x, rows, rowOf, y, bandStart, sendRow, chunks, down, partitions, height, width };
    }

    // A loss that travelled leftwards into the first column has no room for its reason beside the lifeline:
    // it goes under the line, and the row below makes room (as in the static diagram).
    function reasonGoesBelow(e, send, rows, column) {
      if (e[KIND] !== K.drop || e[PEER] < 0 || send === undefined) return false;
      if (events[rows[send]][INSTANT] === e[INSTANT]) return false;
      return column[e[PEER]] === 0 && column[e[NODE]] > 0;
    }

    // The first row whose y is at least `value` (rows.length if none).
    function rowAtOrBelow(layout, value) {
      let low = 0, high = layout.rows.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (layout.y[mid] < value) low = mid + 1; else high = mid;
      }
      return low;
    }
    """#
}
