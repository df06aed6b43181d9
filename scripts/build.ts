import path from 'node:path';
import { buildProduction } from './build-production.ts';

/** `npm run build`: dist/ for `npm start`. */
const outdir = path.join(import.meta.dirname, '../dist');
await buildProduction(outdir);
process.stdout.write(`built ${path.relative(process.cwd(), outdir) || '.'}/main.js\n`);
