extension TraceViewerScript {
    /// Selection, stepping, filters, search, the failure jump; the keyboard, mouse and scroll handlers.
    static let controls = #"""
    // Selection, stepping, the node and kind filters, search and the jump to the failure. Every change of
    // what is shown lays the rows out again and redraws; the selection is an event, so it survives filtering.
    function relayout() {
      state.layout = computeLayout();
      updateMatches();
      drawLaneNames();
      if (state.selected >= 0) scrollToRow(state.layout.rowOf[state.selected]);
      render();
      showDetails();
    }

    function drawLaneNames() {
      const layout = state.layout, box = $('lane-names');
      box.style.width = layout.width + 'px';
      box.replaceChildren();
      const corner = document.createElement('span');
      corner.id = 'axis-corner';
      corner.textContent = 'time ↓';
      corner.style.width = G.axis - 8 + 'px';
      box.appendChild(corner);
      nodes.forEach((name, n) => {
        if (layout.column[n] < 0) return;
        const tag = document.createElement('span');
        tag.className = 'lane-name';
        tag.dataset.node = name;
        tag.textContent = name;
        tag.title = name;
        tag.style.left = layout.x(n) + 'px';
        box.appendChild(tag);
      });
    }

    function buildFilters() {
      nodes.forEach((name, n) => {
        const label = document.createElement('label'), input = document.createElement('input');
        input.type = 'checkbox';
        input.checked = true;
        input.dataset.node = name;
        input.addEventListener('change', () => { state.nodeShown[n] = input.checked; relayout(); });
        label.title = 'Shift-click: show only this node';
        label.addEventListener('click', (event) => {
          if (!event.shiftKey) return;
          event.preventDefault();
          nodeBoxes().forEach((box, other) => { box.checked = other === n; state.nodeShown[other] = other === n; });
          relayout();
        });
        label.append(input, ' ' + name);
        $('nodes').appendChild(label);
      });
      $('show-timer-sets').addEventListener('change', (event) => { state.showTimerSets = event.target.checked; relayout(); });
      $('show-logs').addEventListener('change', (event) => { state.showLogs = event.target.checked; relayout(); });
    }

    function nodeBoxes() {
      return Array.from($('nodes').querySelectorAll('input'));
    }

    // Shows the event's node and kind if a filter hides them, so a link or a jump always lands on a row.
    function reveal(index) {
      const e = events[index];
      let changed = false;
      if (!state.nodeShown[e[NODE]]) { state.nodeShown[e[NODE]] = true; nodeBoxes()[e[NODE]].checked = true; changed = true; }
      if (e[KIND] === K['timer-set'] && !state.showTimerSets) { state.showTimerSets = true; $('show-timer-sets').checked = true; changed = true; }
      if (e[KIND] === K.log && !state.showLogs) { state.showLogs = true; $('show-logs').checked = true; changed = true; }
      if (changed) relayout();
    }

    function select(index) {
      if (index < 0 || index >= events.length) return;
      reveal(index);
      state.selected = index;
      scrollToRow(state.layout.rowOf[index]);
      render();
      showDetails();
    }

    // Moves the selection `delta` shown rows on (negative: back), clamped to the first and last row.
    function step(delta) {
      const rows = state.layout.rows;
      if (rows.length === 0) return;
      let r;
      if (state.selected < 0) {
        r = delta > 0 ? delta - 1 : rows.length + delta;
      } else {
        const at = state.layout.rowOf[state.selected];
        // A selected event that a filter now hides counts as lying between its neighbouring rows.
        const base = at >= 0 ? at : lowerBound(rows, state.selected) - (delta > 0 ? 1 : 0);
        r = base + delta;
      }
      select(rows[Math.min(Math.max(r, 0), rows.length - 1)]);
    }

    function lowerBound(sorted, value) {
      let low = 0, high = sorted.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (sorted[mid] < value) low = mid + 1; else high = mid;
      }
      return low;
    }

    function scrollToRow(r) {
      if (r === undefined || r < 0) return;
      const layout = state.layout, scroller = $('scroller'), sizer = $('sizer');
      const y = layout.y[r] + sizer.offsetTop, header = $('lane-names').offsetHeight;
      if (y < scroller.scrollTop + header + G.row || y > scroller.scrollTop + scroller.clientHeight - 2 * G.row) {
        scroller.scrollTop = Math.max(0, y - scroller.clientHeight / 2);
      }
      const e = events[layout.rows[r]];
      if (e[KIND] !== K.partition && e[KIND] !== K.heal) {
        const x = layout.x(e[NODE]);
        if (x < scroller.scrollLeft + G.axis || x > scroller.scrollLeft + scroller.clientWidth - 80) {
          scroller.scrollLeft = Math.max(0, x - scroller.clientWidth / 2);
        }
      }
    }

    // Search: every shown event whose kind, node, peer, message id or detail contains the text, ignoring case.
    let searchable = null;
    function updateMatches() {
      const query = state.query.trim().toLowerCase();
      state.matches = [];
      if (query) {
        if (!searchable) {
          searchable = events.map((e) => [data.kinds[e[KIND]], nodes[e[NODE]], e[PEER] >= 0 ? nodes[e[PEER]] : '',
            e[MESSAGE] >= 0 ? '#' + data.messages[e[MESSAGE]] : '', e[DETAIL]].join(' ').toLowerCase());
        }
        state.layout.rows.forEach((i, r) => { if (searchable[i].includes(query)) state.matches.push(r); });
      }
      showMatchCount();
    }

    function showMatchCount() {
      const count = state.matches.length, box = $('matches');
      box.dataset.count = count;
      if (!state.query.trim()) { box.textContent = ''; return; }
      const at = state.selected >= 0 ? state.matches.indexOf(state.layout.rowOf[state.selected]) : -1;
      box.textContent = count === 0 ? 'no match' : at >= 0 ? `match ${at + 1} of ${count}` : `${count} match${count === 1 ? '' : 'es'} · Enter`;
    }

    // Selects the next match after the selection (or the previous before it), going round at the end.
    function nextMatch(direction) {
      const matches = state.matches;
      if (matches.length === 0) return;
      const current = state.selected >= 0 ? state.layout.rowOf[state.selected] : -1;
      let target;
      if (direction > 0) {
        target = matches.find((r) => r > current);
        if (target === undefined) target = matches[0];
      } else {
        target = [...matches].reverse().find((r) => current < 0 || r < current);
        if (target === undefined) target = matches[matches.length - 1];
      }
      select(state.layout.rows[target]);
    }

    function setUpFailureButton() {
      const button = $('jump-failure'), reason = $('failure-reason');
      if (!failureTarget) {
        button.disabled = true;
        reason.textContent = 'no handler failure and no crash in this trace';
        return;
      }
      const e = events[failureTarget.index];
      button.textContent = `${failureTarget.label}  ( f )`;
      reason.textContent = `${data.instants[e[INSTANT]][0]} on ${nodes[e[NODE]]}, line ${e[LINE]}`;
      button.addEventListener('click', () => select(failureTarget.index));
    }

    function onKey(event) {
      const search = $('search');
      if (event.target === search || event.ctrlKey || event.metaKey || event.altKey) return;
      const page = Math.max(1, Math.floor($('scroller').clientHeight / G.row) - 2);
      switch (event.key) {
        case 'ArrowRight': case 'ArrowDown': case 'j': step(1); break;
        case 'ArrowLeft': case 'ArrowUp': case 'k': step(-1); break;
        case 'PageDown': step(page); break;
        case 'PageUp': step(-page); break;
        case 'Home': if (state.layout.rows.length) select(state.layout.rows[0]); break;
        case 'End': if (state.layout.rows.length) select(state.layout.rows[state.layout.rows.length - 1]); break;
        case 'f': if (failureTarget) select(failureTarget.index); break;
        case 'n': nextMatch(1); break;
        case 'N': nextMatch(-1); break;
        case '/': search.focus(); search.select(); break;
        default: return;
      }
      event.preventDefault();
    }

    function onSearchKey(event) {
      if (event.key === 'Enter') { nextMatch(event.shiftKey ? -1 : 1); event.preventDefault(); }
      if (event.key === 'Escape') { event.target.blur(); event.preventDefault(); }
    }

    function setUpControls() {
      buildFilters();
      setUpFailureButton();
      document.addEventListener('keydown', onKey);
      const search = $('search');
      search.addEventListener('keydown', onSearchKey);
      search.addEventListener('input', () => { state.query = search.value; updateMatches(); render(); });
      $('diagram').addEventListener('click', (event) => {
        const layout = state.layout, y = event.clientY - $('sizer').getBoundingClientRect().top;
        const r = rowAtOrBelow(layout, y - G.row / 2);
        if (r < layout.rows.length) select(layout.rows[r]);
      });
      $('details').addEventListener('click', (event) => {
        const item = event.target.closest('[data-index]');
        if (item) select(Number(item.dataset.index));
      });
      let pending = false;
      $('scroller').addEventListener('scroll', () => {
        if (pending) return;
        pending = true;
        requestAnimationFrame(() => { pending = false; render(); });
      });
      window.addEventListener('resize', () => render());
    }
    """#
}
