// `npm run docs:env`: rewrites the README's variable table from the registry and the core variables.
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { PROVIDERS } from '../providers.registry.js';
import { renderEnvironmentTable, withEnvironmentTable } from './environment-docs.js';

const path = process.argv[2] ?? 'README.md';
writeFileSync(path, withEnvironmentTable(readFileSync(path, 'utf8'), renderEnvironmentTable(PROVIDERS)));
console.log(`${path}: environment table rewritten`);
