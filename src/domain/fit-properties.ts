export { fitProperties } from './scoring/fit-properties';
