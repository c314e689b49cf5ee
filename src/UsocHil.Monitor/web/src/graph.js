import { clear } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const W = 118, H = 34, COL = 150, ROW = 52, PAD = 24;

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

// Lays the state machine out in columns by longest path from the initial state (superstates drawn as a dashed box
// around their children, their transitions taken by every child), so the page needs no diagram library.
export class StateGraphView {
  constructor(root) {
    this.root = root;
    this.nodes = new Map();
    this.visited = new Set();
  }

  draw(graph) {
    clear(this.root);
    this.nodes.clear();
    const parents = new Set(graph.states.map(s => s.parent).filter(Boolean));
    const leaves = graph.states.filter(s => !parents.has(s.name)).map(s => s.name);
    const children = name => graph.states.filter(s => s.parent === name).map(s => s.name);
    const out = new Map(leaves.map(n => [n, new Set()]));
    for (const e of graph.edges) {
      const froms = parents.has(e.from) ? children(e.from) : [e.from];
      for (const f of froms) if (out.has(f) && out.has(e.to) && f !== e.to) out.get(f).add(e.to);
    }
    const rank = new Map();
    const onStack = new Set();
    const depth = n => {
      if (rank.has(n)) return rank.get(n);
      onStack.add(n);
      let r = 0;
      for (const m of out.get(n)) if (!onStack.has(m)) r = Math.max(r, depth(m) + 1);
      onStack.delete(n);
      rank.set(n, r);
      return r;
    };
    leaves.forEach(depth);
    const maxRank = Math.max(0, ...rank.values());
    const columns = new Map();
    for (const n of leaves) {
      const c = maxRank - rank.get(n);
      if (!columns.has(c)) columns.set(c, []);
      columns.get(c).push(n);
    }
    const pos = new Map();
    let rows = 1;
    for (const [c, names] of columns) {
      names.forEach((n, i) => pos.set(n, { x: PAD + c * COL, y: PAD + 14 + i * ROW }));
      rows = Math.max(rows, names.length);
    }
    const width = PAD * 2 + (maxRank + 1) * COL;
    const height = PAD * 2 + 14 + rows * ROW;
    this.root.setAttribute('viewBox', `0 0 ${width} ${height}`);
    const defs = svg('defs');
    const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
    marker.appendChild(svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#90a4ae' }));
    defs.appendChild(marker);
    this.root.appendChild(defs);

    for (const p of parents) {
      const inside = children(p).map(n => pos.get(n)).filter(Boolean);
      if (!inside.length) continue;
      const x0 = Math.min(...inside.map(q => q.x)) - 8, y0 = Math.min(...inside.map(q => q.y)) - 20;
      const x1 = Math.max(...inside.map(q => q.x)) + W + 8, y1 = Math.max(...inside.map(q => q.y)) + H + 8;
      this.root.appendChild(svg('rect', { class: 'super', x: x0, y: y0, width: x1 - x0, height: y1 - y0, rx: 8 }));
      this.root.appendChild(svg('text', { class: 'super-label', x: x0 + 6, y: y0 + 12 }, p));
    }

    for (const [from, tos] of out) {
      for (const to of tos) {
        const a = pos.get(from), b = pos.get(to);
        const x1 = a.x + W, y1 = a.y + H / 2, x2 = b.x, y2 = b.y + H / 2;
        const bend = Math.max(30, (x2 - x1) / 2);
        const path = svg('path', { class: 'edge', d: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}` });
        const labels = graph.edges.filter(e => e.to === to && (e.from === from || children(e.from).includes(from))).map(e => e.label);
        path.appendChild(svg('title', {}, `${from} → ${to}: ${labels.join(', ')}`));
        this.root.appendChild(path);
      }
    }

    for (const n of leaves) {
      const p = pos.get(n);
      const g = svg('g', { class: 'node', 'data-state': n, transform: `translate(${p.x},${p.y})` });
      g.appendChild(svg('rect', { width: W, height: H }));
      g.appendChild(svg('text', { x: W / 2, y: H / 2 }, n));
      this.root.appendChild(g);
      this.nodes.set(n, g);
    }
  }

  highlight(state, visited) {
    if (visited) this.visited = new Set(visited);
    this.visited.add(state);
    for (const [name, g] of this.nodes) {
      g.classList.toggle('current', name === state);
      g.classList.toggle('visited', name !== state && this.visited.has(name));
    }
  }
}
