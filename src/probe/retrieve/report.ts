/**
 * From targets to what a report needs: the captures (for the rules), the sites' grades (`Report.sites`) and the
 * errors naming each URL that failed. Shared by `ponyguard probe` and `scan PATH --url URL`.
 */
import type { ScanError } from '../../core/finding.js';
import type { ReportSite } from '../../core/report.js';
import { gradeSite } from '../grade.js';
import type { SiteCapture } from '../model.js';
import { captureErrors, probeSites, type ProbeSitesOptions } from './site.js';

export interface RetrievedSites {
  captures: SiteCapture[];
  sites: ReportSite[];
}

export async function retrieveForReport(targets: readonly string[], options: ProbeSitesOptions, errors: ScanError[]): Promise<RetrievedSites> {
  const results = await probeSites(targets, options);
  const captures: SiteCapture[] = [];
  const sites: ReportSite[] = [];
  for (const result of results) {
    if (!result.site) {
      errors.push({ path: result.target, line: null, message: result.error ?? 'cannot be probed' });
      continue;
    }
    captures.push(result.site);
    errors.push(...captureErrors(result.site));
    sites.push(reportSite(result.site, errors));
  }
  return { captures, sites };
}

/** A site's entry in the report: where it ended up and its two grades (null for a site that did not answer). */
export function reportSite(site: SiteCapture, errors: ScanError[]): ReportSite {
  const response = site.main.response;
  let grades: ReturnType<typeof gradeSite> = { observatory: null, django: null };
  if (response) {
    try {
      grades = gradeSite(site);
    } catch (error) {
      errors.push({ path: site.target, line: null, message: `internal error while grading ${site.target}: ${(error as Error).message}; its grades are missing` });
    }
  }
  return { url: site.target, finalUrl: response?.url ?? null, status: response?.status ?? null, observatory: grades.observatory, django: grades.django };
}
