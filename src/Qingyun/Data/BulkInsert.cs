using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;

namespace Qingyun.Data;

/// <summary>
/// Writes many new rows of one entity type without EF Core's per-row INSERT: binary COPY on PostgreSQL,
/// one prepared INSERT reused in the open transaction on SQLite. Columns, names and value conversions
/// come from the EF model, so rows land exactly as EF would store them. No change tracking and no
/// interceptors: the caller audits the whole operation (decision 006).
/// </summary>
public static class BulkInsert
{
    /// <summary>
    /// Writes the rows in one bulk statement (COPY on PostgreSQL, one prepared INSERT on SQLite), taking them one at a
    /// time: a lazily made sequence of a whole district's rows never has more than one in memory.
    /// </summary>
    public static async Task InsertAsync<T>(this AppDbContext db, IEnumerable<T> rows, CancellationToken ct)
        where T : class
    {
        // Bulk rows skip the figures interceptor: their units are marked for a recount here, in the same transaction,
        // for the same kinds of record it marks (the units collected as the rows go by).
        var units = MarksUnits<T>() ? new HashSet<Guid>() : null;
        await InsertRowsAsync(db, rows, ct, units: units);
        if (units is { Count: > 0 })
        {
            await InsertRowsAsync(db, StaleMarksOf(units), ct);
        }
    }

    /// <summary>Sets of rows up to this long go to PostgreSQL as column arrays in one statement (<see cref="InsertTogetherAsync"/>); longer ones by COPY.</summary>
    private const int ArrayRowsAtMost = 1000;

    /// <summary>
    /// Two sets of new rows written together, all or nothing: a check-in group's attendances and their audit lines.
    /// On PostgreSQL, outside a transaction and for a few hundred rows, in one round trip: per table one prepared
    /// <c>INSERT … SELECT FROM unnest(…)</c> with a typed array per column, the statements sent as one batch, which
    /// PostgreSQL runs as one implicit transaction. A COPY needs two round trips (it waits to be let in before it sends
    /// its rows), and a transaction of two COPYs five: at a busy gate each round trip cost the app and the database a
    /// wake-up and a socket read. Elsewhere (SQLite, a caller's open transaction, long sets) as <see cref="InsertAsync"/>
    /// does, in the caller's transaction or one of its own. Stale marks for the figures go in the same write.
    /// </summary>
    public static async Task InsertTogetherAsync<TFirst, TSecond>(this AppDbContext db, IReadOnlyList<TFirst> first, IReadOnlyList<TSecond> second,
        CancellationToken ct)
        where TFirst : class
        where TSecond : class
    {
        if (db.Database.GetDbConnection() is NpgsqlConnection npgsql && db.Database.CurrentTransaction is null
            && first.Count <= ArrayRowsAtMost && second.Count <= ArrayRowsAtMost)
        {
            if (npgsql.State != System.Data.ConnectionState.Open)
            {
                await db.Database.OpenConnectionAsync(ct);
            }
            await using var batch = new NpgsqlBatch(npgsql);
            var units = new HashSet<Guid>();
            AddArrayInsert(db, batch, first, units);
            AddArrayInsert(db, batch, second, units);
            if (units.Count > 0)
            {
                AddArrayInsert(db, batch, StaleMarksOf(units), null);
            }
            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync(ct);
            }
            return;
        }
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await using (own)
        {
            await db.InsertAsync(first, ct);
            await db.InsertAsync(second, ct);
            if (own is not null)
            {
                await own.CommitAsync(ct);
            }
        }
    }

    /// <summary>One table's rows as an INSERT of column arrays, added to <paramref name="batch"/>; their units into <paramref name="units"/> where the figures count them.</summary>
    private static void AddArrayInsert<T>(AppDbContext db, NpgsqlBatch batch, IReadOnlyList<T> rows, HashSet<Guid>? units)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var (entity, columns, _, _, fromArrays, elements) = Columns<T>(db, null);
        var cells = new ArrayCells(elements, rows.Count);
        var write = BulkCells.WriterFor<T, ArrayCells>(entity, columns);
        for (var i = 0; i < rows.Count; i++)
        {
            cells.Add(write, rows[i], i);
        }
        var command = new NpgsqlBatchCommand(fromArrays);
        foreach (var column in cells.Columns)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = column });
        }
        batch.BatchCommands.Add(command);
        if (units is not null && MarksUnits<T>())
        {
            foreach (var row in rows)
            {
                units.Add(((Domain.IUnitOwned)row).UnitId);
            }
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(IEntityType Entity, string? Into), (List<IProperty> Columns, string Names, string Target, string FromArrays, Type[] Elements)> ColumnsOf = new();

    /// <summary>
    /// The mapped columns of <typeparamref name="T"/> in the model's order, their quoted names, and the quoted table
    /// written to; worked out once per model and table (asking the model for each column's name cost a check-in group
    /// more than its rows).
    /// </summary>
    private static (IEntityType Entity, List<IProperty> Columns, string Names, string Target, string FromArrays, Type[] Elements) Columns<T>(AppDbContext db, string? intoTable)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped");
        var (columns, names, target, fromArrays, elements) = ColumnsOf.GetOrAdd((entity, intoTable), key =>
        {
            var table = StoreObjectIdentifier.Table(key.Entity.GetTableName()!, key.Entity.GetSchema());
            var columns = key.Entity.GetProperties().Where(p => p.GetColumnName(table) is not null).ToList();
            var names = string.Join(", ", columns.Select(c => Quote(c.GetColumnName(table)!)));
            var target = Quote(key.Into ?? table.Name);
            // The same text for any number of rows: Npgsql prepares it once per connection.
            var fromArrays = $"INSERT INTO {target} ({names}) SELECT * FROM unnest({string.Join(", ", columns.Select((_, i) => "$" + (i + 1)))})";
            return (columns, names, target, fromArrays, ArrayCells.ElementsOf(columns));
        });
        return (entity, columns, names, target, fromArrays, elements);
    }

    /// <summary>Whether new rows of <typeparamref name="T"/> leave their units a stale mark (the kinds the figures interceptor marks).</summary>
    private static bool MarksUnits<T>() => typeof(Domain.IUnitOwned).IsAssignableFrom(typeof(T)) && Features.Indicators.StaleMarks.Counts(typeof(T));

    private static List<Domain.Indicators.FigureStale> StaleMarksOf(HashSet<Guid> units)
    {
        var at = DateTimeOffset.UtcNow;
        return [.. units.Select(u => new Domain.Indicators.FigureStale { UnitId = u, At = at })];
    }

    /// <summary>A row refused by a unique index (or key), on either provider.</summary>
    public static bool IsUniqueViolation(Exception e) => e switch
    {
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => true,
        Microsoft.Data.Sqlite.SqliteException { SqliteExtendedErrorCode: 2067 or 1555 } => true, // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
        DbUpdateException { InnerException: { } inner } => IsUniqueViolation(inner),
        _ => false,
    };

    /// <summary>
    /// The same rows into another table with the same columns, without stale marks: the member-import bench's floor (the
    /// imported rows loaded again into tables without indexes or keys).
    /// </summary>
    internal static Task InsertIntoAsync<T>(this AppDbContext db, string table, IEnumerable<T> rows, CancellationToken ct)
        where T : class => InsertRowsAsync(db, rows, ct, table);

    private static async Task InsertRowsAsync<T>(AppDbContext db, IEnumerable<T> rows, CancellationToken ct, string? intoTable = null,
        HashSet<Guid>? units = null)
        where T : class
    {
        if (rows.TryGetNonEnumeratedCount(out var count) && count == 0)
        {
            return;
        }
        var (entity, columns, names, target, _, _) = Columns<T>(db, intoTable);
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        if (connection is NpgsqlConnection npgsql)
        {
            var write = BulkCells.WriterFor<T, CopyCells>(entity, columns);
            await using var copy = await npgsql.BeginBinaryImportAsync($"COPY {target} ({names}) FROM STDIN (FORMAT BINARY)", ct);
            var cells = new CopyCells(copy);
            // Synchronous writes into the COPY buffer (it flushes when full): an awaited call per cell cost
            // more than the cell itself. Bulk writes run in background jobs, never on a request's thread.
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                copy.StartRow();
                write(cells, row);
                units?.Add(((Domain.IUnitOwned)row).UnitId);
            }
            await copy.CompleteAsync(ct);
            return;
        }

        // SQLite runs in-process: one statement prepared on the connection (inside its open transaction, if any) is
        // bound and stepped again for each row.
        var sqlite = ((SqliteConnection)connection).Handle!;
        var insert = $"INSERT INTO {target} ({names}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})";
        var rc = raw.sqlite3_prepare_v2(sqlite, insert, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, sqlite);
        }
        using (statement)
        {
            var write = BulkCells.WriterFor<T, SqliteCells>(entity, columns);
            var cells = new SqliteCells(sqlite, statement);
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                cells.Insert(write, row);
                units?.Add(((Domain.IUnitOwned)row).UnitId);
            }
        }
    }

    /// <summary>
    /// Which of <paramref name="keys"/> already exist in a string column of <typeparamref name="T"/>, with the id
    /// of the row holding each, in any scope (an existence check for uniqueness, like IgnoreQueryFilters). The
    /// keys go into a temporary table in bulk and one join answers: a 100,000-row import asks three questions
    /// instead of 300 batched IN lists.
    /// </summary>
    public static async Task<Dictionary<string, Guid>> ExistingAsync<T>(this AppDbContext db, IEnumerable<string> keys, string property, CancellationToken ct)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var column = Quote(entity.FindProperty(property)!.GetColumnName(table)!);
        var id = Quote(entity.FindPrimaryKey()!.Properties.Single().GetColumnName(table)!);
        var found = new Dictionary<string, Guid>(StringComparer.Ordinal);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            var outer = db.Database.CurrentTransaction?.GetDbTransaction();
            // The keys table lives in a transaction of its own when none is open, and is dropped with it.
            await using var own = outer is null ? await connection.BeginTransactionAsync(ct) : null;
            var transaction = outer ?? own;
            async Task ExecuteAsync(string sql)
            {
                await using var c = connection.CreateCommand();
                c.Transaction = transaction;
                c.CommandText = sql;
                await c.ExecuteNonQueryAsync(ct);
            }
            await ExecuteAsync("DROP TABLE IF EXISTS qy_import_keys");
            if (connection is NpgsqlConnection npgsql)
            {
                await ExecuteAsync("CREATE TEMP TABLE qy_import_keys (k text NOT NULL)");
                await using (var copy = await npgsql.BeginBinaryImportAsync("COPY qy_import_keys (k) FROM STDIN (FORMAT BINARY)", ct))
                {
                    foreach (var key in keys)
                    {
                        await copy.StartRowAsync(ct);
                        await copy.WriteAsync(key, NpgsqlTypes.NpgsqlDbType.Text, ct);
                    }
                    await copy.CompleteAsync(ct);
                }
                await ExecuteAsync("ANALYZE qy_import_keys");
            }
            else
            {
                await ExecuteAsync("CREATE TEMP TABLE qy_import_keys (k TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID");
                await using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT OR IGNORE INTO qy_import_keys (k) VALUES ($k)";
                var parameter = insert.CreateParameter();
                parameter.ParameterName = "$k";
                insert.Parameters.Add(parameter);
                insert.Prepare();
                // In key order the keys table is built by appending, and the join then walks the column's index in
                // order: random blind-index keys otherwise cost a page-cache miss each.
                foreach (var key in keys.Order(StringComparer.Ordinal))
                {
                    parameter.Value = key;
                    insert.ExecuteNonQuery();
                }
            }
            await using (var select = connection.CreateCommand())
            {
                select.Transaction = transaction;
                select.CommandText = $"SELECT t.{column}, t.{id} FROM {Quote(table.Name)} t JOIN qy_import_keys k ON k.k = t.{column}";
                await using var reader = await select.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    found[reader.GetString(0)] = reader.GetGuid(1);
                }
            }
            await ExecuteAsync("DROP TABLE qy_import_keys");
            if (own is not null)
            {
                await own.RollbackAsync(ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return found;
    }

    /// <summary>
    /// SQLite's page cache for one bulk write: the default 2 MB thrashes on the random inserts into the blind-index
    /// B-trees of a district's import. Measured on a 100,000-row import: 16 MB wrote in 4.4 s, 32 MB and 64 MB both in
    /// 2.8 s, and 64 MB held 39 MB more at the import's peak (its budget is 400 MB). Restored when disposed (the
    /// connection is pooled).
    /// </summary>
    public static async Task<IAsyncDisposable?> LargeWriteCacheAsync(this AppDbContext db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            return null;
        }
        await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -32768", ct);
        return new RestoreCache(db);
    }

    private sealed class RestoreCache(AppDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000");
    }

    /// <summary>
    /// On PostgreSQL, takes the foreign-key checks of the bulk writes that follow (until disposed, inside the caller's
    /// transaction) off the per-row triggers: a district's import spent half its write (2–3 s of 5) in one trigger query
    /// per row and key. The caller vouches for the keys: every row it writes points at a row written before it in the
    /// same transaction, or at one of <paramref name="referenced"/>, which are locked here FOR KEY SHARE — what the
    /// per-row checks would lock — so that none can be deleted before the commit; if any is already gone, this throws
    /// and the caller's transaction writes nothing. Only where the app's role may set
    /// <c>session_replication_role</c> (a superuser, or <c>GRANT SET ON PARAMETER session_replication_role</c>, README);
    /// elsewhere, and on SQLite, it returns null and the database checks every row as usual. Unique indexes and check
    /// constraints are not triggers: they are enforced either way. The schema's one trigger of its own keeps audit lines
    /// from being updated or deleted, which a bulk write never does; the audit line of the import itself is written
    /// after this is disposed.
    /// </summary>
    public static async Task<IAsyncDisposable?> KeysVouchedForAsync(this AppDbContext db,
        IReadOnlyList<(string Table, Guid[] Ids)> referenced, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql() || db.Database.CurrentTransaction is null
            || !await db.Database.SqlQueryRaw<bool>("SELECT has_parameter_privilege('session_replication_role', 'SET') AS \"Value\"").SingleAsync(ct))
        {
            return null;
        }
        foreach (var (table, ids) in referenced)
        {
            var distinct = ids.Distinct().ToArray();
            var lockThem = "SELECT count(*)::int AS \"Value\" FROM (SELECT 1 FROM " + Quote(table) + " WHERE \"Id\" = ANY({0}) FOR KEY SHARE) AS locked";
            var found = await db.Database.SqlQueryRaw<int>(lockThem, distinct).SingleAsync(ct);
            if (found != distinct.Length)
            {
                throw new InvalidOperationException($"{distinct.Length - found} of the {table} rows this write points at no longer exist");
            }
        }
        await db.Database.ExecuteSqlRawAsync("SET LOCAL session_replication_role = replica", ct);
        return new RowChecksBack(db);
    }

    private sealed class RowChecksBack(AppDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await db.Database.ExecuteSqlRawAsync("SET LOCAL session_replication_role = origin");
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InFailedSqlTransaction)
            {
                // A write inside the block failed: the transaction rolls back, and the setting with it. Saying so again
                // here would hide the write's own error (a unique refusal, say) behind "transaction aborted".
            }
        }
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
