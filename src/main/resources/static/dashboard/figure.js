// A figure: one chart, its table (the chart's text alternative, and what CSV exports), and its exports.
import * as echarts from '/webjars/echarts/dist/echarts.esm.min.js';

export { echarts };

const PALETTE = ['#1d4e89', '#e07a1f', '#2a9d8f', '#b5179e', '#6a994e', '#8d6e63', '#c1121f', '#457b9d',
                 '#7b2cbf', '#4d908e', '#bc6c25', '#3a5a40', '#5c677d'];

/** Base options every chart shares: the palette, accessible descriptions, and the source line inside the image. */
export function baseOption(source) {
  return {
    color: PALETTE,
    aria: { enabled: true },
    textStyle: { color: '#1a1a1a', fontFamily: 'system-ui, sans-serif' },
    animationDuration: 300,
    graphic: [{ type: 'text', left: 8, bottom: 4, silent: true,
                style: { text: source, fill: '#4a4a4a', fontSize: 11, lineHeight: 15 } }],
  };
}

function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function csvCell(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV with a byte-order mark, so that spreadsheet programs read the accents right. */
export function toCsv(columns, rows) {
  const lines = [columns.map(c => csvCell(c.label)).join(',')];
  rows.forEach(row => lines.push(row.cells.map(csvCell).join(',')));
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

function slug(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-')
             .replace(/^-|-$/g, '');
}

/**
 * Appends a figure to `parent`. spec: { id, title, option (ECharts, or null for a table only), columns:
 * [{label, numeric}], rows: [{cells, onOpen?, mark?}], height, onClick(params), fileName }.
 * Returns { chart, element }. Rows are exactly what the chart shows; CSV exports them unformatted.
 */
export function figure(parent, ctx, spec) {
  const { t, fmt } = ctx;
  const element = document.createElement('section');
  element.className = 'figure';
  element.id = `figure-${spec.id}`;
  element.setAttribute('aria-labelledby', `${element.id}-title`);
  const heading = document.createElement('h2');
  heading.id = `${element.id}-title`;
  heading.textContent = spec.title;
  const tools = document.createElement('div');
  tools.className = 'figure-tools no-print';
  const body = document.createElement('div');
  const chartBox = document.createElement('div');
  chartBox.className = 'chart';
  chartBox.style.height = `${spec.height || 360}px`;
  chartBox.setAttribute('role', 'img');
  chartBox.setAttribute('aria-label', spec.title);
  const table = renderTable(spec.columns, spec.rows, fmt, t);
  const tableBox = document.createElement('div');
  tableBox.className = 'table-box';
  tableBox.append(table);
  body.append(chartBox, tableBox);
  element.append(heading, tools, body);
  parent.append(element);

  const fileName = spec.fileName || `${slug(spec.title)}-${ctx.state.date}`;
  let showTable = !spec.option || ctx.state.tables === '1';
  const toggle = button(t(showTable ? 'showChart' : 'showTable'), 'toggle');
  const apply = () => {
    chartBox.hidden = showTable;
    tableBox.hidden = !showTable && !!spec.option;
    toggle.textContent = t(showTable ? 'showChart' : 'showTable');
    toggle.setAttribute('aria-pressed', String(showTable));
    if (!showTable) chart?.resize();
  };
  toggle.addEventListener('click', () => { showTable = !showTable; apply(); });

  let chart = null;
  if (spec.option) {
    tools.append(toggle);
    chart = echarts.init(chartBox, null, { renderer: 'canvas' });
    chart.setOption(spec.option);
    if (spec.onClick) chart.on('click', spec.onClick);
    ctx.charts.push(chart);
    const png = button(t('exportPng'), 'png');
    png.addEventListener('click', () => exportImage(chart, 'png', fileName));
    const svg = button(t('exportSvg'), 'svg');
    svg.addEventListener('click', () => exportImage(chart, 'svg', fileName));
    tools.append(png, svg);
  } else {
    chartBox.remove();
  }
  const csv = button(t('exportCsv'), 'csv');
  csv.addEventListener('click', () => download(`${fileName}.csv`,
                                               new Blob([toCsv(spec.columns, spec.rows)], { type: 'text/csv' })));
  tools.append(csv);
  apply();
  return { chart, element };
}

function button(text, kind) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.dataset.export = kind;
  return b;
}

/** PNG from a canvas rendering, true SVG (vector, text as text) from an SVG rendering of the same option. */
function exportImage(chart, type, fileName) {
  const width = chart.getWidth();
  const height = chart.getHeight();
  const option = chart.getOption();
  option.animation = false;
  keepLayout(chart, option);
  if (type === 'svg') {
    // A second rendering off screen with the SVG renderer: vector shapes and real text, not a bitmap in an SVG.
    const box = document.createElement('div');
    box.style.cssText = `position:absolute;left:-20000px;top:0;width:${width}px;height:${height}px`;
    document.body.append(box);
    const svg = echarts.init(box, null, { renderer: 'svg', width, height });
    svg.setOption(option);
    const text = svg.renderToSVGString ? svg.renderToSVGString() : box.querySelector('svg').outerHTML;
    svg.dispose();
    box.remove();
    download(`${fileName}.svg`, new Blob([text], { type: 'image/svg+xml' }));
  } else {
    // Decoded here: the page's content security policy lets it fetch nothing but its own origin, data: URLs included.
    const url = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    const bytes = Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), c => c.charCodeAt(0));
    download(`${fileName}.png`, new Blob([bytes], { type: 'image/png' }));
  }
}

/**
 * A force-directed graph is laid out anew on every rendering: the export takes the positions the reader sees (and
 * may have dragged), so that the image is the graph on the screen, not another layout of it.
 */
function keepLayout(chart, option) {
  option.series?.forEach((series, index) => {
    if (series.type !== 'graph' || series.layout !== 'force') return;
    const data = chart.getModel().getSeriesByIndex(index)?.getData();
    if (!data) return;
    series.layout = 'none';
    series.data = series.data.map((item, i) => {
      const [x, y] = data.getItemLayout(i) || [];
      return { ...item, x, y };
    });
  });
}

export function renderTable(columns, rows, fmt, t) {
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  columns.forEach(c => {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = c.label;
    if (c.numeric) th.className = 'num';
    head.append(th);
  });
  if (rows.some(r => r.onOpen)) head.append(document.createElement('th'));
  const tbody = table.createTBody();
  if (!rows.length) {
    const td = tbody.insertRow().insertCell();
    td.colSpan = columns.length;
    td.textContent = '–';
  }
  rows.forEach(row => {
    const tr = tbody.insertRow();
    if (row.mark) tr.className = 'marked';
    row.cells.forEach((cell, i) => {
      const td = tr.insertCell();
      if (columns[i].numeric) {
        td.className = 'num';
        td.textContent = typeof cell === 'number' ? fmt.number(cell) : (cell ?? '–');
      } else {
        td.textContent = cell ?? '–';
      }
    });
    if (row.onOpen) {
      const open = document.createElement('button');
      open.type = 'button';
      open.className = 'link';
      open.textContent = t('open');
      open.setAttribute('aria-label', `${t('open')}: ${row.cells[0]} ${row.cells[1] ?? ''}`.trim());
      open.addEventListener('click', row.onOpen);
      tr.insertCell().append(open);
    }
  });
  return table;
}
