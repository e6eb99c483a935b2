// `node --import ./ts-loader.mjs child.mjs`: registers ts-hooks.mjs. Tests only.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
