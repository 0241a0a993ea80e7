/// The viewer page's stylesheet: a full-window layout (heading, toolbar, diagram beside the details panel,
/// status line), the diagram's monospaced font and the highlight colours of selection and search.
enum TraceViewerStyle {
    static let css = #"""
    * { box-sizing: border-box; }
    html, body { margin: 0; height: 100%; }
    body { display: flex; flex-direction: column; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
           color: #1d2b3a; background: #ffffff; }
    header.top { padding: 8px 16px 4px; border-bottom: 1px solid #e3e7ec; }
    header.top h1 { margin: 0; font-size: 17px; color: #111111; overflow-wrap: anywhere; }
    #subtitle { margin: 2px 0 4px; color: #555555; font-size: 11px; }
    .legend { display: flex; flex-wrap: wrap; gap: 2px 16px; margin: 0; padding: 0; list-style: none; font-size: 11px; color: #333333; }
    .legend li { display: flex; align-items: center; gap: 4px; }
    #toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 18px; padding: 6px 16px; background: #f6f8fa;
               border-bottom: 1px solid #e3e7ec; }
    #toolbar fieldset { display: flex; flex-wrap: wrap; gap: 2px 10px; margin: 0; padding: 0; border: 0; align-items: center; }
    #toolbar legend { float: left; margin-right: 6px; font-weight: 600; color: #555555; }
    #toolbar label { white-space: nowrap; cursor: pointer; }
    #toolbar label .swatch { display: inline-block; width: 8px; height: 8px; border-radius: 2px; margin-right: 3px; background: #8a9bb0; }
    .search { display: flex; align-items: center; gap: 8px; }
    #search { width: 230px; padding: 3px 6px; font: inherit; border: 1px solid #b8c2cc; border-radius: 4px; }
    #matches { color: #555555; min-width: 8em; }
    .failure { display: flex; align-items: center; gap: 8px; }
    #jump-failure { font: inherit; padding: 3px 10px; border: 1px solid #c01c28; border-radius: 4px; background: #fdecea;
                    color: #a50e0e; font-weight: 600; cursor: pointer; }
    #jump-failure:disabled { border-color: #c5cbd3; background: #f0f2f5; color: #8a939e; cursor: default; }
    #failure-reason { color: #6b7480; font-size: 12px; }
    main { flex: 1; display: flex; min-height: 0; }
    #diagram-pane { flex: 1; min-width: 0; display: flex; }
    #scroller { flex: 1; overflow: auto; position: relative; outline: none; }
    #lane-names { position: sticky; top: 0; height: 30px; z-index: 2; background: rgba(255, 255, 255, 0.94);
                  border-bottom: 1px solid #e3e7ec; }
    #lane-names .lane-name { position: absolute; top: 5px; transform: translateX(-50%); padding: 1px 8px; border: 1px solid #8a9bb0;
                             border-radius: 4px; background: #eef2f7; font: bold 12px "DejaVu Sans Mono", Menlo, Consolas, monospace;
                             white-space: nowrap; max-width: 260px; overflow: hidden; text-overflow: ellipsis; }
    #axis-corner { position: absolute; top: 0; z-index: 1; height: 29px; padding: 7px 10px 0 0; text-align: right;
                   background: #ffffff; color: #555555; font-size: 11px; }
    #sizer { position: relative; }
    #diagram { position: absolute; left: 0; display: block; font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; cursor: pointer; }
    #axis { position: absolute; z-index: 1; display: block; font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }
    #diagram text, #axis text { white-space: pre; }
    #diagram .selected-message line, #diagram .selected-message polyline { stroke-width: 2.6px; }
    #diagram .halo { stroke: #ffffff; stroke-width: 3px; stroke-linejoin: round; paint-order: stroke; }
    #details { width: clamp(260px, 30vw, 400px); flex: none; overflow: auto; padding: 10px 14px; border-left: 1px solid #e3e7ec; background: #fbfcfd; }
    #details h2 { margin: 0 0 6px; font-size: 14px; }
    #details h3 { margin: 12px 0 4px; font-size: 12px; color: #555555; text-transform: uppercase; letter-spacing: 0.04em; }
    #details dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0; }
    #details dt { color: #6b7480; }
    #details dd { margin: 0; overflow-wrap: anywhere; }
    #details pre { margin: 0; padding: 6px 8px; background: #ffffff; border: 1px solid #e3e7ec; border-radius: 4px;
                   white-space: pre-wrap; overflow-wrap: anywhere; font: 12px "DejaVu Sans Mono", Menlo, Consolas, monospace; }
    #details ol { margin: 0; padding: 0; list-style: none; font: 11.5px "DejaVu Sans Mono", Menlo, Consolas, monospace; }
    #details li { padding: 1px 4px; border-radius: 3px; overflow-wrap: anywhere; }
    #details li.link { cursor: pointer; }
    #details li.link:hover { background: #e8f0fb; }
    #details li.current { background: #dbe8fb; font-weight: bold; }
    #details li .when { color: #6b7480; margin-right: 6px; }
    #details .none { color: #8a939e; font-style: italic; }
    .kind-badge { display: inline-block; padding: 0 6px; border-radius: 8px; color: #ffffff; font-size: 11px; font-weight: 600; }
    footer { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 4px 16px; padding: 4px 16px; border-top: 1px solid #e3e7ec;
             background: #f6f8fa; font-size: 12px; color: #444444; }
    kbd { padding: 0 4px; border: 1px solid #c5cbd3; border-bottom-width: 2px; border-radius: 3px; background: #ffffff;
          font: 11px "DejaVu Sans Mono", Menlo, Consolas, monospace; }
    """#
}
