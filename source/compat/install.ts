// Run first in the core bundle (scripts/build.mjs injects it): fills in what Node 12 to 19 lack.
// Under Node 20 it adds nothing; the tests run the sources on Node 20 and never load it.
import {installPolyfills, processTarget} from './polyfills.js';

installPolyfills(processTarget());
