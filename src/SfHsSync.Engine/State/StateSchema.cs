namespace SfHsSync.Engine.State;

/// <summary>
/// The state schema as numbered migrations, shared by the SQLite and PostgreSQL stores. The SQL is kept to the common
/// dialect (TEXT, BIGINT, primary keys); the one difference, a generated id column, is the {IdColumn} placeholder.
/// A store applies the migrations above its version in one transaction under a lock, so it is never half-migrated and
/// two runners starting at once migrate it once.
/// </summary>
internal static class StateSchema
{
    public static readonly IReadOnlyList<string> Migrations = new[]
    {
        // 1: links with last-synced values, watermarks, runs, record errors, conflicts, leases.
        """
        CREATE TABLE links (
            mapping TEXT NOT NULL,
            sf_id TEXT NOT NULL,
            hs_id TEXT NOT NULL,
            synced_values TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (mapping, sf_id)
        );
        CREATE UNIQUE INDEX links_hs ON links (mapping, hs_id);
        CREATE TABLE watermarks (
            mapping TEXT NOT NULL,
            side TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (mapping, side)
        );
        CREATE TABLE runs (
            id {IdColumn},
            mapping TEXT NOT NULL,
            kind TEXT NOT NULL,
            state TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT NULL,
            total BIGINT NULL,
            created_hs BIGINT NOT NULL DEFAULT 0,
            updated_hs BIGINT NOT NULL DEFAULT 0,
            deleted_hs BIGINT NOT NULL DEFAULT 0,
            created_sf BIGINT NOT NULL DEFAULT 0,
            updated_sf BIGINT NOT NULL DEFAULT 0,
            deleted_sf BIGINT NOT NULL DEFAULT 0,
            linked BIGINT NOT NULL DEFAULT 0,
            conflicts BIGINT NOT NULL DEFAULT 0,
            failed BIGINT NOT NULL DEFAULT 0,
            read_count BIGINT NOT NULL DEFAULT 0,
            sf_calls BIGINT NOT NULL DEFAULT 0,
            hs_calls BIGINT NOT NULL DEFAULT 0,
            cursor_value TEXT NULL,
            error TEXT NULL,
            runner TEXT NULL
        );
        CREATE INDEX runs_mapping ON runs (mapping, id);
        CREATE TABLE record_errors (
            mapping TEXT NOT NULL,
            side TEXT NOT NULL,
            record_id TEXT NOT NULL,
            operation TEXT NOT NULL,
            error_code TEXT NOT NULL,
            message TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            attempts BIGINT NOT NULL,
            run_id BIGINT NULL,
            resolved_at TEXT NULL,
            PRIMARY KEY (mapping, side, record_id)
        );
        CREATE TABLE conflicts (
            id {IdColumn},
            mapping TEXT NOT NULL,
            run_id BIGINT NULL,
            sf_id TEXT NOT NULL,
            hs_id TEXT NULL,
            field TEXT NOT NULL,
            sf_value TEXT NULL,
            hs_value TEXT NULL,
            winner TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX conflicts_mapping ON conflicts (mapping, id);
        CREATE TABLE leases (
            mapping TEXT NOT NULL PRIMARY KEY,
            holder TEXT NOT NULL,
            token BIGINT NOT NULL,
            expires_at BIGINT NOT NULL
        );
        """,

        // 2: mapping settings kept in state (activation, and the field pairs of the last run so a changed pair is
        // noticed and its last-synced values reset), and associations made from Salesforce lookups.
        """
        CREATE TABLE mapping_settings (
            mapping TEXT NOT NULL PRIMARY KEY,
            status TEXT NULL,
            status_changed_at TEXT NULL,
            field_pairs TEXT NULL
        );
        CREATE TABLE association_links (
            mapping TEXT NOT NULL,
            sf_id TEXT NOT NULL,
            field TEXT NOT NULL,
            target_sf_id TEXT NULL,
            hs_id TEXT NULL,
            target_hs_id TEXT NULL,
            state TEXT NOT NULL,
            reason TEXT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (mapping, sf_id, field)
        );
        CREATE INDEX association_links_target ON association_links (mapping, field, target_sf_id);
        """,

        // 3: the session that holds a lease (SQLite: host, process id and process start; PostgreSQL: the holder's
        // backend pid and backend start), so a runner finding its holder gone takes the lease over at once.
        """
        ALTER TABLE leases ADD COLUMN session_host TEXT NULL;
        ALTER TABLE leases ADD COLUMN session_id BIGINT NULL;
        ALTER TABLE leases ADD COLUMN session_start TEXT NULL;
        """,

        // 4: what a run's API use is measured against (Export-SyncReport): the fewest calls a run of its size needs on
        // each side, the Salesforce daily allowance as the last answer reported it, and HubSpot's rolling rate limit.
        """
        CREATE TABLE run_api_use (
            run_id BIGINT NOT NULL PRIMARY KEY,
            mapping TEXT NOT NULL,
            sf_min_calls BIGINT NOT NULL,
            hs_min_calls BIGINT NOT NULL,
            sf_daily_used BIGINT NULL,
            sf_daily_max BIGINT NULL,
            hs_rate_limit BIGINT NULL,
            hs_rate_interval_ms BIGINT NULL
        );
        CREATE INDEX run_api_use_mapping ON run_api_use (mapping, run_id);
        """,

        // 5: each record error's category and resolution hint (errors recorded before are sorted from their codes), and
        // each run's association counts.
        """
        ALTER TABLE record_errors ADD COLUMN category TEXT NULL;
        ALTER TABLE record_errors ADD COLUMN hint TEXT NULL;
        """ + ErrorCategories.BackfillSql() + """
        ;
        ALTER TABLE runs ADD COLUMN assoc_created BIGINT NOT NULL DEFAULT 0;
        ALTER TABLE runs ADD COLUMN assoc_moved BIGINT NOT NULL DEFAULT 0;
        ALTER TABLE runs ADD COLUMN assoc_removed BIGINT NOT NULL DEFAULT 0;
        ALTER TABLE runs ADD COLUMN assoc_waiting BIGINT NOT NULL DEFAULT 0;
        ALTER TABLE runs ADD COLUMN assoc_failed BIGINT NOT NULL DEFAULT 0;
        """,

        // 6: the daily allowances a run's calls are shares of: Salesforce's (Sforce-Limit-Info) and HubSpot's daily limit.
        """
        ALTER TABLE runs ADD COLUMN sf_allowance BIGINT NULL;
        ALTER TABLE runs ADD COLUMN hs_daily_limit BIGINT NULL;
        """,

        // 7: each synced field's story: its current origin (side, run, rule, when) kept compactly with the link, and
        // earlier decisions, bounded per field, in field_history.
        """
        ALTER TABLE links ADD COLUMN origins TEXT NULL;
        CREATE TABLE field_history (
            id {IdColumn},
            mapping TEXT NOT NULL,
            sf_id TEXT NOT NULL,
            field TEXT NOT NULL,
            value TEXT NULL,
            side TEXT NOT NULL,
            run_id BIGINT NULL,
            rule TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX field_history_field ON field_history (mapping, sf_id, field, id);
        """,

        // 8: the API versions a run spoke to each side ("Salesforce v68.0, HubSpot 2026-09").
        """
        ALTER TABLE runs ADD COLUMN api_versions TEXT NULL;
        """,

        // 9: each mapping's definition as its last run ran it (the mapping file's YAML for that one mapping, which holds
        // no credentials), the file it was read from, the YAML's SHA-256, when and by which run, so a mapping can be run
        // by its name alone (Get-SyncError | Start-Sync). Written by every Start-Sync and Import-SalesforceObject run.
        // Also: run_api_use becomes the one record of the allowances a run's calls are shares of. It gains HubSpot's
        // daily limit, and both allowances are filled in from migration 6's runs.sf_allowance and runs.hs_daily_limit.
        // Runs no longer write those two columns; they are read only for a run that has no run_api_use row.
        """
        CREATE TABLE mapping_definitions (
            mapping TEXT NOT NULL PRIMARY KEY,
            definition TEXT NOT NULL,
            source_path TEXT NULL,
            definition_hash TEXT NOT NULL,
            stored_at TEXT NOT NULL,
            run_id BIGINT NULL
        );
        ALTER TABLE run_api_use ADD COLUMN hs_daily_limit BIGINT NULL;
        UPDATE run_api_use SET
            sf_daily_max = COALESCE(sf_daily_max, (SELECT runs.sf_allowance FROM runs WHERE runs.id = run_api_use.run_id)),
            hs_daily_limit = (SELECT runs.hs_daily_limit FROM runs WHERE runs.id = run_api_use.run_id);
        """,

        // 10: each run's retries by side and kind (Get-SyncRun's Retries): calls the clients sent again, the state's waits.
        """
        CREATE TABLE run_retries (
            run_id BIGINT NOT NULL,
            mapping TEXT NOT NULL,
            side TEXT NOT NULL,
            kind TEXT NOT NULL,
            retry_count BIGINT NOT NULL,
            PRIMARY KEY (run_id, side, kind)
        );
        CREATE INDEX run_retries_mapping ON run_retries (mapping, run_id);
        """,
    };

    public static int LatestVersion => Migrations.Count;
}
