import { el, row, fmt, clear, append } from './dom.js';
import { Traces } from './charts.js';
import { StateGraphView } from './graph.js';

const $ = id => document.getElementById(id);
const traces = new Traces($('traces'));
const graph = new StateGraphView($('graph'));
const body = id => $(id).tBodies[0];

const view = { run: null, steps: new Map(), latest: 0, finished: null, abortAvailable: false, runId: null };
let source = null;

// Server-sent events: the server pushes, the page never polls. EventSource reconnects by itself and the server
// answers every (re)connection with a full snapshot, so a page that missed updates is made whole again.
function connect(runId) {
  if (source) source.close();
  view.runId = runId;
  source = new EventSource(`/api/runs/${encodeURIComponent(runId)}/events`);
  source.onopen = () => { $('connection').textContent = 'live'; };
  source.onerror = () => { $('connection').textContent = 'reconnecting…'; };
  const on = (name, handler) => source.addEventListener(name, e => handler(JSON.parse(e.data)));
  on('snapshot', snapshot);
  on('run', run => { view.run = run; header(); });
  on('transition', t => { transition(t); refreshPrompt(); });
  on('step', step);
  on('telemetry', points => { traces.add(points); for (const p of points) seen(p.t); progress(); });
  on('measurement', measurement);
  on('event', e => { event(e); if (e.source === 'operator') refreshPrompt(); });
  on('command', command);
  on('calibration', () => {});
  on('links', links);
  on('finished', finished => { view.finished = finished; setState(finished.finalState); header(); abortPanel(); progress(); });
}

function snapshot(s) {
  view.run = s.run;
  view.finished = s.finished;
  view.abortAvailable = s.abortAvailable;
  view.steps = new Map();
  view.latest = 0;
  graph.draw(s.graph);
  for (const id of ['verdicts', 'steps', 'events', 'commands', 'links']) clear(body(id));
  const boundaries = s.steps.filter(x => x.topLevel).map(x => ({ t: x.t, label: x.path }));
  traces.reset(s.limits, s.telemetry, boundaries);
  for (const trace of Object.values(s.telemetry)) if (trace.t.length) seen(trace.t[trace.t.length - 1]);
  s.steps.forEach(x => step(x, true));
  s.measurements.forEach(measurement);
  s.events.forEach(event);
  s.commands.forEach(command);
  links(s.links);
  const visited = s.transitions.map(t => t.to);
  s.transitions.forEach(t => seen(t.t));
  graph.highlight(s.state, visited);
  setState(s.state);
  header();
  abortPanel();
  progress();
  refreshPrompt();
  document.body.dataset.ready = 'true';
}

function seen(t) { if (typeof t === 'number' && t > view.latest) view.latest = t; }

function header() {
  const r = view.run;
  $('run-title').textContent = r ? `${r.rig} · ${r.sequence} ${r.version}` : 'waiting for the run to start';
}

function setState(state) {
  $('state').textContent = state;
  $('state').dataset.state = state;
}

function transition(t) {
  seen(t.t);
  setState(t.to);
  graph.highlight(t.to);
  progress();
}

function step(s, fromSnapshot) {
  seen(s.t);
  if (s.end != null) seen(s.end);
  const known = view.steps.get(s.path);
  view.steps.set(s.path, s);
  if (s.topLevel && !known && !fromSnapshot) traces.boundary({ t: s.t, path: s.path });
  const tr = row([s.path, s.kind, s.label, { text: fmt(s.t, 1), className: 'num' },
    { text: s.end != null ? fmt(s.end - s.t, 1) : '…', className: 'num' }, s.status ?? 'running'], `step ${s.status ?? 'running'}`);
  tr.dataset.path = s.path;
  const old = [...body('steps').rows].find(r => r.dataset.path === s.path);
  if (old) old.replaceWith(tr); else append(body('steps'), tr);
  progress();
}

// Step k of n, elapsed rig time, and remaining rig time estimated from the mean duration of the finished top-level steps.
function progress() {
  const top = [...view.steps.values()].filter(s => s.topLevel);
  const n = view.run?.stepCount ?? top[0]?.count ?? 0;
  const current = top.length ? top[top.length - 1] : null;
  const done = top.filter(s => s.end != null);
  let text = `elapsed ${fmt(view.latest, 0)} s rig time`;
  if (n) text = `step ${current ? current.index + 1 : 0} of ${n} · ` + text;
  if (view.finished) {
    text += ` · ${view.finished.outcome}`;
  } else if (done.length && n) {
    const mean = done.reduce((a, s) => a + (s.end - s.t), 0) / done.length;
    const running = current && current.end == null ? Math.min(mean, view.latest - current.t) : 0;
    text += ` · ~${fmt(Math.max(0, mean * (n - done.length) - running), 0)} s remaining`;
  }
  $('progress').textContent = text;
}

function measurement(m) {
  seen(m.t);
  const value = m.value == null ? '—' : `${fmt(m.value)}${m.unit ? ' ' + m.unit : ''}`;
  const bounds = (lo, hi) => (lo == null && hi == null ? '—' : `[${lo == null ? '−∞' : fmt(lo)}, ${hi == null ? '∞' : fmt(hi)}]`);
  const judged = m.verdict !== 'NotSet';
  const evidence = m.evidence && m.evidence.values.length ? `${m.evidence.values.length} samples${m.culprit ? ' · ' + m.culprit : ''}` : '—';
  const tr = row([{ text: fmt(m.t, 1), className: 'num' }, m.step, m.name, (m.parameters ?? []).join(', '), { text: value, className: 'num' }, m.expectation ?? '',
    judged ? bounds(m.low, m.high) : '—', judged ? bounds(m.hardLow, m.hardHigh) : '—',
    { text: judged ? m.verdict : 'record', className: `verdict ${m.verdict}` }, { text: fmt(m.margin), className: 'num' }, judged ? evidence : '—'], 'measurement');
  append(body('verdicts'), tr);
}

function event(e) {
  seen(e.t);
  append(body('events'), row([{ text: fmt(e.t, 1), className: 'num' }, e.source, e.severity, e.message], `event sev-${e.severity}`));
}

function command(c) {
  seen(c.t);
  const stages = el('span');
  stages.appendChild(el('span', 'sent', 'stage'));
  stages.appendChild(c.acceptanceMs != null ? el('span', `accepted +${fmt(c.acceptanceMs, 0)} ms`, 'stage') : el('span', 'not accepted', 'stage missing'));
  if (c.completionMs != null) stages.appendChild(el('span', `completed +${fmt(c.completionMs, 0)} ms`, 'stage'));
  if (!c.succeeded) stages.appendChild(el('span', `failed: ${c.failure ?? 'unknown'}`, 'stage failed'));
  const args = Object.entries(c.arguments ?? {}).map(([k, v]) => `${k}=${v}`).join(', ');
  append(body('commands'), row([{ text: fmt(c.t, 1), className: 'num' }, c.command, args, stages], 'command'));
}

function links(list) {
  const tbody = body('links');
  clear(tbody);
  for (const l of list) {
    tbody.appendChild(row([l.name, { text: l.frames, className: 'num' }, { text: l.framingErrors, className: 'num' },
      { text: l.reconnects, className: 'num' }, { text: l.bytesIn, className: 'num' }, { text: l.bytesOut, className: 'num' }, l.lastError ?? '']));
  }
}

function abortPanel() {
  const live = view.abortAvailable && !view.finished;
  const noToken = $('abort-token').value.trim() === '';
  $('abort-panel').hidden = !live;
  $('abort').disabled = !live || noToken;
  for (const id of ['hold', 'resume', 'prompt-confirm', 'prompt-refuse', 'prompt-abort']) $(id).disabled = !live || noToken;
  if (!live) $('prompt').hidden = true;
}

// The pending prompt is fetched when the run says something changed (an operator event, a transition), never polled.
async function refreshPrompt() {
  if (!view.abortAvailable || view.finished) return;
  const response = await fetch('/api/prompt', { cache: 'no-store' }).catch(() => null);
  const prompt = response && response.status === 200 ? await response.json() : null;
  $('prompt').hidden = !prompt;
  if (!prompt) return;
  $('prompt').dataset.step = prompt.step;
  $('prompt-step').textContent = prompt.step;
  $('prompt-message').textContent = prompt.message;
  $('prompt-next').textContent = prompt.next ? `On confirm the run goes on with ${prompt.next}` : '';
}

// Answers, hold and resume carry the token like the abort: only in the header, only to this page's own origin.
async function operatorAction(path, what) {
  const result = $('operator-result');
  result.className = '';
  result.textContent = `sending ${what}…`;
  try {
    const response = await fetch(path, {
      method: 'POST', mode: 'same-origin', credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer',
      headers: { 'X-Abort-Token': $('abort-token').value.trim() },
    });
    const answer = await response.json().catch(() => ({}));
    if (response.status === 202) {
      result.textContent = `${what} accepted`;
    } else {
      result.className = 'refused';
      result.textContent = `${what} refused (${response.status}): ${answer.reason ?? ''}`;
    }
  } catch (e) {
    result.className = 'refused';
    result.textContent = `${what} failed: ${e}`;
  }
  refreshPrompt();
}

const answerPrompt = answer => operatorAction(`/api/prompt/${answer}?step=${encodeURIComponent($('prompt').dataset.step ?? '')}`, answer);
$('prompt-confirm').addEventListener('click', () => answerPrompt('confirm'));
$('prompt-refuse').addEventListener('click', () => answerPrompt('refuse'));
$('prompt-abort').addEventListener('click', () => answerPrompt('abort'));
$('hold').addEventListener('click', () => operatorAction('/api/hold', 'hold'));
$('resume').addEventListener('click', () => operatorAction('/api/resume', 'resume'));

async function abort() {
  $('abort-confirm').hidden = true;
  const result = $('abort-result');
  result.className = '';
  result.textContent = 'sending abort…';
  try {
    // The token goes only in this header, only to this page's own origin (the server refuses forms and other sites).
    const response = await fetch('/api/abort', {
      method: 'POST', mode: 'same-origin', credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer',
      headers: { 'X-Abort-Token': $('abort-token').value.trim() },
    });
    const answer = await response.json().catch(() => ({}));
    if (response.status === 202) {
      result.textContent = 'abort accepted: the rig is being safed';
    } else {
      result.className = 'refused';
      result.textContent = `abort refused (${response.status}): ${answer.reason ?? ''}`;
    }
  } catch (e) {
    result.className = 'refused';
    result.textContent = `abort failed: ${e}`;
  }
}

$('abort-token').addEventListener('input', abortPanel);
$('abort').addEventListener('click', () => { $('abort-confirm').hidden = false; });
$('abort-no').addEventListener('click', () => { $('abort-confirm').hidden = true; });
$('abort-yes').addEventListener('click', abort);

async function start() {
  const runs = await (await fetch('/api/runs')).json();
  const select = $('runs');
  clear(select);
  for (const r of runs) {
    const label = r.live && !r.sequence ? 'live run' : `#${r.id} ${r.rig} ${r.sequence} ${r.started} ${r.outcome}`;
    const option = el('option', label);
    option.value = r.id;
    select.appendChild(option);
  }
  select.hidden = runs.length < 2;
  const wanted = new URLSearchParams(location.search).get('run');
  const chosen = runs.find(r => r.id === wanted) ?? runs.find(r => r.live) ?? runs[runs.length - 1];
  if (!chosen) { $('connection').textContent = 'no runs in the archive'; return; }
  select.value = chosen.id;
  select.addEventListener('change', () => { history.replaceState(null, '', `?run=${encodeURIComponent(select.value)}`); connect(select.value); });
  connect(chosen.id);
}

start();
