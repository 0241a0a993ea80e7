extension TraceViewerScript {
    /// The details panel and the status line.
    static let details = #"""
    // The details panel (the selected event in full, its message's whole life, its node's log lines around it)
    // and the status line, whose data-* attributes state the selection for tools and tests.
    const kindColor = {
      send: palette.message, receive: palette.message, drop: palette.drop, duplicate: palette.duplicate,
      'timer-set': palette.timer, 'timer-fired': palette.timer, deliver: palette.delivery, log: palette.log,
      command: palette.command, crash: palette.crash, restart: palette.restart, partition: palette.partition,
      heal: palette.partition, failure: palette.crash,
    };

    // What the detail of each kind of event is.
    const detailHeading = {
      send: 'Message', receive: 'Message', duplicate: 'Message', drop: 'Why it was lost', 'timer-set': 'Timer',
      'timer-fired': 'Timer', deliver: 'Output to the user', log: 'Log line', command: 'Command', crash: 'Detail',
      restart: 'Detail', partition: 'Groups that cannot reach each other', heal: 'Detail', failure: 'Why the handler failed',
    };

    function make(tag, text, className) {
      const node = document.createElement(tag);
      if (text !== undefined) node.textContent = text;
      if (className) node.className = className;
      return node;
    }

    function badge(kind) {
      const tag = make('span', kind, 'kind-badge');
      tag.style.background = kindColor[kind];
      return tag;
    }

    // One line of a list in the panel, which selects its event when clicked.
    function eventItem(i, text) {
      const e = events[i], item = make('li', undefined, i === state.selected ? 'current' : 'link');
      item.dataset.index = i;
      item.append(make('span', data.instants[e[INSTANT]][0], 'when'), text);
      return item;
    }

    function messageLine(i) {
      const e = events[i], kind = data.kinds[e[KIND]], peer = e[PEER] >= 0 ? nodes[e[PEER]] : '?';
      switch (kind) {
        case 'send': return `${nodes[e[NODE]]} sent it to ${peer}`;
        case 'receive': return `${nodes[e[NODE]]} received it from ${peer}`;
        case 'drop': return `lost on its way to ${peer}: ${e[DETAIL]}`;
        case 'duplicate': return `the network copied it (to ${peer})`;
        default: return `${kind} on ${nodes[e[NODE]]}`;
      }
    }

    // Up to `around` log lines of the event's node before it and after it, in trace order.
    function logLines(index, around) {
      const logs = logsOf[events[index][NODE]];
      const at = lowerBound(logs, index);
      const before = logs.slice(Math.max(0, at - around), at);
      const after = logs.slice(logs[at] === index ? at + 1 : at, (logs[at] === index ? at + 1 : at) + around);
      return { before, after, isLog: logs[at] === index };
    }

    function showDetails() {
      const panel = $('details');
      panel.replaceChildren();
      showStatus();
      showMatchCount();
      if (state.selected < 0) {
        panel.append(make('h2', 'No event selected'),
          make('p', 'Click an event in the diagram, or press → or j to step to the first one and ← or k to go back.'));
        panel.append(make('h3', 'In this trace'));
        const counts = make('dl');
        data.kinds.forEach((kind, k) => {
          const count = events.reduce((sum, e) => sum + (e[KIND] === k ? 1 : 0), 0);
          if (count > 0) counts.append(make('dt', kind), make('dd', String(count)));
        });
        panel.append(counts);
        return;
      }
      const i = state.selected, e = events[i], kind = data.kinds[e[KIND]];
      const network = e[KIND] === K.partition || e[KIND] === K.heal;
      const heading = make('h2');
      heading.append(badge(kind), network ? ' of the whole network' : ` on ${nodes[e[NODE]]}`);
      panel.append(heading);
      const facts = make('dl');
      const fact = (name, value) => facts.append(make('dt', name), make('dd', value));
      fact('time', data.instants[e[INSTANT]][0]);
      fact('t_ns', data.instants[e[INSTANT]][1]);
      fact(network ? 'recorded on' : 'node', nodes[e[NODE]]);
      if (e[PEER] >= 0) fact(kind === 'receive' ? 'from' : 'peer', nodes[e[PEER]]);
      if (e[MESSAGE] >= 0) fact('message id', data.messages[e[MESSAGE]]);
      fact('line', `${e[LINE]} of the .jsonl`);
      panel.append(facts);

      panel.append(make('h3', detailHeading[kind]));
      panel.append(e[DETAIL] ? make('pre', e[DETAIL]) : make('p', 'no detail', 'none'));

      if (e[MESSAGE] >= 0) {
        panel.append(make('h3', `Message #${data.messages[e[MESSAGE]]}, all its events`));
        const list = make('ol');
        for (const other of byMessage[e[MESSAGE]]) list.append(eventItem(other, messageLine(other)));
        panel.append(list);
      }

      if (network) return;
      panel.append(make('h3', `Log lines of ${nodes[e[NODE]]} around it`));
      const { before, after, isLog } = logLines(i, 4);
      if (before.length === 0 && after.length === 0) {
        panel.append(make('p', `${nodes[e[NODE]]} wrote no ${isLog ? 'other ' : ''}log line`, 'none'));
      } else {
        const list = make('ol');
        for (const log of before) list.append(eventItem(log, events[log][DETAIL]));
        list.append(eventItem(i, isLog ? e[DETAIL] : `▸ this ${kind}`));
        for (const log of after) list.append(eventItem(log, events[log][DETAIL]));
        panel.append(list);
      }
    }

    function showStatus() {
      const layout = state.layout, status = $('status');
      const shownNodes = nodes.filter((_, n) => layout.column[n] >= 0);
      status.dataset.shownEvents = layout.rows.length;
      status.dataset.shownNodes = shownNodes.join(',');
      const hidden = events.length - layout.rows.length;
      const shown = `${layout.rows.length} events shown${hidden ? ` (${hidden} hidden by the filters)` : ''}`;
      if (state.selected < 0) {
        delete status.dataset.selectedLine;
        status.textContent = `No event selected · ${shown}`;
        return;
      }
      const e = events[state.selected], r = layout.rowOf[state.selected];
      status.dataset.selectedLine = e[LINE];
      status.dataset.selectedKind = data.kinds[e[KIND]];
      status.dataset.selectedNode = nodes[e[NODE]];
      status.textContent = `Event ${r + 1} of ${layout.rows.length} shown · line ${e[LINE]} · ${data.kinds[e[KIND]]} on ${nodes[e[NODE]]}` +
        (hidden ? ` · ${hidden} hidden by the filters` : '');
    }
    """#
}
