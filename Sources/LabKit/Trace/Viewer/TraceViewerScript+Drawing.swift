extension TraceViewerScript {
    /// Drawing the rows in view as SVG, in the static diagram's visual language.
    static let drawing = #"""
    // Draws the rows in and around the view as SVG, in the static diagram's visual language: partitions
    // underneath, then highlights, the time axis, lifelines, arrows, marks, and text on top with a white halo.
    // Only this window exists in the DOM; scrolling or stepping draws the next one.
    function el(parent, tag, attributes, text) {
      const node = document.createElementNS(SVG, tag);
      for (const name in attributes) node.setAttribute(name, attributes[name]);
      if (text !== undefined) node.textContent = text;
      parent.appendChild(node);
      return node;
    }

    function line(parent, x1, y1, x2, y2, stroke, width, dash) {
      const attributes = { x1, y1, x2, y2, stroke, 'stroke-width': width || 1 };
      if (dash) attributes['stroke-dasharray'] = dash;
      return el(parent, 'line', attributes);
    }

    // A straight arrow whose head's tip is exactly at (x2, y2).
    function arrow(parent, x1, y1, x2, y2, color, dash) {
      const dx = x2 - x1, dy = y2 - y1, length = Math.hypot(dx, dy);
      if (length === 0) return;
      const ux = dx / length, uy = dy / length, head = Math.min(9, length);
      const bx = x2 - ux * head, by = y2 - uy * head;
      line(parent, x1, y1, bx, by, color, 1.3, dash);
      el(parent, 'polygon', { points: `${x2},${y2} ${bx - uy * 3.5},${by + ux * 3.5} ${bx + uy * 3.5},${by - ux * 3.5}`, fill: color });
    }

    function cross(parent, x, y, size, color) {
      line(parent, x - size, y - size, x + size, y + size, color, 2.2);
      line(parent, x - size, y + size, x + size, y - size, color, 2.2);
    }

    function label(parent, text, x, y, fill, options) {
      const o = options || {};
      const attributes = { x, y, fill, 'font-size': o.size || 10, class: o.halo === false ? '' : 'halo' };
      if (o.anchor) attributes['text-anchor'] = o.anchor;
      if (o.bold) attributes['font-weight'] = 'bold';
      if (o.italic) attributes['font-style'] = 'italic';
      return el(parent, 'text', attributes, text);
    }

    function render() {
      const layout = state.layout, scroller = $('scroller'), sizer = $('sizer'), svg = $('diagram');
      sizer.style.height = layout.height + 'px';
      sizer.style.width = layout.width + 'px';
      const view = Math.max(scroller.clientHeight, 400);
      const top = Math.min(Math.max(scroller.scrollTop - sizer.offsetTop, 0), Math.max(layout.height - view, 0));
      const from = Math.max(0, top - view), to = Math.max(Math.min(layout.height, top + 2 * view), from + 1);
      place(svg, 0, from, layout.width, to - from);
      const under = el(svg, 'g'), lanes = el(svg, 'g'), arrows = el(svg, 'g'), marks = el(svg, 'g'), texts = el(svg, 'g');
      const first = rowAtOrBelow(layout, from - G.row), last = rowAtOrBelow(layout, to + G.row);
      const right = layout.width - 8;

      for (const band of layout.partitions) {
        if (band.to >= from && band.from <= to) {
          el(under, 'rect', { x: G.axis, y: band.from, width: right - G.axis, height: band.to - band.from, fill: palette.partitionFill });
        }
      }
      drawHighlights(under, layout, first, last, G.axis - 8, right);
      const selected = state.selected >= 0 ? layout.rowOf[state.selected] : -1;
      if (selected >= first && selected < last) {
        line(under, G.axis - 6, layout.y[selected] - G.row / 2, G.axis - 6, layout.y[selected] + G.row / 2, '#1a5fb4', 4);
      }
      for (let r = first; r < last; r++) {
        if (layout.bandStart[r]) line(under, G.axis - 8, layout.y[r], right, layout.y[r], palette.grid);
      }
      drawAxis(layout, from, to, first, last);
      drawLifelines(lanes, layout, from, to);

      const drawn = new Set();
      for (let c = Math.floor(first / CHUNK); c <= Math.floor(Math.max(last - 1, 0) / CHUNK); c++) {
        for (const r of layout.chunks[c] || []) {
          if (drawn.has(r)) continue;
          drawn.add(r);
          const e = events[layout.rows[r]];
          if (e[KIND] === K.receive) drawArrival(arrows, texts, layout, r); else drawDrop(arrows, texts, layout, r);
        }
      }
      for (let r = first; r < last; r++) drawRow(marks, texts, layout, r, right);
    }

    // Empties `svg` and makes it show the diagram's area from (x, y), width by height, at that place.
    function place(svg, x, y, width, height) {
      svg.setAttribute('width', width);
      svg.setAttribute('height', height);
      svg.setAttribute('viewBox', `${x} ${y} ${width} ${height}`);
      svg.style.top = y + 'px';
      svg.replaceChildren();
    }

    // The time axis, in an SVG of its own that stays at the left edge however far the lanes are scrolled.
    function drawAxis(layout, from, to, first, last) {
      const axis = $('axis'), width = G.axis - 8;
      place(axis, 0, from, width, to - from);
      axis.style.left = $('scroller').scrollLeft + 'px';
      $('axis-corner').style.left = $('scroller').scrollLeft + 'px';
      el(axis, 'rect', { x: 0, y: from, width, height: to - from, fill: '#ffffff' });
      drawHighlights(axis, layout, first, last, 0, width);
      line(axis, width - 0.5, from, width - 0.5, to, '#bbbbbb');
      for (let r = first; r < last; r++) {
        if (!layout.bandStart[r]) continue;
        const y = layout.y[r];
        line(axis, width - 4, y, width, y, '#bbbbbb');
        label(axis, data.instants[events[layout.rows[r]][INSTANT]][0], width - 7, y + 3.5, palette.axis,
              { size: 9.5, anchor: 'end', halo: false });
      }
    }

    // Bands across the rows that match the search, the failure's row and the selected row, from left to right.
    function drawHighlights(parent, layout, first, last, left, right) {
      const band = (r, fill, opacity, name) => el(parent, 'rect', { x: left, y: layout.y[r] - G.row / 2, width: right - left,
                                                                    height: G.row, fill, 'fill-opacity': opacity, class: name });
      for (const r of state.matches) {
        if (r >= first && r < last) band(r, '#ffd84d', 0.45, 'match');
      }
      const failure = failureTarget ? layout.rowOf[failureTarget.index] : -1;
      if (failure >= first && failure < last) band(failure, '#d93025', 0.14, 'failure-focus');
      const selected = state.selected >= 0 ? layout.rowOf[state.selected] : -1;
      if (selected >= first && selected < last) band(selected, '#1a5fb4', 0.16, 'selected');
    }

    function drawLifelines(parent, layout, from, to) {
      nodes.forEach((name, n) => {
        if (layout.column[n] < 0) return;
        const x = layout.x(n), g = el(parent, 'g', { class: 'lane', 'data-node': name });
        const stretches = layout.down.filter((d) => d.node === n).sort((a, b) => a.from - b.from);
        let cursor = from;
        for (const d of stretches) {
          if (d.to < from || d.from > to) continue;
          if (d.from > cursor) line(g, x, cursor, x, d.from, palette.lifeline, 1.5);
          line(g, x, Math.max(d.from, from), x, Math.min(d.to, to), palette.downLifeline, 1.5, '3 4');
          cursor = Math.max(cursor, d.to);
        }
        if (cursor < to) line(g, x, cursor, x, Math.min(to, layout.height), palette.lifeline, 1.5);
      });
    }

    function direction(layout, from, to) {
      const dx = layout.x(to) - layout.x(from);
      return dx > 0 ? 1 : dx < 0 ? -1 : 0;
    }

    // The selected event's message is drawn bolder, wherever its arrows go.
    function emphasis(m) {
      return m >= 0 && state.selected >= 0 && events[state.selected][MESSAGE] === m ? ' selected-message' : '';
    }

    function messageColor(m) {
      return duplicated[m] ? palette.duplicate : palette.message;
    }

    // An arrival: from its send (or, where that is not shown, a stub from the sender's side) to the receiver.
    function drawArrival(parent, texts, layout, r) {
      const e = events[layout.rows[r]], m = e[MESSAGE], to = { x: layout.x(e[NODE]), y: layout.y[r] };
      const color = m >= 0 ? messageColor(m) : palette.message;
      const g = el(parent, 'g', { class: 'arrow' + emphasis(m), 'data-message': m >= 0 ? data.messages[m] : '' });
      const send = m >= 0 ? layout.sendRow.get(m) : undefined;
      if (e[PEER] < 0 || layout.column[e[PEER]] < 0) {
        arrow(g, to.x + 40, to.y - 10, to.x + 1, to.y, color, '4 3');
        label(texts, truncate(`${e[DETAIL]} ← ${e[PEER] < 0 ? '?' : nodes[e[PEER]]}`, sizes.annotation), to.x + 44, to.y - 5, color);
        return;
      }
      const from = { x: layout.x(e[PEER]), y: send !== undefined ? layout.y[send] : to.y - G.row };
      if (from.x === to.x) {
        el(g, 'polyline', { points: `${from.x},${from.y} ${from.x + 28},${from.y} ${from.x + 28},${to.y}`, fill: 'none', stroke: color,
                            'stroke-width': 1.3 });
        arrow(g, from.x + 28, to.y, to.x + 1, to.y, color);
      } else {
        arrow(g, from.x, from.y, to.x, to.y, color);
      }
      if (send === undefined) {
        const leftward = from.x > to.x;
        label(texts, truncate(e[DETAIL], sizes.label), leftward ? to.x + 7 : to.x - 7, to.y - 4, color, { anchor: leftward ? 'start' : 'end' });
      }
    }

    // A loss: a line ending in ✕ just before the receiver (or, lost as it left, short of the next lane).
    function drawDrop(parent, texts, layout, r) {
      const e = events[layout.rows[r]], m = e[MESSAGE], y = layout.y[r], color = palette.drop;
      const send = m >= 0 ? layout.sendRow.get(m) : undefined;
      const start = { x: layout.x(e[NODE]), y: send !== undefined ? layout.y[send] : y - G.row };
      const g = el(parent, 'g', { class: 'drop' + emphasis(m), 'data-message': m >= 0 ? data.messages[m] : '' });
      const receiverShown = e[PEER] >= 0 && layout.column[e[PEER]] >= 0;
      const dir = receiverShown ? direction(layout, e[NODE], e[PEER]) : 1;
      const lostOnTheWay = !receiverShown || send === undefined || layout.y[send] === y ||
        events[layout.rows[send]][INSTANT] === e[INSTANT];
      const peer = e[PEER] >= 0 ? nodes[e[PEER]] : '?';
      if (lostOnTheWay) {
        const reach = receiverShown ? Math.min(Math.abs(layout.x(e[PEER]) - start.x) * 0.45, sizes.column * 0.5) : 0;
        const endX = start.x + (dir === 0 ? 1 : dir) * Math.max(reach, 40);
        line(g, start.x, start.y, endX, y, color, 1.2);
        cross(g, endX, y, 4.5, color);
        label(texts, truncate(`${e[DETAIL]} → ${peer}`, sizes.annotation), dir < 0 ? endX - 9 : endX + 9, y + 3.5, color,
              { anchor: dir < 0 ? 'end' : 'start', bold: true });
        return;
      }
      const receiverX = layout.x(e[PEER]);
      const endX = dir === 0 ? receiverX + 16 : receiverX - dir * 16;
      line(g, start.x, start.y, endX, y, color, 1.2);
      cross(g, endX, y, 4.5, color);
      const text = truncate(`dropped: ${e[DETAIL]}`, sizes.annotation);
      if (reasonGoesBelow(e, send, layout.rows, layout.column)) {
        label(texts, text, endX + 10, y + 14, color, { bold: true });
      } else if (dir < 0) {
        label(texts, text, receiverX - 8, y + 3.5, color, { anchor: 'end', bold: true });
      } else {
        label(texts, text, receiverX + (dir === 0 ? 28 : G.offset), y + 3.5, color, { bold: true });
      }
    }

    // Events marked by a dot on their lifeline with their text beside it: the dot's radius, its fill or (white
    // inside) ring, which colours the text too, and the text's style; as in the static diagram.
    const dots = {
      duplicate: { r: 3, ring: 'duplicate', text: { size: 9.5 } },
      deliver: { r: 3.5, fill: 'delivery', text: { bold: true } },
      'timer-fired': { r: 3.5, ring: 'timer', text: {} },
      'timer-set': { r: 2.5, ring: 'timer', text: { size: 9.5, italic: true } },
      log: { r: 2, fill: 'log', text: { size: 9.5, italic: true } },
      command: { r: 3.5, fill: 'command', text: { bold: true } },
      failure: { r: 5.5, fill: 'crash', text: { bold: true }, dx: 2 },
    };

    // The mark of one event on its lifeline, and its text.
    function drawRow(parent, texts, layout, r, right) {
      const i = layout.rows[r], e = events[i], y = layout.y[r], kind = data.kinds[e[KIND]];
      if (kind === 'partition' || kind === 'heal') {
        const g = el(parent, 'g', { class: 'event', 'data-index': i, 'data-kind': kind });
        line(g, G.axis, y, right, y, palette.partition, 1.2, '6 4');
        const what = kind === 'partition' ? `partition: ${e[DETAIL]}` : 'partition healed';
        label(texts, truncate(what, Math.floor((right - G.axis - 20) / G.char)), G.axis + 8, y - 4, palette.partition, { bold: true });
        return;
      }
      const x = layout.x(e[NODE]), textX = x + G.offset, baseline = y + 3.5;
      const g = el(parent, 'g', { class: 'event', 'data-index': i, 'data-kind': kind, 'data-node': nodes[e[NODE]] });
      const text = truncate(annotation(e) || '', sizes.annotation), dot = dots[kind];
      if (dot) {
        el(g, 'circle', dot.ring ? { cx: x, cy: y, r: dot.r, fill: '#ffffff', stroke: palette[dot.ring], 'stroke-width': 1.5 }
          : { cx: x, cy: y, r: dot.r, fill: palette[dot.fill] });
        label(texts, text, textX + (dot.dx || 0), baseline, palette[dot.ring || dot.fill], dot.text);
      } else if (kind === 'crash' || kind === 'restart') {
        const color = kind === 'crash' ? palette.crash : palette.restart;
        el(g, 'rect', { x: x - 12, y: y - 3, width: 24, height: 6, fill: color });
        label(texts, text, x + 17, baseline, color, { size: 11, bold: true });
      } else if (kind === 'send') {
        drawSend(g, texts, layout, r);
      } else if (kind === 'receive') {
        el(g, 'circle', { cx: x, cy: y, r: 2, fill: e[MESSAGE] >= 0 ? messageColor(e[MESSAGE]) : palette.message });
      }
      if (i === state.selected) el(g, 'circle', { cx: x, cy: y, r: 8, fill: 'none', stroke: '#1a5fb4', 'stroke-width': 2, class: 'selected-ring' });
    }

    // A send: its label at the sending end, and a stub when it has not arrived (yet), goes to a hidden lane, or
    // cannot be followed.
    function drawSend(g, texts, layout, r) {
      const e = events[layout.rows[r]], m = e[MESSAGE], x = layout.x(e[NODE]), y = layout.y[r];
      const settled = m >= 0 && (arrived[m] || dropped[m]);
      const color = m < 0 ? palette.message : duplicated[m] ? palette.duplicate : arrived[m] ? palette.message
        : dropped[m] ? palette.drop : palette.inFlight;
      const peerShown = e[PEER] >= 0 && layout.column[e[PEER]] >= 0;
      const leftward = peerShown && direction(layout, e[NODE], e[PEER]) < 0;
      let text = m >= 0 && duplicated[m] ? truncate(e[DETAIL], sizes.label - 3) + ' ×2' : truncate(e[DETAIL], sizes.label);
      if (!peerShown) text = truncate(`${e[DETAIL]} → ${e[PEER] < 0 ? '?' : nodes[e[PEER]]}`, sizes.annotation);
      el(g, 'circle', { cx: x, cy: y, r: 2, fill: color });
      label(texts, text, leftward ? x - 7 : x + 7, y - 4, color, { anchor: leftward ? 'end' : 'start' });
      if (m < 0) {
        // No message id (a live node's trace has none): a short arrow towards the peer says where it went.
        const dir = peerShown ? direction(layout, e[NODE], e[PEER]) : 1;
        arrow(g, x, y, x + (dir === 0 ? 1 : dir) * 30, y + 3, color);
      } else if (!peerShown && settled) {
        arrow(g, x, y, x + 30, y + 3, color, '4 3');
      } else if (!settled) {
        const dir = peerShown ? direction(layout, e[NODE], e[PEER]) : 1;
        const dx = (dir === 0 ? 1 : dir) * Math.max(Math.min(peerShown ? Math.abs(layout.x(e[PEER]) - x) * 0.3 : 0, sizes.column * 0.4), 30);
        arrow(g, x, y, x + dx, y + G.row * 0.7, palette.inFlight, '4 3');
      }
    }
    """#
}
