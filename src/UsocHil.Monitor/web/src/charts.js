import { el, clear } from './dom.js';

const MAX_POINTS = 20000;
const YELLOW = 'rgba(249, 168, 37, 0.18)';
const RED = 'rgba(198, 40, 40, 0.16)';

// One uPlot chart per parameter, with its limit bands (from the rig's limits) and the top-level step boundaries.
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
    this.limits = new Map(limits.map(l => [l.parameter, l]));
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
    box.appendChild(el('h3', name));
    const body = el('div');
    box.appendChild(body);
    this.container.appendChild(box);
    const limit = this.limits.get(name);
    const self = this;
    const opts = {
      width: Math.max(320, body.clientWidth || 420),
      height: 200,
      scales: { x: { time: false }, y: { range: (u, min, max) => yRange(min, max, limit) } },
      legend: { show: false },
      series: [{ label: 'rig s' }, { label: name, stroke: '#1565c0', width: 1.5, spanGaps: true }],
      axes: [{ label: 'rig time (s)' }, {}],
      hooks: {
        drawClear: [u => drawBands(u, limit)],
        draw: [u => drawBoundaries(u, self.boundaries)],
      },
    };
    chart = { name, box, t: [], v: [], plot: new uPlot(opts, [[], []], body) };
    this.charts.set(name, chart);
    return chart;
  }

  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      for (const chart of this.dirty) {
        chart.plot.setData([chart.t, chart.v]);
        chart.box.dataset.points = String(chart.t.length);
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

// Red outside the red band, yellow between the yellow and red bands: the operator sees how close a trace runs.
function drawBands(u, limit) {
  if (!limit) return;
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  const y = v => u.valToPos(v, 'y', true);
  const fill = (from, to, colour) => {
    const a = Math.max(top, Math.min(top + height, y(to)));
    const b = Math.max(top, Math.min(top + height, y(from)));
    if (b > a) { ctx.fillStyle = colour; ctx.fillRect(left, a, width, b - a); }
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
