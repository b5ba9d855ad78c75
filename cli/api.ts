// What `import { ... } from 'policylens'` gives: the engine, which takes strings and plain
// objects (load a pack from YAML text or from objects, evaluate a flow, explain each
// result), and for Node, reading a pack from a folder and the checklist as text.

export * from '../engine/index.ts';
export { readPack } from './read-pack.ts';
export { renderChecklist as formatChecklist } from './render.ts';
