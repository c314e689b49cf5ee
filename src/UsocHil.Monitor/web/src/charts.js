import { el, clear } from './dom.js';

const MAX_POINTS = 20000;
const YELLOW = 'rgba(249, 168, 37, 0.18)';
const RED = 'rgba(198, 40, 40, 0.16)';

// One uPlot chart per parameter, with its limits (from the rig's limits) and the top-level step boundaries. A limit
// with a condition is shaded only over the spans its condition held; a delta limit marks the samples whose change
// from the previous one went past its yellow or red value.
export class Traces {
  constructor(container) {
    this.container = container;
    this.charts = new Map();
    this.limits = new Map();
    this.boundaries = [];
    this.dirty = new Set();
    this.scheduled = false;
  }

  reset(limits, telemetry, boundaries) {
    for (const chart of this.charts.values()) chart.plot.destroy();
    this.charts.clear();
    clear(this.container);
    this.limits = new Map();
    for (const l of limits) this.limits.set(l.parameter, [...(this.limits.get(l.parameter) || []), l]);
    this.boundaries = boundaries.slice();
    const names = Object.keys(telemetry).sort((a, b) => (this.limits.has(b) - this.limits.has(a)) || a.localeCompare(b));
    for (const name of names) {
      const trace = telemetry[name];
      const chart = this.chart(name);
      chart.t.push(...trace.t);
      chart.v.push(...trace.v);
      this.dirty.add(chart);
    }
    this.schedule();
  }

  add(points) {
    for (const p of points) {
      const chart = this.chart(p.p);
      if (chart.t.length && p.t < chart.t[chart.t.length - 1]) continue;
      chart.t.push(p.t);
      chart.v.push(p.v);
      if (chart.t.length > MAX_POINTS) { chart.t.splice(0, chart.t.length - MAX_POINTS); chart.v.splice(0, chart.v.length - MAX_POINTS); }
      this.dirty.add(chart);
    }
    this.schedule();
  }

  boundary(step) {
    this.boundaries.push({ t: step.t, label: step.path });
    for (const chart of this.charts.values()) this.dirty.add(chart);
    this.schedule();
  }

  pointCount(name) {
    const chart = this.charts.get(name);
    return chart ? chart.t.length : 0;
  }

  chart(name) {
    let chart = this.charts.get(name);
    if (chart) return chart;
    const box = el('div', undefined, 'trace');
    box.dataset.parameter = name;
    box.appendChild(el('h3', [name, ...(this.limits.get(name) || []).map(describe)].filter(Boolean).join(' · ')));
    const body = el('div');
    box.appendChild(body);
    this.container.appendChild(box);
    const limits = this.limits.get(name) || [];
    const banded = limits.find(l => l.yellow && !l.when) || limits.find(l => l.yellow);
    const self = this;
    const opts = {
      width: Math.max(320, body.clientWidth || 420),
      height: 200,
      scales: { x: { time: false }, y: { range: (u, min, max) => yRange(min, max, banded) } },
      legend: { show: false },
      series: [{ label: 'rig s' }, { label: name, stroke: '#1565c0', width: 1.5, spanGaps: true }],
      axes: [{ label: 'rig time (s)' }, {}],
      hooks: {
        drawClear: [u => { for (const l of limits) if (l.yellow) drawBands(u, l, self.spans(l)); }],
        draw: [u => { drawBoundaries(u, self.boundaries); for (const l of limits) if (l.delta) drawChanges(u, l.delta, self.spans(l)); }],
      },
    };
    chart = { name, box, t: [], v: [], plot: new uPlot(opts, [[], []], body) };
    this.charts.set(name, chart);
    return chart;
  }

  // The spans of rig time a limit applied: always without a condition; otherwise from each sample of the condition's
  // parameter that made it true to the first that made it false (or on), never before that parameter's first sample.
  spans(limit) {
    if (!limit.when) return null;
    const condition = this.charts.get(limit.when.parameter);
    const spans = [];
    if (!condition) return spans;
    let from = null;
    for (let i = 0; i < condition.t.length; i++) {
      const holds = condition.v[i] === limit.when.equalTo;
      if (holds && from === null) from = condition.t[i];
      else if (!holds && from !== null) { spans.push([from, condition.t[i]]); from = null; }
    }
    if (from !== null) spans.push([from, Infinity]);
    return spans;
  }

  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      for (const chart of this.dirty) {
        chart.plot.setData([chart.t, chart.v]);
        chart.box.dataset.points = String(chart.t.length);
        const conditional = (this.limits.get(chart.name) || []).find(l => l.when);
        if (conditional) chart.box.dataset.limitSpans = this.spans(conditional).map(([a, b]) => `${a}-${b}`).join(' ');
      }
      // A condition's parameter moves the spans of the limits that depend on it.
      for (const [name, limits] of this.limits) {
        const chart = this.charts.get(name);
        if (chart && limits.some(l => l.when)) chart.plot.redraw(false);
      }
      this.dirty.clear();
    });
  }
}

// Keeps the yellow band in view (and a strip of red beyond it), so the operator sees how close a trace runs to its limits.
function yRange(min, max, limit) {
  if (min == null || max == null) { min = 0; max = 1; }
  if (limit) {
    const [yl, yh] = limit.yellow;
    const pad = 0.04 * (yh - yl);
    return [Math.min(min, yl - pad), Math.max(max, yh + pad)];
  }
  const pad = max > min ? 0.05 * (max - min) : 1;
  return [min - pad, max + pad];
}

// What a chart's heading says of a limit beyond its bands: its delta limit and its condition.
function describe(limit) {
  const parts = [];
  if (limit.delta) parts.push(`Δ yellow ${limit.delta.yellow} red ${limit.delta.red} per ${limit.delta.per}`);
  else if (limit.when) parts.push('limits');
  if (limit.when) parts.push(`while ${limit.when.parameter} = ${limit.when.equalTo}`);
  return parts.join(' ');
}

// The horizontal pixel range of each span (rig seconds), or of the whole plot when the limit always applies.
function columns(u, spans) {
  const { left, width } = u.bbox;
  if (!spans) return [[left, width]];
  const x = v => Math.max(left, Math.min(left + width, u.valToPos(v, 'x', true)));
  return spans.map(([a, b]) => [x(a), x(b === Infinity ? Number.MAX_VALUE / 2 : b) - x(a)]).filter(([, w]) => w > 0);
}

// Red outside the red band, yellow between the yellow and red bands: the operator sees how close a trace runs.
function drawBands(u, limit, spans) {
  const { ctx } = u;
  const { top, height } = u.bbox;
  const y = v => u.valToPos(v, 'y', true);
  const across = columns(u, spans);
  const fill = (from, to, colour) => {
    const a = Math.max(top, Math.min(top + height, y(to)));
    const b = Math.max(top, Math.min(top + height, y(from)));
    if (b <= a) return;
    ctx.fillStyle = colour;
    for (const [x, w] of across) ctx.fillRect(x, a, w, b - a);
  };
  const [yl, yh] = limit.yellow;
  const [rl, rh] = limit.red;
  ctx.save();
  fill(rh, Number.MAX_VALUE / 2, RED);
  fill(-Number.MAX_VALUE / 2, rl, RED);
  fill(yh, rh, YELLOW);
  fill(rl, yl, YELLOW);
  ctx.restore();
}

// A ring round each sample whose change from the previous one (per second of rig time or per sample) passed the
// delta limit's yellow (amber) or red value, while the limit applied.
function drawChanges(u, delta, spans) {
  const [t, v] = u.data;
  const { ctx } = u;
  const applies = s => !spans || spans.some(([a, b]) => s >= a && s < b);
  ctx.save();
  ctx.lineWidth = 2 * devicePixelRatio;
  for (let i = 1; i < t.length; i++) {
    if (v[i] == null || v[i - 1] == null || !applies(t[i])) continue;
    const seconds = t[i] - t[i - 1];
    if (delta.per === 'second' && !(seconds > 0)) continue;
    const change = Math.abs(v[i] - v[i - 1]) / (delta.per === 'second' ? seconds : 1);
    if (change <= delta.yellow) continue;
    ctx.strokeStyle = change > delta.red ? 'rgb(198, 40, 40)' : 'rgb(249, 168, 37)';
    ctx.beginPath();
    ctx.arc(u.valToPos(t[i], 'x', true), u.valToPos(v[i], 'y', true), 4 * devicePixelRatio, 0, 2 * Math.PI);
    ctx.stroke();
  }
  ctx.restore();
}

function drawBoundaries(u, boundaries) {
  const { ctx } = u;
  const { top, height, left, width } = u.bbox;
  ctx.save();
  ctx.strokeStyle = 'rgba(69, 90, 100, 0.7)';
  ctx.setLineDash([4, 4]);
  ctx.fillStyle = '#455a64';
  ctx.font = `${Math.round(10 * devicePixelRatio)}px sans-serif`;
  for (const b of boundaries) {
    const x = u.valToPos(b.t, 'x', true);
    if (x < left || x > left + width) continue;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    ctx.fillText(b.label, x + 3, top + 12 * devicePixelRatio);
  }
  ctx.restore();
}
