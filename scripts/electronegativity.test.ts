import { describe, expect, it } from 'vitest';
import { parseFindings } from './electronegativity';

describe('Electronegativity report parsing', () => {
  it('reads severity, check and place, even with commas and quotes in the sample', () => {
    const csv = [
      'issue, severity, confidence, filename, location, sample, description, url',
      'NODE_INTEGRATION_JS_CHECK,"HIGH","FIRM","/x/app/main.ts","54:25","new BrowserWindow({a, b: \\"c\\"})","Disable nodeIntegration",https://x',
      'CSP_GLOBAL_CHECK,"MEDIUM","CERTAIN","N/A","0:0",N/A,"No CSP",https://y',
      '',
    ].join('\n');
    expect(parseFindings(csv)).toEqual([
      {
        check: 'NODE_INTEGRATION_JS_CHECK',
        severity: 'HIGH',
        confidence: 'FIRM',
        file: '/x/app/main.ts',
        location: '54:25',
      },
      { check: 'CSP_GLOBAL_CHECK', severity: 'MEDIUM', confidence: 'CERTAIN', file: 'N/A', location: '0:0' },
    ]);
  });
});
