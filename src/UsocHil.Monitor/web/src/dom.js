// Every string that comes from the device, the rig files or the archive goes through textContent: never markup.
export function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

export function row(cells, className) {
  const tr = el('tr', undefined, className);
  for (const cell of cells) {
    if (cell instanceof Node) {
      const td = el('td');
      td.appendChild(cell);
      tr.appendChild(td);
    } else if (cell && typeof cell === 'object') {
      tr.appendChild(el('td', cell.text, cell.className));
    } else {
      tr.appendChild(el('td', cell));
    }
  }
  return tr;
}

export function fmt(value, digits = 3) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (typeof value !== 'number') return String(value);
  return Math.abs(value) >= 1e5 || (value !== 0 && Math.abs(value) < 1e-3) ? value.toExponential(digits) : value.toFixed(digits);
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

// Appends to a table body, keeping at most `max` rows (the newest).
export function append(tbody, tr, max = 2000) {
  tbody.appendChild(tr);
  while (tbody.rows.length > max) tbody.deleteRow(0);
}
