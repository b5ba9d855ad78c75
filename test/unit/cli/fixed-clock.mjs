// Loaded with `node --import` into a CLI under test: stops the clock at FIXED_NOW (an ISO
// instant), so a test can run the real executable at a chosen moment in any time zone.
const fixed = Date.parse(process.env.FIXED_NOW ?? '');
if (Number.isNaN(fixed)) throw new Error(`FIXED_NOW is not an instant: ${process.env.FIXED_NOW}`);

const RealDate = Date;
class FixedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(fixed);
    else super(...args);
  }

  static now() {
    return fixed;
  }
}
globalThis.Date = FixedDate;
