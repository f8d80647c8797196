import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { GuardiaError } from '../core/errors.js';
import { MIGRATIONS, type Migration } from './migrations.js';

export type Db = Database.Database;
export type Statement = Database.Statement;

/**
 * `prepare` that compiles each SQL text once per connection. Compiling is most of the cost of
 * a small query, and stores run the same few on every check of every target.
 */
export function statementCache(db: Db): (sql: string) => Statement {
  const cache = new Map<string, Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}

export interface OpenOptions {
  /** A file path, or `:memory:` for tests. */
  path: string;
  migrations?: readonly Migration[];
  /** For exports and reports from a second process: no writes, no migrations. */
  readonly?: boolean;
}

/**
 * Opens the database with WAL (readers never block the writer), a busy timeout (a second
 * process such as `guardia report` waits instead of failing), and applies pending migrations.
 */
export function openDatabase(options: OpenOptions): Db {
  let db: Db;
  try {
    if (options.readonly) {
      db = new Database(options.path, { readonly: true, fileMustExist: true });
      db.pragma('busy_timeout = 5000');
      return db;
    }
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    db = new Database(options.path);
  } catch (err) {
    throw new GuardiaError(
      'STORE_OPEN_FAILED',
      `cannot open the database at ${options.path}: ${(err as Error).message}`,
      { path: options.path },
      err,
    );
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db, options.migrations ?? MIGRATIONS);
  return db;
}

/** Applies, in order and each in its own transaction, the migrations not yet recorded. */
export function migrate(db: Db, migrations: readonly Migration[]): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id TEXT PRIMARY KEY,
    applied_at INTEGER NOT NULL
  )`);
  const applied = new Set(db.prepare('SELECT id FROM schema_migrations').pluck().all() as string[]);
  const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
  const ran: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.id)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.id, Date.now());
    })();
    ran.push(migration.id);
  }
  return ran;
}
