extension TraceViewerScript {
    /// The address-driven driver (`#line=`, `#only=`, `#search=`, `#keys=`) and start-up.
    static let driver = #"""
    // Drives the page from its address, as a person would, for links to an event and for tests:
    //   #line=N        select the event on line N of the .jsonl
    //   #only=a,b      show only these nodes (clicks the other nodes' boxes, so their change handlers run)
    //   #search=TEXT   type TEXT into the search box (which keeps the focus)
    //   #keys=A,B,…    press these keys in order (KeyboardEvent key names: ArrowRight, j, Home, End, f, Enter,
    //                  Escape, …), each a real keydown dispatched to the focused element, as a keyboard would
    function drive() {
      const params = new URLSearchParams(location.hash.slice(1));
      const line = Number(params.get('line'));
      if (line > 0) select(events.findIndex((e) => e[LINE] === line));
      if (params.has('only')) {
        const keep = new Set(params.get('only').split(','));
        nodeBoxes().forEach((box) => { if (box.checked !== keep.has(box.dataset.node)) box.click(); });
      }
      if (params.has('search')) {
        const search = $('search');
        search.focus();
        search.value = params.get('search');
        search.dispatchEvent(new Event('input', { bubbles: true }));
      }
      for (const key of (params.get('keys') || '').split(',').filter((k) => k)) {
        const target = document.activeElement || document.body;
        target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      }
    }

    function start() {
      const first = data.instants[0], last = data.instants[data.instants.length - 1];
      $('subtitle').textContent = events.length === 0 ? 'no events'
        : `${nodes.length} node${nodes.length === 1 ? '' : 's'} · ${events.length} events · ${first[0]} to ${last[0]} · ` +
          'time flows down, one row per event, rows of one instant together (not to scale)';
      setUpControls();
      relayout();
      drive();
      window.addEventListener('hashchange', drive);
      document.body.dataset.ready = 'true';
    }

    start();
    """#
}
