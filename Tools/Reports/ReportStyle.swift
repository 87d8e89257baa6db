/// The style sheet of a training report: large type and strong colours for a projector; the
/// pictures scale with the window.
enum ReportStyle {
  /// The CSS, without `<` or `&`, so the page stays well-formed XML.
  static let css = """
    body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: 24px;
      color: #000; background: #fff; margin: 24px 40px; line-height: 1.35; }
    h1 { font-size: 40px; margin: 0 0 12px 0; }
    h2 { font-size: 32px; margin: 28px 0 8px 0; border-bottom: 3px solid #000; }
    .facts { margin: 0; padding-left: 28px; }
    .side-by-side { display: flex; flex-wrap: wrap; gap: 32px; align-items: flex-start; }
    .figure { flex: 0 1 720px; min-width: 320px; }
    .figure.wide { max-width: 1000px; }
    .notes { flex: 1 1 360px; }
    svg.plot, svg.chart { width: 100%; height: auto; display: block; }
    svg text { font-family: inherit; fill: #000; }
    .tick { font-size: 26px; }
    .axis-name { font-size: 30px; font-style: italic; }
    .legend { font-size: 26px; }
    .off-chart { font-size: 22px; font-style: italic; }
    .frame { fill: none; stroke: #000; stroke-width: 3; }
    .cell.p1 { fill: #f4a261; }
    .cell.p0 { fill: #8ecae6; }
    .boundary { fill: none; stroke: #000; stroke-width: 5; stroke-linecap: round; }
    .point { stroke: #fff; stroke-width: 2.5; }
    .point.label1 { fill: #b34700; }
    .point.label0 { fill: #0b4f8a; }
    .point.wrong { stroke: #000; stroke-width: 5; }
    .grid-line { stroke: #bbb; stroke-width: 1.5; }
    .curve { fill: none; stroke-width: 5; stroke-linejoin: round; }
    .legend-line { stroke-width: 6; }
    .series0 { stroke: #0b4f8a; fill: #0b4f8a; }
    .series1 { stroke: #d95f02; fill: #d95f02; }
    .series2 { stroke: #1b7837; fill: #1b7837; }
    .series3 { stroke: #762a83; fill: #762a83; }
    polyline.curve { fill: none; }
    .legend-list { list-style: none; padding: 0; margin: 0 0 16px 0; }
    .legend-list li { margin: 4px 0; }
    .swatch { display: inline-block; width: 28px; height: 28px; vertical-align: middle;
      margin-right: 8px; border: 2px solid #000; }
    .swatch.point-1 { background: #b34700; border-radius: 50%; border-color: #fff; }
    .swatch.point-0 { background: #0b4f8a; border-radius: 50%; border-color: #fff; }
    .swatch.ring { background: #fff; border-radius: 50%; border-width: 5px; }
    .swatch.area-1 { background: #f4a261; }
    .swatch.area-0 { background: #8ecae6; }
    .swatch.line { height: 0; border-width: 3px; }
    .score { font-size: 30px; font-weight: bold; }
    .readout { font-size: 24px; min-height: 1.4em; }
    .sliders { border: 3px solid #000; padding: 12px 16px; margin: 12px 0; }
    .formula { margin: 0 0 8px 0; }
    .slider { display: flex; align-items: center; gap: 16px; margin: 10px 0; }
    .slider-name { width: 40px; font-size: 30px; font-weight: bold; }
    .slider input { flex: 1; height: 36px; }
    .slider output { width: 90px; text-align: right; font-size: 28px; }
    .gallery { display: grid; gap: 18px; justify-content: start; }
    .sample-figure { margin: 0; padding: 8px; border: 4px solid #1b7837; text-align: center; }
    .sample-figure.wrong { border-color: #c00000; }
    svg.sample { width: 100%; max-width: 112px; height: auto; display: block;
      margin: 0 auto 6px auto; }
    figcaption { font-size: 22px; }
    table.confusion { border-collapse: collapse; font-size: 24px; }
    table.confusion caption { caption-side: bottom; padding-top: 8px; }
    table.confusion th, table.confusion td { border: 2px solid #000; padding: 6px 12px;
      text-align: right; min-width: 2.2em; }
    table.confusion td.dark { color: #fff; font-weight: bold; }
    .footer { margin-top: 32px; font-size: 20px; color: #333; }

    """
}
