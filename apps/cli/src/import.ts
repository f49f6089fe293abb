/** Entry point of `npm run import`; see import/import-command.ts. */
import { loadDotEnv } from '../../api/src/config/environment';
import { importLabourDemand, parseArgs, printSummary, runImport } from './import/import-command';

async function main(): Promise<void> {
  loadDotEnv();
  if (process.argv[2] === 'labour-demand') process.exit(await importLabourDemand(process.argv.slice(2), process.env));
  let options;
  try {
    options = parseArgs(process.argv.slice(2), process.env);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  const summary = await runImport(options);
  printSummary(options, summary);
  process.exit(summary.failed > 0 ? 1 : 0);
}

main().catch((err) => {
  console.error(`import failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
