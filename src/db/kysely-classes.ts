// The Kysely classes the database layer loads on demand, while a connection opens. Imported by name: a
// dynamic import of 'kysely' itself would keep every one of its ~300 exports in the built binary, which
// defines each one a start loads (scripts/vendor-script.ts).
export { Kysely, PostgresDialect } from 'kysely';
