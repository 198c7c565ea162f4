// Just enough of the DOM for render.js: elements, text nodes, attributes, events. Setting innerHTML throws,
// so a test fails if rendering ever parses text as markup.

class Node {
  /** @type {Element | null} */ parentNode = null;
}

export class Text extends Node {
  /** @param {string} data */
  constructor(data) {
    super();
    this.data = String(data);
  }

  get textContent() {
    return this.data;
  }
}

export class Element extends Node {
  /** @param {string} tagName */
  constructor(tagName) {
    super();
    this.tagName = tagName.toUpperCase();
    /** @type {(Element | Text)[]} */
    this.childNodes = [];
    /** @type {Map<string, string>} */
    this.attributes = new Map();
    /** @type {Map<string, Function[]>} */
    this.listeners = new Map();
  }

  get className() {
    return this.getAttribute('class') ?? '';
  }

  set className(value) {
    this.setAttribute('class', value);
  }

  get classList() {
    const classes = this.className.split(/\s+/).filter(Boolean);
    return { contains: (/** @type {string} */ name) => classes.includes(name) };
  }

  get children() {
    return this.childNodes.filter((node) => node instanceof Element);
  }

  get textContent() {
    return this.childNodes.map((node) => node.textContent).join('');
  }

  set textContent(value) {
    this.childNodes = [];
    this.append(new Text(value));
  }

  set innerHTML(_value) {
    throw new Error('innerHTML must not be used');
  }

  /** @param {(Element | Text | string)[]} nodes */
  append(...nodes) {
    for (const node of nodes) {
      const child = typeof node === 'string' ? new Text(node) : node;
      child.parentNode = this;
      this.childNodes.push(child);
    }
  }

  /** @param {string} name @param {string} value */
  setAttribute(name, value) {
    this.attributes.set(name, String(value));
  }

  /** @param {string} name */
  removeAttribute(name) {
    this.attributes.delete(name);
  }

  remove() {
    if (!this.parentNode) return;
    this.parentNode.childNodes = this.parentNode.childNodes.filter((node) => node !== this);
    this.parentNode = null;
  }

  focus() {
    focused.element = this;
  }

  /** @param {string} name */
  getAttribute(name) {
    return this.attributes.get(name) ?? null;
  }

  /** @param {string} type @param {Function} listener */
  addEventListener(type, listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  click() {
    for (const listener of this.listeners.get('click') ?? []) listener({ type: 'click', target: this });
  }

  /**
   * Every descendant element matching the predicate, in document order.
   * @param {(element: Element) => boolean} predicate
   * @returns {Element[]}
   */
  findAll(predicate) {
    return this.children.flatMap((child) => [...(predicate(child) ? [child] : []), ...child.findAll(predicate)]);
  }

  /** @param {string} className */
  byClass(className) {
    return this.findAll((element) => element.classList.contains(className));
  }

  /** @param {string} tagName */
  byTag(tagName) {
    return this.findAll((element) => element.tagName === tagName.toUpperCase());
  }
}

/** Which element has the focus, as `document.activeElement` would say. */
export const focused = { /** @type {Element | null} */ element: null };

export const fakeDocument = {
  /** @param {string} tagName */
  createElement: (tagName) => new Element(tagName),
  /** @param {string} data */
  createTextNode: (data) => new Text(data),
};
