import { cyclonedxReporter } from './cyclonedx.js';
import { githubReporter } from './github.js';
import { htmlReporter } from './html.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import { sarifReporter } from './sarif.js';
import { textReporter } from './text.js';
import type { Reporter } from './types.js';

export type { Reporter, ReporterOptions } from './types.js';

export const REPORTERS: Readonly<Record<string, Reporter>> = {
  text: textReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  cyclonedx: cyclonedxReporter,
  github: githubReporter,
  junit: junitReporter,
  html: htmlReporter,
};

export const FORMATS = Object.keys(REPORTERS);
