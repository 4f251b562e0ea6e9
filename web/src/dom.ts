// A small element builder, so views are plain functions that return DOM nodes (no framework).

type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | undefined | null | EventListener>;

/** Creates `<tag>` with attributes (`on<event>` entries become listeners) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'className') {
      element.className = String(value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces every child of `parent`. */
export function replace(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, ...children);
}

let idCounter = 0;
/** A document-unique id for label/control pairs. */
export function uniqueId(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

export interface Option {
  value: string;
  label: string;
}

/** A labelled <select>; `onChange` gets the new value. Returns the wrapper and the select. */
export function labelledSelect(
  label: string,
  options: Option[],
  selected: string,
  onChange: (value: string) => void,
  name: string,
): { field: HTMLElement; select: HTMLSelectElement } {
  const id = uniqueId(name);
  const select = h('select', { id, name, 'data-field': name });
  for (const option of options) {
    const element = h('option', { value: option.value }, option.label);
    if (option.value === selected) element.selected = true;
    select.appendChild(element);
  }
  select.addEventListener('change', () => onChange(select.value));
  const field = h('div', { className: 'field' }, h('label', { for: id }, label), select);
  return { field, select };
}
