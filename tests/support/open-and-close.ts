// Opens a database and closes it before any query, then returns: the process must exit by itself.
//   node --import tsx tests/support/open-and-close.ts embedded <dataDir> | server <url> | throwaway <cacheDir>
import { openDatabase } from '../../src/db/open-database.js';
import { openThrowawayDatabase } from '../../src/db/throwaway-database.js';

const [kind = '', where = ''] = process.argv.slice(2);
const database =
  kind === 'embedded'
    ? await openDatabase({ dialect: 'pglite', dataDir: where, holder: 'off' })
    : kind === 'server'
      ? await openDatabase({ dialect: 'postgres', url: where })
      : await openThrowawayDatabase({ dialect: 'pglite', dataDir: 'memory://' }, { cacheDir: where });
await database.close();
process.stdout.write('closed\n');
