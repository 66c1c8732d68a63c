using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Npgsql;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.People;
using Qingyun.Features.Rosters;
using Qingyun.Security;

namespace Qingyun.Bench;

/// <summary>
/// Issue 3's roster targets: a generated N-row member file imported through the real handler, beside
/// two floors measured in the same run — reading the file alone, and a bulk load of the same rows
/// (COPY on PostgreSQL, one prepared INSERT in a transaction on SQLite) into index-free copies of the
/// tables — then the member list of the district, first page and a page deep in it.
/// </summary>
public static class MemberImportBench
{
    public static async Task<string> RunAsync(IServiceProvider services, Generated world, int rows, int roster, string provider)
    {
        var branches = await WithDb(services, db => db.OrgUnits.Where(u => EF.Functions.Like(u.Code, "%Z")).Select(u => u.Code).ToListAsync());
        var file = Path.Combine(Path.GetTempPath(), $"members-{rows}.xlsx");
        var clock = Stopwatch.StartNew();
        MiniExcel.SaveAs(file, Rows(rows, branches), overwriteFile: true);
        Console.WriteLine($"  wrote {rows:N0}-row file ({new FileInfo(file).Length / 1024:N0} KB) in {clock.Elapsed.TotalSeconds:F1} s");

        clock.Restart();
        var read = MiniExcel.Query(file, useHeaderRow: true).Count();
        var readSeconds = clock.Elapsed.TotalSeconds;

        var bulkSeconds = await BulkLoadAsync(services, rows, provider);

        GC.Collect();
        var baseline = Process.GetCurrentProcess().WorkingSet64;
        long peak = baseline;
        long peakHeap = 0, peakCommitted = 0;
        var peakAt = "";
        var progress = new Infrastructure.ImportProgress();
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                var now = Process.GetCurrentProcess().WorkingSet64;
                if (now > peak)
                {
                    peak = now;
                    var gc = GC.GetGCMemoryInfo();
                    peakHeap = GC.GetTotalMemory(false);
                    peakCommitted = gc.TotalCommittedBytes;
                    peakAt = progress.Steps.Count > 0 ? $"after \"{StepName(progress.Steps[^1].Step)}\"" : "at the start";
                }
                await Task.Delay(50);
            }
        });
        clock.Restart();
        ImportMembers.Outcome outcome;
        using (var scope = services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentScope>().RunAsSystem("bench");
            await using var stream = File.OpenRead(file);
            outcome = await scope.ServiceProvider.GetRequiredService<ImportMembers.Handler>().Handle(stream, progress, default);
        }
        var importSeconds = clock.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        if (!outcome.Ok)
        {
            throw new InvalidOperationException($"import failed: {outcome.Failures.Count} problems, first: row {outcome.Failures[0].Row} {outcome.Failures[0].Failure.MessageKey}");
        }
        var keyChecks = "";
        if (provider == "Postgres")
        {
            using var scope = services.CreateScope();
            var may = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database
                .SqlQueryRaw<bool>("SELECT has_parameter_privilege('session_replication_role', 'SET') AS \"Value\"").SingleAsync();
            keyChecks = may
                ? " The bench's role may set `session_replication_role` (README): the import locked the units and people its rows point at and skipped the per-row key checks."
                : " The bench's role may not set `session_replication_role`: every row's keys were checked by the database's triggers.";
        }
        var placedSeconds = await LoadWhereTheyGoAsync(services, provider);
        var sameRowsSeconds = await LoadSameRowsAsync(services, provider);

        // The roster at district scale: topped up to `roster` members (bulk-written, not timed), then the
        // member list as a district admin through the scope filter, first page and a page 3/4 of the way in.
        var topUpClock = Stopwatch.StartNew();
        var added = await TopUpAsync(services, rows, roster);
        var topUpSeconds = topUpClock.Elapsed.TotalSeconds;
        var grant = new ScopeGrant(Guid.NewGuid(), world.FirstDistrict.Id, world.FirstDistrict.Path, world.FirstDistrict.Code, world.FirstDistrict.Name, Role.LeagueAdmin);
        var floorMs = (await Latency(services, grant, sp => sp.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync("SELECT 1"))).Median;
        var street = world.FirstStreet.Path;
        var bornBy = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-25);
        var bornAfter = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-29);
        // Each filter with the same set written plainly (as the system, for the bench's own bookkeeping): how
        // many match, and the cursor 3/4 of the way in.
        var filters = new (string Name, MemberFilter Filter, Func<AppDbContext, IQueryable<Guid>> Ids)[]
        {
            ("status 在册", new MemberFilter(Status: Domain.Rosters.MemberStatus.Registered),
                db => db.Memberships.Where(m => m.Status == Domain.Rosters.MemberStatus.Registered).Select(m => m.Id)),
            ("students, status 在册", new MemberFilter(Status: Domain.Rosters.MemberStatus.Registered, IsStudent: true),
                db => db.Memberships.Where(m => m.Status == Domain.Rosters.MemberStatus.Registered && m.IsStudent).Select(m => m.Id)),
            ("joined in 2015", new MemberFilter(JoinedYear: 2015),
                db => db.Memberships.Where(m => m.JoinedOn >= new DateOnly(2015, 1, 1) && m.JoinedOn < new DateOnly(2016, 1, 1)).Select(m => m.Id)),
            ("one street's subtree, status 在册", new MemberFilter(UnitId: world.FirstStreet.Id, Status: Domain.Rosters.MemberStatus.Registered),
                db => db.Memberships.Where(m => m.Status == Domain.Rosters.MemberStatus.Registered && db.OrgUnits.Any(u => u.Id == m.UnitId && u.Path.StartsWith(street))).Select(m => m.Id)),
            ("aged 25 to 28 (joins people before paging)", new MemberFilter(MinAge: 25, MaxAge: 28),
                db => db.Memberships.Where(m => db.People.Any(p => p.Id == m.PersonId && p.BirthDate <= bornBy && p.BirthDate > bornAfter)).Select(m => m.Id)),
        };
        var lists = new List<(string Name, int Matching, (double Median, double P95, int Runs) First, (double Median, double P95, int Runs) Deep)>();
        foreach (var (name, filter, idsOf) in filters)
        {
            var (matching, deepAfter) = await WithDb(services, async db =>
            {
                var q = idsOf(db);
                var count = await q.CountAsync();
                return (count, await q.OrderBy(id => id).Skip(count * 3 / 4).FirstAsync());
            });
            var first = await Latency(services, grant, sp => ListAsync(sp, filter));
            var deep = await Latency(services, grant, sp => ListAsync(sp, filter with { After = deepAfter }));
            lists.Add((name, matching, first, deep));
            Console.WriteLine($"  roster {name}: {matching:N0} match, first {first.Median:F2} ms, deep {deep.Median:F2} ms");
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"### Member import and roster on {provider}: {rows:N0} rows, roster of {roster:N0}");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores.{keyChecks}");
        report.AppendLine();
        report.AppendLine("| what | wall s | rows/s | × floor |");
        report.AppendLine("| --- | ---: | ---: | ---: |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| floor a: read the file alone ({read:N0} rows) | {readSeconds:F1} | {rows / readSeconds:N0} | |");
        var load = provider == "Postgres" ? "COPY" : "prepared INSERT";
        report.AppendLine(CultureInfo.InvariantCulture, $"| floor b: the same rows bulk-loaded — the people, memberships and history the import wrote, loaded again ({load}) into tables with their columns and no indexes or keys | {sameRowsSeconds:F1} | {rows / sameRowsSeconds:N0} | |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| floor c: the same rows loaded where they go — again, in the database, into empty copies of their tables with the same indexes and keys | {placedSeconds:F1} | {rows / placedSeconds:N0} | |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| floor b₀ (before 2026-11-24): one narrow row per file row ({load}, 8 columns, no indexes) | {bulkSeconds:F1} | {rows / bulkSeconds:N0} | |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| import through the app (validate, encrypt, de-duplicate, write, audit) | {importSeconds:F1} | {rows / importSeconds:N0} | **{importSeconds / (readSeconds + sameRowsSeconds):F1} × (a + b)**; {importSeconds / (readSeconds + placedSeconds):F1} × (a + c); {importSeconds / (readSeconds + bulkSeconds):F1} × (a + b₀) |");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Peak working set during the import: {peak / 1024 / 1024:N0} MB, {peakAt} (process baseline before it {baseline / 1024 / 1024:N0} MB; at the peak the GC heap held {peakHeap / 1024 / 1024:N0} MB, live and not yet collected, of {peakCommitted / 1024 / 1024:N0} MB committed; {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC).");
        report.AppendLine();
        report.AppendLine("Where the import's time goes:");
        report.AppendLine();
        report.AppendLine("| step | s |");
        report.AppendLine("| --- | ---: |");
        foreach (var (step, took) in progress.Steps.Where(x => x.Step != "Queued"))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {StepName(step)} | {took.TotalSeconds:F2} |");
        }
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Roster of the district: {roster:N0} members ({added:N0} bulk-added after the import in {topUpSeconds:F1} s), as a district admin through the scope filter; {RosterRuns} runs each after 3 warm-ups. Floor: `SELECT 1` on a pooled connection, {floorMs:F2} ms.");
        report.AppendLine();
        report.AppendLine("| member list, filter | matching | first page median / p95 ms | page 3/4 in median / p95 ms | deep ÷ first | first ÷ floor |");
        report.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, matching, first, deep) in lists)
        {
            var runs = first.Runs < RosterRuns || deep.Runs < RosterRuns ? $" ({first.Runs}/{deep.Runs} runs)" : "";
            report.AppendLine(CultureInfo.InvariantCulture, $"| {name}{runs} | {matching:N0} | {first.Median:F2} / {first.P95:F2} | {deep.Median:F2} / {deep.P95:F2} | {deep.Median / first.Median:F2} | {first.Median / floorMs:F0} |");
        }
        File.Delete(file);
        return report.ToString();
    }

    private const int RosterRuns = 30;

    private static string StepName(string step) => step switch
    {
        "Reading" => "read the file (MiniExcel) into rows",
        "Checking" => "cross-check rows against what the database holds",
        "Writing" => "rest of writing",
        _ => step,
    };

    private static async Task ListAsync(IServiceProvider sp, MemberFilter filter)
    {
        var page = await sp.GetRequiredService<BrowseMembers>().ListAsync(filter, default);
        if (!page.Ok || page.Value!.Items.Count == 0)
        {
            throw new InvalidOperationException("empty roster page");
        }
    }

    /// <summary>More members in the same branches, written in bulk the way the import writes them.</summary>
    private static async Task<int> TopUpAsync(IServiceProvider services, int start, int roster)
    {
        var count = Math.Max(0, roster - start);
        if (count == 0)
        {
            return 0;
        }
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().RunAsSystem("bench");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var sensitive = scope.ServiceProvider.GetRequiredService<SensitiveData>();
        var branches = await db.OrgUnits.Where(u => EF.Functions.Like(u.Code, "%Z")).ToListAsync();
        var now = DateTimeOffset.UtcNow;
        var people = new List<Person>(count);
        var memberships = new List<Domain.Rosters.Membership>(count);
        for (var i = start; i < start + count; i++)
        {
            var unit = branches[i % branches.Count];
            var birth = new DateOnly(1996, 1, 1).AddDays(i % 3000);
            var first17 = $"99{i / 1000 % 100:00}{i / 100000 % 100:00}{birth:yyyyMMdd}{i % 1000:000}";
            var person = new Person
            {
                UnitId = unit.Id, Name = $"团员{i}", Gender = Gender.Female, BirthDate = birth, PoliticalStatus = PoliticalStatus.LeagueMember,
                CreatedAt = now, UpdatedAt = now,
            };
            sensitive.Protect(person, first17 + IdNumber.CheckCharFor(first17), null);
            people.Add(person);
            memberships.Add(new Domain.Rosters.Membership
            {
                PersonId = person.Id, UnitId = unit.Id, MemberNumber = $"BM{i:0000000}", JoinedOn = birth.AddYears(15), JoinedUnitId = unit.Id,
                JoinedUnitName = unit.Name, Status = i % 10 == 0 ? Domain.Rosters.MemberStatus.Floating : Domain.Rosters.MemberStatus.Registered,
                IsStudent = i % 3 == 0, CreatedAt = now, UpdatedAt = now,
            });
        }
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.InsertAsync(people, default);
        await db.InsertAsync(memberships, default);
        await tx.CommitAsync();
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE \"People\", \"Memberships\"");
        }
        return count;
    }

    private static IEnumerable<Dictionary<string, object>> Rows(int count, IReadOnlyList<string> branches)
    {
        for (var i = 0; i < count; i++)
        {
            var birth = new DateOnly(1996, 1, 1).AddDays(i % 3000);
            var first17 = $"99{i / 1000 % 100:00}{i / 100000 % 100:00}{birth:yyyyMMdd}{i % 1000:000}";
            yield return new Dictionary<string, object>
            {
                [ImportMembers.NameHeader] = $"团员{i}", [ImportMembers.IdNumberHeader] = first17 + IdNumber.CheckCharFor(first17),
                [ImportMembers.PhoneHeader] = $"15{i:000000000}", [ImportMembers.NumberHeader] = $"BM{i:0000000}",
                [ImportMembers.JoinedHeader] = birth.AddYears(15).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                [ImportMembers.UnitCodeHeader] = branches[i % branches.Count], [ImportMembers.StatusHeader] = i % 10 == 0 ? "流动" : "在册",
                [ImportMembers.StudentHeader] = i % 3 == 0 ? "是" : "否", [ImportMembers.EthnicityHeader] = "汉族",
            };
        }
    }

    private static async Task<double> BulkLoadAsync(IServiceProvider services, int rows, string provider)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var connection = db.Database.GetConnectionString()!;
        var clock = Stopwatch.StartNew();
        if (provider == "Postgres")
        {
            await using var conn = new NpgsqlConnection(connection);
            await conn.OpenAsync();
            await using (var create = new NpgsqlCommand("DROP TABLE IF EXISTS bench_floor; CREATE TABLE bench_floor (id uuid, name text, id_cipher bytea, id_index text, number text, joined date, unit text, status int)", conn))
            {
                await create.ExecuteNonQueryAsync();
            }
            clock.Restart();
            await using (var copy = await conn.BeginBinaryImportAsync("COPY bench_floor FROM STDIN (FORMAT BINARY)"))
            {
                var cipher = new byte[45];
                for (var i = 0; i < rows; i++)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(Guid.CreateVersion7());
                    await copy.WriteAsync($"团员{i}");
                    await copy.WriteAsync(cipher);
                    await copy.WriteAsync($"{i:x64}");
                    await copy.WriteAsync($"BM{i:0000000}");
                    await copy.WriteAsync(new DateOnly(2015, 5, 4), NpgsqlTypes.NpgsqlDbType.Date);
                    await copy.WriteAsync("B0101");
                    await copy.WriteAsync(1);
                }
                await copy.CompleteAsync();
            }
            return clock.Elapsed.TotalSeconds;
        }
        await using var sqlite = new SqliteConnection(connection);
        await sqlite.OpenAsync();
        await using (var create = sqlite.CreateCommand())
        {
            create.CommandText = "DROP TABLE IF EXISTS bench_floor; CREATE TABLE bench_floor (id TEXT, name TEXT, id_cipher BLOB, id_index TEXT, number TEXT, joined TEXT, unit TEXT, status INTEGER)";
            await create.ExecuteNonQueryAsync();
        }
        clock.Restart();
        await using var tx = (SqliteTransaction)await sqlite.BeginTransactionAsync();
        await using var insert = sqlite.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO bench_floor VALUES ($id, $name, $cipher, $index, $number, $joined, $unit, $status)";
        var ps = new[] { "$id", "$name", "$cipher", "$index", "$number", "$joined", "$unit", "$status" }.Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        await insert.PrepareAsync();
        var blob = new byte[45];
        for (var i = 0; i < rows; i++)
        {
            ps[0].Value = Guid.CreateVersion7().ToString();
            ps[1].Value = $"团员{i}";
            ps[2].Value = blob;
            ps[3].Value = $"{i:x64}";
            ps[4].Value = $"BM{i:0000000}";
            ps[5].Value = "2015-05-04";
            ps[6].Value = "B0101";
            ps[7].Value = 1;
            await insert.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Floor b: the rows the import wrote (people, memberships, history), read back untimed and bulk-loaded again the way the
    /// issue names it (COPY on PostgreSQL, one prepared INSERT in a transaction on SQLite) into tables with their columns and
    /// no indexes, keys or constraints. The copies are dropped afterwards.
    /// </summary>
    private static async Task<double> LoadSameRowsAsync(IServiceProvider services, string provider)
    {
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().RunAsSystem("bench");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var people = await db.People.IgnoreQueryFilters().AsNoTracking().ToListAsync();
        var memberships = await db.Memberships.IgnoreQueryFilters().AsNoTracking().ToListAsync();
        var events = await db.MembershipEvents.IgnoreQueryFilters().AsNoTracking().ToListAsync();
        string[] tables = ["People", "Memberships", "MembershipEvents"];
        foreach (var t in tables)
        {
            // Table names of the bench's own, not input.
            var create = provider == "Postgres"
                ? $"DROP TABLE IF EXISTS \"floor_b_{t}\"; CREATE TABLE \"floor_b_{t}\" (LIKE \"{t}\")"
                : $"DROP TABLE IF EXISTS \"floor_b_{t}\"; CREATE TABLE \"floor_b_{t}\" AS SELECT * FROM \"{t}\" WHERE 0";
            await db.Database.ExecuteSqlRawAsync(create);
        }
        // The import's own write cache on SQLite (BulkInsert.LargeWriteCacheAsync), so the floor is not slowed by a smaller one.
        await using var cache = await db.LargeWriteCacheAsync(default);
        GC.Collect();
        var clock = Stopwatch.StartNew();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await db.InsertIntoAsync("floor_b_People", people, default);
            await db.InsertIntoAsync("floor_b_Memberships", memberships, default);
            await db.InsertIntoAsync("floor_b_MembershipEvents", events, default);
            await tx.CommitAsync();
        }
        var seconds = clock.Elapsed.TotalSeconds;
        foreach (var t in tables)
        {
            var drop = $"DROP TABLE \"floor_b_{t}\"";
            await db.Database.ExecuteSqlRawAsync(drop);
        }
        return seconds;
    }

    /// <summary>
    /// Floor c: what the database itself must do with the rows the import wrote, with no app in between — the
    /// people, memberships and history copied by <c>INSERT … SELECT</c> in one transaction into empty tables made like
    /// theirs (every index, unique key and foreign key). Floor b loads one narrow row per file row into a table
    /// without indexes; this one is the same rows where they go. The copies are dropped afterwards.
    /// </summary>
    private static async Task<double> LoadWhereTheyGoAsync(IServiceProvider services, string provider)
    {
        using var scope = services.CreateScope();
        var connection = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetConnectionString()!;
        string[] tables = ["People", "Memberships", "MembershipEvents"];
        var clock = new Stopwatch();
        if (provider == "Postgres")
        {
            await using var conn = new NpgsqlConnection(connection);
            await conn.OpenAsync();
            var make = new StringBuilder();
            foreach (var t in tables)
            {
                make.Append(CultureInfo.InvariantCulture, $"DROP TABLE IF EXISTS \"floor_{t}\" CASCADE; CREATE TABLE \"floor_{t}\" (LIKE \"{t}\" INCLUDING ALL);");
            }
            // LIKE copies indexes and unique keys but not foreign keys: those are added with their targets renamed.
            var keys = new List<string>();
            await using (var read = new NpgsqlCommand(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(@t)", conn))
            {
                read.Parameters.AddWithValue("t", tables.Select(t => $"\"{t}\"").ToArray());
                await using var r = await read.ExecuteReaderAsync();
                while (await r.ReadAsync())
                {
                    var definition = tables.Aggregate(r.GetString(2), (d, t) => d.Replace($"REFERENCES \"{t}\"", $"REFERENCES \"floor_{t}\"", StringComparison.Ordinal));
                    keys.Add($"ALTER TABLE \"floor_{r.GetString(0).Trim('"')}\" ADD CONSTRAINT \"floor_{r.GetString(1)}\" {definition};");
                }
            }
            await using (var create = new NpgsqlCommand(make + string.Concat(keys), conn))
            {
                await create.ExecuteNonQueryAsync();
            }
            clock.Start();
            await using (var copy = new NpgsqlCommand(
                "BEGIN;" + string.Concat(tables.Select(t => $"INSERT INTO \"floor_{t}\" SELECT * FROM \"{t}\";")) + "COMMIT;", conn))
            {
                copy.CommandTimeout = 600;
                await copy.ExecuteNonQueryAsync();
            }
            clock.Stop();
            await using (var drop = new NpgsqlCommand(string.Concat(tables.Reverse().Select(t => $"DROP TABLE \"floor_{t}\";")), conn))
            {
                await drop.ExecuteNonQueryAsync();
            }
            return clock.Elapsed.TotalSeconds;
        }
        await using var sqlite = new SqliteConnection(connection);
        await sqlite.OpenAsync();
        var schema = new List<string>();
        await using (var read = sqlite.CreateCommand())
        {
            read.CommandText = "PRAGMA foreign_keys = ON; SELECT sql FROM sqlite_master WHERE tbl_name IN ('People', 'Memberships', 'MembershipEvents') AND sql IS NOT NULL ORDER BY type DESC";
            await using var r = await read.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                // The table's own statement and its indexes', with every name of the three tables and of the indexes renamed.
                schema.Add(tables.Aggregate(r.GetString(0), (sql, t) => sql.Replace($"\"{t}\"", $"\"floor_{t}\"", StringComparison.Ordinal))
                    .Replace("INDEX \"", "INDEX \"floor_", StringComparison.Ordinal));
            }
        }
        await using (var create = sqlite.CreateCommand())
        {
            create.CommandText = string.Concat(tables.Reverse().Select(t => $"DROP TABLE IF EXISTS \"floor_{t}\";")) + string.Join(";", schema) + ";";
            await create.ExecuteNonQueryAsync();
        }
        clock.Start();
        await using (var copy = sqlite.CreateCommand())
        {
            // With the import's write cache (32 MB, BulkInsert.LargeWriteCacheAsync): the default 2 MB made this floor slower than the import's own write.
            copy.CommandText = "PRAGMA cache_size = -32768; BEGIN;" + string.Concat(tables.Select(t => $"INSERT INTO \"floor_{t}\" SELECT * FROM \"{t}\";")) + "COMMIT;";
            copy.CommandTimeout = 600;
            await copy.ExecuteNonQueryAsync();
        }
        clock.Stop();
        await using (var drop = sqlite.CreateCommand())
        {
            drop.CommandText = string.Concat(tables.Reverse().Select(t => $"DROP TABLE \"floor_{t}\";"));
            await drop.ExecuteNonQueryAsync();
        }
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Median and p95 of <see cref="RosterRuns"/> runs after 3 warm-ups; fewer when a query is slow (20 s budget).</summary>
    private static async Task<(double Median, double P95, int Runs)> Latency(IServiceProvider services, ScopeGrant grant, Func<IServiceProvider, Task> work)
    {
        var samples = new List<double>();
        var budget = Stopwatch.StartNew();
        for (var i = 0; i < RosterRuns + 3 && (samples.Count == 0 || budget.Elapsed < TimeSpan.FromSeconds(20)); i++)
        {
            using var scope = services.CreateScope();
            scope.ServiceProvider.GetRequiredService<CurrentScope>().Load(Guid.NewGuid(), "bench", [grant]);
            var sw = Stopwatch.StartNew();
            await work(scope.ServiceProvider);
            sw.Stop();
            if (i >= 3 || budget.Elapsed > TimeSpan.FromSeconds(5))
            {
                samples.Add(sw.Elapsed.TotalMilliseconds);
            }
        }
        samples.Sort();
        return (samples[samples.Count / 2], samples[(int)Math.Ceiling(samples.Count * 0.95) - 1], samples.Count);
    }

    private static async Task<T> WithDb<T>(IServiceProvider services, Func<AppDbContext, Task<T>> work)
    {
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().RunAsSystem("bench");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // The bench's own set-up reads (a filter's matches counted, the row three quarters in found by OFFSET) scan the
        // roster; on PostgreSQL the age filter's took over the default 30 s. They are not what is timed.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        return await work(db);
    }
}
