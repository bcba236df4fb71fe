/**
 * Reads `.env` into process.env when there is one (development; production has App Service settings).
 * Imported for its effect, first, by each entry point. Quiet: dotenv would otherwise print a line on
 * stdout, into the button CLI's output.
 */
import dotenv from 'dotenv';

dotenv.config({ quiet: true });
